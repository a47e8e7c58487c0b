import { Alert, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconEqual, IconFileText, IconPencil, IconUserPlus, IconX } from '@tabler/icons-react';
import type { ImportPreview, ImportStudentChanges, ImportStudentNew } from '../../../electron/api/types';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { Stat } from '../components/Stat';
import { countOf, plural } from '../lib/dates';

type Err = ImportPreview['errors'][number];
const columns: Column<Err>[] = [
  { key: 'row', title: 'Строка', width: '90px', align: 'right', render: (e) => <span className="tnum">{e.row}</span> },
  { key: 'column', title: 'Столбец', width: 'minmax(160px, 1fr)', render: (e) => <Text size="sm" fw={500} truncate>{e.column}</Text> },
  { key: 'message', title: 'Ошибка', width: 'minmax(320px, 3fr)', render: (e) => <Text size="sm" truncate title={e.message}>{e.message}</Text> },
];

/** One changed field of one student; the student's name is shown on the first of their lines. */
interface ChangeLine {
  key: string;
  row: number;
  student: string | null;
  field: string;
  old: string | null;
  new: string | null;
}
const empty = (
  <Text span size="sm" c="dimmed">
    пусто
  </Text>
);
const changeColumns: Column<ChangeLine>[] = [
  { key: 'row', title: 'Строка', width: '84px', align: 'right', render: (c) => (c.student ? <span className="tnum">{c.row}</span> : null) },
  { key: 'student', title: 'Ученик', width: 'minmax(180px, 1.3fr)', render: (c) => (c.student ? <Text size="sm" fw={600}>{c.student}</Text> : null) },
  { key: 'field', title: 'Что меняется', width: 'minmax(200px, 1.6fr)', render: (c) => <Text size="sm">{c.field}</Text> },
  { key: 'old', title: 'Было', width: 'minmax(110px, 1fr)', render: (c) => (c.old === null ? empty : <Text size="sm" c="gray.7" td="line-through">{c.old}</Text>) },
  { key: 'new', title: 'Станет', width: 'minmax(140px, 1.2fr)', render: (c) => (c.new === null ? empty : <Text size="sm" fw={500}>{c.new}</Text>) },
];
const addedColumns: Column<ImportStudentNew>[] = [
  { key: 'row', title: 'Строка', width: '84px', align: 'right', render: (a) => <span className="tnum">{a.row}</span> },
  { key: 'name', title: 'Ученик', width: 'minmax(220px, 2fr)', render: (a) => <Text size="sm" fw={500} truncate>{a.name}</Text> },
  { key: 'class', title: 'Класс', width: '90px', render: (a) => a.className },
  { key: 'guardians', title: 'Родителей', width: '120px', align: 'right', render: (a) => <span className="tnum">{a.guardians}</span> },
];

const tableHeight = (rows: number, rowHeight: number, max: number) => Math.min(rowHeight + rows * rowHeight + 2, max);

/** Every error of a checked file: row, column, reason. */
export function ImportErrors({ errors }: { errors: Err[] }) {
  return (
    <Stack gap={6}>
      <Title order={5}>Ошибки в файле</Title>
      <VirtualTable columns={columns} rowCount={errors.length} getRow={(i) => errors[i]} rowHeight={36} height={tableHeight(errors.length, 36, 460)} testId="import-errors" />
    </Stack>
  );
}

/** Whether a checked file would change anything (students: new or changed ones; staff: any row). */
export function hasWork(preview: ImportPreview): boolean {
  const s = preview.students;
  return s ? s.added.length + s.updated.length > 0 : preview.validRows > 0;
}

/** What a student file does: every changed field of every student it changes, the new students apart. */
function StudentChanges({ changes }: { changes: ImportStudentChanges }) {
  const lines: ChangeLine[] = changes.updated.flatMap((u) =>
    u.changes.map((c, i) => ({
      key: `${u.studentId}-${i}`,
      row: u.row,
      student: i === 0 ? `${u.name}${u.className ? `, ${u.className}` : ''}` : null,
      field: c.field,
      old: c.old,
      new: c.new,
    })),
  );
  return (
    <>
      {changes.updated.length ? (
        <Stack gap={6}>
          <Title order={5}>Изменения в данных учеников</Title>
          <Text size="sm" c="dimmed">
            Пустые ячейки файла ничего не стирают: меняются только заполненные значения, которые отличаются от данных программы.
          </Text>
          <VirtualTable
            columns={changeColumns}
            rowCount={lines.length}
            getRow={(i) => lines[i]}
            getRowKey={(l) => l.key}
            rowHeight={36}
            dynamicHeight
            height={tableHeight(lines.length, 44, 420)}
            testId="import-changes"
            rowProps={(l) => ({ 'data-student': l.student ? 'first' : undefined })}
          />
        </Stack>
      ) : null}
      {changes.added.length ? (
        <Stack gap={6}>
          <Title order={5}>Новые ученики</Title>
          <VirtualTable
            columns={addedColumns}
            rowCount={changes.added.length}
            getRow={(i) => changes.added[i]}
            getRowKey={(a) => String(a.row)}
            rowHeight={36}
            height={tableHeight(changes.added.length, 36, 320)}
            testId="import-added"
          />
        </Stack>
      ) : null}
    </>
  );
}

/** Counts, every error of the check, and for students what the file would change; the import is all-or-nothing. */
export function PreviewStep({ preview, kindLabel }: { preview: ImportPreview; kindLabel: string }) {
  const bad = preview.errors.length > 0;
  const s = preview.students;
  return (
    <Stack gap="md" data-testid="import-preview">
      <SimpleGrid cols={3} data-testid="import-counts">
        <Stat label="Всего строк" value={preview.totalRows} color="gray" icon={<IconFileText size={24} />} testId="count-total" />
        <Stat label="Без ошибок" value={preview.validRows} color="teal" icon={<IconCircleCheck size={24} />} testId="count-valid" />
        <Stat label="С ошибками" value={preview.totalRows - preview.validRows} color={bad ? 'red' : 'gray'} icon={<IconX size={24} />} testId="count-errors" />
      </SimpleGrid>
      {s && !bad ? (
        <SimpleGrid cols={3} data-testid="import-student-counts">
          <Stat label="Новые ученики" value={s.added.length} color="teal" icon={<IconUserPlus size={24} />} testId="count-added" />
          <Stat label="Изменятся данные" value={s.updated.length} color={s.updated.length ? 'blue' : 'gray'} icon={<IconPencil size={24} />} testId="count-updated" />
          <Stat label="Без изменений" value={s.unchanged} color="gray" icon={<IconEqual size={24} />} testId="count-unchanged" />
        </SimpleGrid>
      ) : null}
      {bad ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="Загрузка невозможна, пока в файле есть ошибки" data-testid="import-blocked">
          Найдено: {countOf(preview.errors.length, 'ошибка', 'ошибки', 'ошибок')}. Файл загружается целиком или не загружается совсем: ни одна строка не будет загружена,
          пока файл не исправлен. Исправьте ошибки в Excel, сохраните файл и выберите его снова.
        </Alert>
      ) : !hasWork(preview) && s ? (
        <Alert color="gray" variant="light" icon={<IconEqual size={18} />} title="Менять нечего" data-testid="import-nothing">
          Все ученики из файла уже есть в программе с такими же данными.
        </Alert>
      ) : (
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} title="Ошибок нет" data-testid="import-ok">
          {s
            ? [
                s.added.length ? `будет ${plural(s.added.length, 'добавлен', 'добавлено', 'добавлено')} ${countOf(s.added.length, 'новый ученик', 'новых ученика', 'новых учеников')}` : '',
                s.updated.length ? `изменятся данные ${countOf(s.updated.length, 'ученика', 'учеников', 'учеников')}` : '',
              ]
                .filter(Boolean)
                .join(', ')
                .replace(/^./, (c) => c.toUpperCase()) + '. Проверьте и нажмите «Загрузить».'
            : `${countOf(preview.validRows, 'строка готова', 'строки готовы', 'строк готовы')} к загрузке (${kindLabel}). Нажмите «Загрузить».`}
        </Alert>
      )}
      {bad ? <ImportErrors errors={preview.errors} /> : null}
      {s && !bad ? <StudentChanges changes={s} /> : null}
    </Stack>
  );
}
