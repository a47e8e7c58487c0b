// The term report by teacher (issue 13 point 1; docs/indicators.md «By teacher»): each teacher's
// period marks in the scope — the classes, subgroups and study groups taught — with the totals over
// the five-point lines; sortable by any column.
import { Alert, Group, Loader, ScrollArea, Table, Text } from '@mantine/core';
import type { OpInput } from '../../../../electron/api/contract';
import type { TermTeacher } from '../../../../electron/api/termFiles';
import { useOp } from '../../data/useOp';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SortTh, useSort } from '../../components/sort';
import { num } from './format';

const MARKS = [
  ['5', '«5»'],
  ['4', '«4»'],
  ['3', '«3»'],
  ['2', '«2»'],
  ['na', 'н/а'],
] as const;
const VALUES = [
  ['progress', 'Успев., %'],
  ['quality', 'Кач., %'],
  ['sou', 'СОУ, %'],
  ['average', 'Ср. балл'],
] as const;

/** «Алгебра: 7А, 7Б; Английский язык: 7В (1 подгруппа)» — what a teacher teaches, grouped by subject. */
function taught(t: TermTeacher): string {
  const bySubject = new Map<string, string[]>();
  for (const l of t.lines) {
    const subject = l.figures.subject;
    // A subgroup's line is «7В, Английский язык: 1 подгруппа»: the subject is already the group's head.
    const name = l.kind === 'subgroup' ? l.name.replace(`, ${subject}: `, ' (') + (l.name.includes(`, ${subject}: `) ? ')' : '') : l.name;
    bySubject.set(subject, [...(bySubject.get(subject) ?? []), name]);
  }
  return [...bySubject].map(([subject, names]) => `${subject}: ${names.join(', ')}`).join('; ');
}

export function TeachersTable({ input }: { input: OpInput<'term.byTeacher'> }) {
  const q = useOp('term.byTeacher', input, { keepPrevious: true });
  const teachers = q.data?.teachers ?? [];
  const accessors: Record<string, (t: TermTeacher) => unknown> = { teacher: (t) => t.teacher, n: (t) => t.n };
  for (const [k] of MARKS) accessors[k] = (t) => t.marks[k];
  for (const [k] of VALUES) accessors[k] = (t) => t[k];
  const { sorted, sort, toggle } = useSort(teachers, accessors, { key: 'teacher', desc: false });

  if (q.error) return <ErrorAlert error={q.error} title="Отчёт по учителям не составлен" />;
  if (!q.data)
    return (
      <Group gap="sm" py="sm">
        <Loader size="sm" />
        <Text c="dimmed">Отчёт по учителям составляется…</Text>
      </Group>
    );
  if (!teachers.length)
    return (
      <Alert color="gray" variant="light" data-testid="term-teachers-empty">
        Отметок за период, выставленных учителями в этих классах, нет.
      </Alert>
    );
  return (
    <ScrollArea>
      <Table striped highlightOnHover verticalSpacing={5} horizontalSpacing={8} data-testid="term-teachers-table" data-loaded={q.isFetching ? undefined : ''}>
        <Table.Thead>
          <Table.Tr>
            <SortTh label="Учитель" k="teacher" sort={sort} onSort={toggle} />
            <SortTh label="N" k="n" sort={sort} onSort={toggle} ta="right" title="Отметок за период по предметам с пятибалльной оценкой, кроме «осв.»" />
            {MARKS.map(([k, label]) => (
              <SortTh key={k} label={label} k={k} sort={sort} onSort={toggle} ta="right" />
            ))}
            {VALUES.map(([k, label]) => (
              <SortTh key={k} label={label} k={k} sort={sort} onSort={toggle} ta="right" />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((t) => (
            <Table.Tr key={t.teacherId} data-testid="term-teacher-row" data-teacher={t.teacher}>
              <Table.Td maw={420}>
                <Text size="sm" fw={600} lh={1.25}>
                  {t.teacher}
                </Text>
                <Text size="xs" c="dimmed" lh={1.25} lineClamp={2} title={taught(t)}>
                  {taught(t)}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="tnum">
                {t.n}
              </Table.Td>
              {MARKS.map(([k]) => (
                <Table.Td key={k} ta="right" className="tnum" c={t.marks[k] ? undefined : 'dimmed'}>
                  {t.marks[k]}
                </Table.Td>
              ))}
              {VALUES.map(([k]) => (
                <Table.Td key={k} ta="right" className="tnum" data-testid={`term-teacher-${k}`}>
                  {num(t[k])}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
