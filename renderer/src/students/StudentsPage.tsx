import { useMemo, useState } from 'react';
import { Badge, Button, EmptyState, Group, Select, Stack, Text } from '@mantine/core';
import { LightTooltip } from '../components/LightTooltip';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileImport, IconPlus, IconUsers } from '@tabler/icons-react';
import type { HashRoute } from '../app/useHashRoute';
import { useOp } from '../data/useOp';
import { ErrorAlert } from '../components/ErrorAlert';
import { ExportButton } from '../components/ExportButton';
import { useReadOnly } from '../app/access';
import { PageHeader } from '../components/PageHeader';
import { SearchInput } from '../components/SearchInput';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { countOf, ruDate } from '../lib/dates';
import { GENDER_SHORT, GRADE_OPTIONS } from '../lib/labels';
import { StudentDrawer } from './StudentDrawer';
import { useStudentPages, type StudentQuery } from './useStudentPages';
import type { SchoolClass, StudentRow } from '../../../electron/api/types';

const NO_CLASSES: SchoolClass[] = [];

export function StudentsPage({ route }: { route: HashRoute }) {
  const classesQ = useOp('classes.list');
  const classes = classesQ.data ?? NO_CLASSES;
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [grade, setGrade] = useState<string | null>(null);
  const [classId, setClassId] = useState<string | null>(route.query.get('class'));
  const [sort, setSort] = useState<{ key: StudentQuery['sort']; desc: boolean }>({ key: 'name', desc: false });
  const [open, setOpen] = useState<string | 'new' | null>(null);
  const readOnly = useReadOnly();

  const q: StudentQuery = { search: debounced.trim(), classId, grade: grade ? Number(grade) : null, sort: sort.key, desc: sort.desc };
  const { total, rows, error, onRange } = useStudentPages(q);

  const classOptions = useMemo(() => classes.filter((c) => !grade || c.grade === Number(grade)).map((c) => ({ value: c.id, label: `${c.name} (${c.studentCount})` })), [classes, grade]);

  const columns: Column<StudentRow>[] = [
    { key: 'n', title: '№', width: '56px', align: 'right', render: (_, i) => <Text size="sm" c="dimmed" className="tnum">{i + 1}</Text> },
    { key: 'name', title: 'Фамилия Имя Отчество', width: 'minmax(200px, 1.6fr)', sortable: true, render: (r) => <Text size="sm" fw={500} truncate title={r.fullName}>{r.fullName}</Text> },
    { key: 'class', title: 'Класс', width: '92px', sortable: true, render: (r) => (r.className ? <Text size="sm" fw={600}>{r.className}</Text> : <Text size="sm" c="dimmed">—</Text>) },
    { key: 'birthDate', title: 'Дата рождения', width: '128px', sortable: true, render: (r) => <span className="tnum">{ruDate(r.birthDate)}</span> },
    { key: 'gender', title: 'Пол', width: '56px', render: (r) => (r.gender ? GENDER_SHORT[r.gender] : '') },
    { key: 'snils', title: 'СНИЛС', width: '140px', render: (r) => <span className="tnum">{r.snils ?? ''}</span> },
    { key: 'guardians', title: 'Родители (законные представители)', width: 'minmax(150px, 2fr)', render: (r) => <Text size="sm" c="dimmed" truncate title={r.guardians}>{r.guardians}</Text> },
    {
      key: 'eservice',
      title: 'Эл. дневник',
      width: '96px',
      render: (r) =>
        r.eServiceRefused ? (
          <LightTooltip label="Родитель отказался от электронного дневника: нужна печатная выписка">
            <Badge size="sm" color="orange" variant="light">
              отказ
            </Badge>
          </LightTooltip>
        ) : null,
    },
  ];

  const filtered = !!(q.search || q.classId || q.grade);
  return (
    <Stack gap="md">
      <PageHeader
        title="Ученики"
        description="Контингент текущего учебного года"
        actions={
          <>
            {readOnly ? null : (
              <Button variant="default" component="a" href="#/import" leftSection={<IconFileImport size={16} />}>
                Загрузить из Excel
              </Button>
            )}
            <ExportButton list="students" students={{ search: q.search || undefined, classId: q.classId, grade: q.grade ?? undefined, sort: q.sort, desc: q.desc }} />
            {readOnly ? null : (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen('new')} data-testid="student-add">
                Добавить ученика
              </Button>
            )}
          </>
        }
      />
      <Group gap="xs" justify="space-between">
        <Group gap="xs">
          <SearchInput value={search} onChange={setSearch} w={340} placeholder="Фамилия, имя, класс или СНИЛС" data-testid="students-search" />
          <Select
            placeholder="Все параллели"
            data={GRADE_OPTIONS}
            value={grade}
            onChange={(v) => {
              setGrade(v);
              if (v && classId && classes.find((c) => c.id === classId)?.grade !== Number(v)) setClassId(null);
            }}
            clearable
            allowDeselect
            w={170}
            data-testid="students-grade"
          />
          <Select
            placeholder="Все классы"
            data={classOptions}
            value={classId}
            onChange={setClassId}
            searchable
            clearable
            allowDeselect
            w={170}
            nothingFoundMessage="Нет такого класса"
            data-testid="students-class"
          />
        </Group>
        <Text size="sm" c="dimmed" data-testid="students-total">
          {total === null ? 'Загрузка…' : filtered ? `Найдено: ${total.toLocaleString('ru-RU')}` : countOf(total, 'ученик', 'ученика', 'учеников')}
        </Text>
      </Group>
      {error ? <ErrorAlert error={error} title="Список не загружен" /> : null}
      {classesQ.error ? <ErrorAlert error={classesQ.error} title="Список классов не загружен" /> : null}
      <VirtualTable
        columns={columns}
        rowCount={total ?? 0}
        getRow={(i) => rows.get(i)}
        getRowKey={(r) => r.id}
        height="calc(100vh - 232px)"
        sort={sort}
        onSort={(key) => setSort((s) => ({ key: key as StudentQuery['sort'], desc: s.key === key ? !s.desc : false }))}
        onRowClick={(r) => setOpen(r.id)}
        onRangeChange={onRange}
        resetKey={JSON.stringify(q)}
        testId="students-table"
        empty={
          total === null ? null : filtered ? (
            <Text ta="center" c="dimmed" size="sm">
              Никого не найдено. Измените запрос или снимите фильтры.
            </Text>
          ) : (
            <EmptyState
              icon={<IconUsers size={28} />}
              withIndicatorBackground
              title="Учеников пока нет"
              description="Загрузите список из Excel (например, выгрузку из модуля зачисления) или добавьте учеников по одному."
            />
          )
        }
      />
      <StudentDrawer
        id={open}
        classes={classes}
        defaultClassId={classId}
        onClose={() => setOpen(null)}
      />
    </Stack>
  );
}
