import { useImperativeHandle, useState } from 'react';
import { Alert, Button, EmptyState, Group, Loader, Paper, Table, Text, ThemeIcon } from '@mantine/core';
import { IconFileImport, IconUsers, IconList, IconPlus } from '@tabler/icons-react';
import { useOp } from '../data/useOp';
import { ErrorAlert } from '../components/ErrorAlert';
import type { EditorProps } from '../components/stepHandle';
import { countOf, ruDate } from '../lib/dates';
import { StudentDrawer } from '../students/StudentDrawer';
import type { SchoolClass } from '../../../electron/api/types';

const NO_CLASSES: SchoolClass[] = [];

/** The last step: load the students (import), see how many there are and the first rows. */
export function StudentsStep({ handleRef }: EditorProps) {
  const pageQ = useOp('students.list', { sort: 'class', limit: 12 });
  const classesQ = useOp('classes.list');
  const classList = classesQ.data ?? NO_CLASSES;
  const page = pageQ.data;
  const [adding, setAdding] = useState(false);
  const classes = classList.length;
  useImperativeHandle(handleRef, () => ({ save: async () => true }));
  const error = pageQ.error ?? classesQ.error;
  if (error) return <ErrorAlert error={error} title="Список не загружен" />;
  if (!page) return <Loader size="sm" />;
  return (
    <Paper p="lg">
      <Group justify="space-between" mb="md">
        <Group gap="md">
          <ThemeIcon size={48} radius="md" variant="light">
            <IconUsers size={26} />
          </ThemeIcon>
          <div>
            <Text fz={28} fw={700} className="tnum" lh={1.1} data-testid="wizard-students-count">
              {page.total.toLocaleString('ru-RU')}
            </Text>
            <Text size="sm" c="dimmed">
              {countOf(page.total, 'ученик', 'ученика', 'учеников').replace(/^[\d\s\u00a0]+/, '')} в базе
            </Text>
          </div>
        </Group>
        <Group gap="xs">
          <Button component="a" href="#/import" leftSection={<IconFileImport size={16} />} data-testid="wizard-import-link">
            Загрузить учеников из Excel
          </Button>
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-testid="wizard-student-add">
            Добавить вручную
          </Button>
          <Button component="a" href="#/students" variant="default" leftSection={<IconList size={16} />}>
            Открыть список
          </Button>
        </Group>
      </Group>
      {classes === 0 ? (
        <Alert color="yellow" variant="light" mb="md">
          Сначала создайте классы (шаг 6): в файле у каждого ученика указывается класс, и он должен существовать.
        </Alert>
      ) : null}
      {page.total === 0 ? (
        <EmptyState
          py={32}
          icon={<IconUsers size={28} />}
          withIndicatorBackground
          title="Учеников пока нет"
          description="Загрузите список из Excel: ФИО, дата рождения, класс, родители и их телефоны. Столбцы можно назвать как угодно — на следующем шаге их сопоставят с полями программы."
        />
      ) : (
        <>
          <Table striped verticalSpacing={5} data-testid="wizard-students-preview">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Фамилия Имя Отчество</Table.Th>
                <Table.Th w={80}>Класс</Table.Th>
                <Table.Th w={140}>Дата рождения</Table.Th>
                <Table.Th>Родители</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td fw={500}>{r.fullName}</Table.Td>
                  <Table.Td>{r.className ?? '—'}</Table.Td>
                  <Table.Td className="tnum">{ruDate(r.birthDate)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed" lineClamp={1}>
                      {r.guardians}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {page.total > page.rows.length ? (
            <Text size="xs" c="dimmed" mt={6}>
              Показаны первые {page.rows.length} из {page.total.toLocaleString('ru-RU')}.
            </Text>
          ) : null}
        </>
      )}
      <StudentDrawer
        id={adding ? 'new' : null}
        classes={classList}
        defaultClassId={null}
        onClose={() => setAdding(false)}
      />
    </Paper>
  );
}
