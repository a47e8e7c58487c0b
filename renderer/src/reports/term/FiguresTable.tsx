// The figures of the term report with the comparison (issue 13 point 1): each count a button that
// opens the students behind it; the previous period and the same period a year ago beside it, each
// with its change. The definitions are the tooltips of the labels (INDICATORS, docs/indicators.md).
import { Group, Paper, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { TermComparison, TermFigures, TermReport } from '../../../../electron/api/term';
import { INDICATORS } from '../../../../electron/api/indicators';
import { change, deltaColor, isList, num, signed, valueOf, type FigureRow, type ListKey } from './format';

export const FIGURE_ROWS: FigureRow[] = [
  { key: 'counted', label: 'Учеников', definition: 'Ученики в списке класса на последний день периода: выбывшие до конца периода не считаются, прибывшие считаются.', dir: 'neutral', digits: 0 },
  {
    key: 'n',
    label: 'Учтено (N)',
    definition: 'Число, от которого считаются проценты: ученики без тех, у кого нет ни одной отметки за период по аттестуемым предметам, и освобождённых от всех предметов.',
    dir: 'neutral',
    digits: 0,
  },
  { key: 'excellent', label: INDICATORS.excellent.name, definition: INDICATORS.excellent.definition, dir: 'up', digits: 0 },
  { key: 'good', label: INDICATORS.good.name, definition: INDICATORS.good.definition, dir: 'up', digits: 0 },
  { key: 'oneFour', label: 'с одной «4»', definition: INDICATORS.oneFour.definition, sub: true, dir: 'neutral', digits: 0 },
  { key: 'satisfactory', label: INDICATORS.satisfactory.name, definition: INDICATORS.satisfactory.definition, dir: 'neutral', digits: 0 },
  { key: 'oneThree', label: 'с одной «3»', definition: INDICATORS.oneThree.definition, sub: true, dir: 'neutral', digits: 0 },
  { key: 'failing', label: INDICATORS.failing.name, definition: INDICATORS.failing.definition, dir: 'down', digits: 0 },
  { key: 'notAttested', label: INDICATORS.notAttested.name, definition: INDICATORS.notAttested.definition, dir: 'down', digits: 0 },
  { key: 'exempt', label: INDICATORS.exempt.name, definition: INDICATORS.exempt.definition, dir: 'neutral', digits: 0 },
  { key: 'progress', label: INDICATORS.progress.name, definition: INDICATORS.progress.definition, dir: 'up', digits: 1 },
  { key: 'quality', label: INDICATORS.quality.name, definition: INDICATORS.quality.definition, dir: 'up', digits: 1 },
  { key: 'sou', label: INDICATORS.sou.name, definition: INDICATORS.sou.definition, dir: 'up', digits: 1 },
  { key: 'average', label: INDICATORS.average.name, definition: INDICATORS.average.definition, dir: 'up', digits: 2 },
];

export const LIST_LABELS = Object.fromEntries(FIGURE_ROWS.map((r) => [r.key, r.label === 'с одной «4»' ? 'Хорошисты с одной «4»' : r.label === 'с одной «3»' ? 'С одной «3»' : r.label])) as Record<ListKey, string>;

/** A count that opens its list; zero is plain. */
export function CountButton({ value, onOpen, testId }: { value: number; onOpen: () => void; testId: string }) {
  if (!value)
    return (
      <Text span c="dimmed" className="tnum" data-testid={testId}>
        0
      </Text>
    );
  return (
    <UnstyledButton
      onClick={onOpen}
      data-testid={testId}
      className="tnum"
      title="Показать список учеников"
      style={{ color: 'var(--mantine-color-anchor)', fontWeight: 600, textDecoration: 'underline dotted', textUnderlineOffset: 3 }}
    >
      {value.toLocaleString('ru-RU')}
    </UnstyledButton>
  );
}

function Cell({ f, row, prefix, open }: { f: TermFigures; row: FigureRow; prefix: string; open: (key: ListKey, f: TermFigures) => void }) {
  const k = row.key;
  if (isList(k)) return <CountButton value={f[k].count} onOpen={() => open(k, f)} testId={`${prefix}-${k}`} />;
  return (
    <Text span className="tnum" fw={600} data-testid={`${prefix}-${k}`}>
      {num(f[k])}
    </Text>
  );
}

function Compared({ c, now, row, prefix, open }: { c: TermComparison; now: TermFigures; row: FigureRow; prefix: string; open: (key: ListKey, f: TermFigures, c: TermComparison) => void }) {
  const d = change(valueOf(now, row.key), valueOf(c.figures, row.key), row.digits);
  return (
    <Group gap={6} wrap="nowrap" justify="flex-end">
      <Cell f={c.figures} row={row} prefix={prefix} open={(k, f) => open(k, f, c)} />
      <Text span size="xs" w={44} ta="right" className="tnum" c={d === null ? 'dimmed' : deltaColor(d, row.dir)} data-testid={`${prefix}-delta-${row.key}`}>
        {d === null ? '' : signed(d)}
      </Text>
    </Group>
  );
}

export function FiguresTable({ report, open }: { report: TermReport; open: (key: ListKey, f: TermFigures, c?: TermComparison) => void }) {
  const { previous, yearAgo } = report;
  const head = (title: string, sub: string) => (
    <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <Text size="xs" c="dimmed" fw={400}>
        {sub}
      </Text>
    </Table.Th>
  );
  return (
    <Paper withBorder radius="md" p={0} style={{ overflow: 'hidden' }}>
      <Table verticalSpacing={5} horizontalSpacing="sm" data-testid="term-figures" highlightOnHover>
        <Table.Thead bg="gray.0">
          <Table.Tr>
            <Table.Th>Показатель</Table.Th>
            {head(report.period.name, report.scope.name)}
            {previous ? head('Пред. период', previous.period.name) : null}
            {yearAgo ? head('Год назад', `${yearAgo.period.name}, ${yearAgo.scopeName}`) : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {FIGURE_ROWS.map((row) => (
            <Table.Tr key={row.key} data-testid={`term-row-${row.key}`}>
              <Table.Td pl={row.sub ? 28 : undefined}>
                <Group gap={4} wrap="nowrap">
                  <Text size="sm" c={row.sub ? 'dimmed' : undefined}>
                    {row.label}
                  </Text>
                  <Tooltip label={row.definition} multiline w={320} withArrow openDelay={200}>
                    <IconInfoCircle size={14} color="var(--mantine-color-gray-5)" style={{ flexShrink: 0 }} />
                  </Tooltip>
                </Group>
              </Table.Td>
              <Table.Td ta="right">
                <Cell f={report.figures} row={row} prefix="term-fig" open={(k, f) => open(k, f)} />
              </Table.Td>
              {previous ? (
                <Table.Td ta="right">
                  <Compared c={previous} now={report.figures} row={row} prefix="term-prev" open={open} />
                </Table.Td>
              ) : null}
              {yearAgo ? (
                <Table.Td ta="right">
                  <Compared c={yearAgo} now={report.figures} row={row} prefix="term-ago" open={open} />
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!previous || !yearAgo ? (
        <Text size="xs" c="dimmed" px="sm" py={6} data-testid="term-no-comparison">
          {[!previous ? (report.period.id ? 'Предыдущего периода в этом году нет' : 'Год сравнивается только с прошлым годом') : null, !yearAgo ? 'данных за тот же период прошлого года нет' : null]
            .filter(Boolean)
            .join('; ')
            .replace(/^./, (c) => c.toUpperCase())}
          .
        </Text>
      ) : null}
    </Paper>
  );
}
