// The term report by class and by subject (issue 13 point 1): sortable tables whose counts open
// the students behind them.
import { ScrollArea, Table, Text } from '@mantine/core';
import type { TermClassReport, TermList, TermSubjectFigures } from '../../../../electron/api/term';
import { SortTh, useSort } from '../../components/sort';
import { CountButton } from './FiguresTable';
import { num } from './format';

type Open = (title: string, context: string, list: TermList) => void;

const CLASS_COUNTS = [
  ['counted', 'Уч-ся'],
  ['n', 'N'],
  ['excellent', 'Отл.'],
  ['good', 'Хор.'],
  ['oneFour', '1 «4»'],
  ['satisfactory', 'На «3»'],
  ['oneThree', '1 «3»'],
  ['failing', 'Неусп.'],
  ['notAttested', 'Н/а'],
  ['exempt', 'Осв.'],
] as const;
const LONG: Record<(typeof CLASS_COUNTS)[number][0], string> = {
  counted: 'Учеников',
  n: 'Учтено (N)',
  excellent: 'Отличники',
  good: 'Хорошисты',
  oneFour: 'Хорошисты с одной «4»',
  satisfactory: 'Успевают на «3»',
  oneThree: 'С одной «3»',
  failing: 'Неуспевающие',
  notAttested: 'Не аттестованы (н/а)',
  exempt: 'Освобождены (осв.)',
};
const VALUE_TITLES = { progress: 'Успеваемость, %', quality: 'Качество знаний, %', sou: 'Степень обученности, %', average: 'Средний балл' };
const VALUES = [
  ['progress', 'Усп., %'],
  ['quality', 'Кач., %'],
  ['sou', 'СОУ, %'],
  ['average', 'Ср. балл'],
] as const;

export function ClassesTable({ classes, period, open }: { classes: TermClassReport[]; period: string; open: Open }) {
  const accessors: Record<string, (c: TermClassReport) => unknown> = { class: (c) => c.grade * 100 + c.className.charCodeAt(c.className.length - 1) };
  for (const [k] of CLASS_COUNTS) accessors[k] = (c) => c.figures[k].count;
  for (const [k] of VALUES) accessors[k] = (c) => c.figures[k];
  const { sorted, sort, toggle } = useSort(classes, accessors, { key: 'class', desc: false });
  return (
    // Fourteen figures a class: at 1280 px wide the table may scroll sideways, by design.
    <ScrollArea data-scroll-x>
      <Table striped highlightOnHover verticalSpacing={5} horizontalSpacing={5} fz={13} data-testid="term-classes-table">
        <Table.Thead>
          <Table.Tr>
            <SortTh label="Класс" k="class" sort={sort} onSort={toggle} />
            {CLASS_COUNTS.map(([k, label]) => (
              <SortTh key={k} label={label} k={k} sort={sort} onSort={toggle} ta="right" title={LONG[k]} style={{ whiteSpace: 'nowrap' }} />
            ))}
            {VALUES.map(([k, label]) => (
              <SortTh key={k} label={label} k={k} sort={sort} onSort={toggle} ta="right" style={{ whiteSpace: 'nowrap' }} title={VALUE_TITLES[k]} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((c) => (
            <Table.Tr key={c.classId} data-testid="term-class-row" data-class={c.className}>
              <Table.Td fw={600}>{c.className}</Table.Td>
              {CLASS_COUNTS.map(([k]) => (
                <Table.Td key={k} ta="right">
                  <CountButton value={c.figures[k].count} testId={`term-class-${k}`} onOpen={() => open(LONG[k], `${c.className}, ${period}`, c.figures[k])} />
                </Table.Td>
              ))}
              {VALUES.map(([k]) => (
                <Table.Td key={k} ta="right" className="tnum">
                  {num(c.figures[k])}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

const MARKS = [
  ['5', '«5»'],
  ['4', '«4»'],
  ['3', '«3»'],
  ['2', '«2»'],
  ['na', 'н/а'],
  ['exempt', 'осв.'],
  ['pass', 'зач'],
  ['fail', 'незач'],
] as const;

export function SubjectsTable({ subjects, context, open }: { subjects: TermSubjectFigures[]; context: string; open: Open }) {
  const accessors: Record<string, (s: TermSubjectFigures) => unknown> = { subject: (s) => s.subject, n: (s) => s.n };
  for (const [k] of MARKS) accessors[k] = (s) => s.marks[k].count;
  for (const [k] of VALUES) accessors[k] = (s) => s[k];
  // The school's order of subjects first (as the core gives them); a click sorts by a column.
  const { sorted, sort, toggle } = useSort(subjects, accessors, { key: '', desc: false });
  const passFail = subjects.some((s) => s.grading === 'pass_fail');
  const shown = MARKS.filter(([k]) => passFail || (k !== 'pass' && k !== 'fail'));
  return (
    <ScrollArea>
      <Table striped highlightOnHover verticalSpacing={5} horizontalSpacing={8} data-testid="term-subjects-table">
        <Table.Thead>
          <Table.Tr>
            <SortTh label="Предмет" k="subject" sort={sort} onSort={toggle} />
            <SortTh label="N" k="n" sort={sort} onSort={toggle} ta="right" title="Учеников с отметкой за период по предмету, кроме «осв.»" />
            {shown.map(([k, label]) => (
              <SortTh key={k} label={label} k={k} sort={sort} onSort={toggle} ta="right" style={{ whiteSpace: 'nowrap' }} />
            ))}
            {VALUES.map(([k, label]) => (
              <SortTh key={k} label={label} k={k} sort={sort} onSort={toggle} ta="right" style={{ whiteSpace: 'nowrap' }} title={VALUE_TITLES[k]} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((s) => (
            <Table.Tr key={s.subjectId} data-testid="term-subject-row" data-subject={s.subject}>
              <Table.Td>{s.subject}</Table.Td>
              <Table.Td ta="right" className="tnum">
                {s.n}
              </Table.Td>
              {shown.map(([k, label]) => (
                <Table.Td key={k} ta="right">
                  {s.grading !== 'five_point' && ['5', '4', '3', '2'].includes(k) ? (
                    <Text span c="dimmed">
                      —
                    </Text>
                  ) : (
                    <CountButton value={s.marks[k].count} testId={`term-subject-${k}`} onOpen={() => open(`${s.subject}: ${label}`, context, s.marks[k])} />
                  )}
                </Table.Td>
              ))}
              {VALUES.map(([k]) => (
                <Table.Td key={k} ta="right" className="tnum">
                  {num(s[k])}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
