// The pictures of the term report (issue 13 point 6): the period marks by value (with the previous
// period beside them), and the dynamics of успеваемость, качество and СОУ across the year's periods.
import { BarChart, LineChart } from '@mantine/charts';
import { Paper, Text } from '@mantine/core';
import type { TermDynamics, TermReport } from '../../../../electron/api/term';
import { num } from './format';

const MARK_LABELS = [
  ['5', '«5»'],
  ['4', '«4»'],
  ['3', '«3»'],
  ['2', '«2»'],
  ['na', 'н/а'],
] as const;

export function MarksChart({ report }: { report: TermReport }) {
  const prev = report.previous;
  const data = MARK_LABELS.map(([k, label]) => ({ mark: label, now: report.figures.marks[k], ...(prev ? { prev: prev.figures.marks[k] } : {}) }));
  const series = [{ name: 'now', label: report.period.name, color: 'blue.6' }, ...(prev ? [{ name: 'prev', label: prev.period.name, color: 'gray.4' }] : [])];
  return (
    <Paper withBorder radius="md" p="sm" data-testid="term-chart-marks">
      <Text fw={600} size="sm" mb={4}>
        Отметки за период
      </Text>
      <BarChart h={190} data={data} dataKey="mark" series={series} withLegend legendProps={{ verticalAlign: 'top', height: 28 }} withBarValueLabel valueFormatter={(v) => num(v)} tickLine="y" />
    </Paper>
  );
}

export function DynamicsChart({ dynamics }: { dynamics: TermDynamics | undefined }) {
  const data = (dynamics?.points ?? []).map((p) => ({ period: p.period.name, progress: p.figures.progress, quality: p.figures.quality, sou: p.figures.sou }));
  return (
    <Paper withBorder radius="md" p="sm" data-testid="term-chart-dynamics" data-loaded={dynamics ? '' : undefined}>
      <Text fw={600} size="sm" mb={4}>
        Динамика по периодам, %
      </Text>
      {data.length > 1 ? (
        <LineChart
          h={190}
          data={data}
          dataKey="period"
          series={[
            { name: 'progress', label: 'Успеваемость', color: 'teal.6' },
            { name: 'quality', label: 'Качество', color: 'blue.6' },
            { name: 'sou', label: 'СОУ', color: 'grape.6' },
          ]}
          withLegend
          legendProps={{ verticalAlign: 'top', height: 28 }}
          yAxisProps={{ domain: [0, 100] }}
          connectNulls
          valueFormatter={(v) => num(v)}
          tickLine="y"
        />
      ) : (
        <Text size="sm" c="dimmed" py="md" data-testid="term-dynamics-empty">
          {dynamics ? 'Это первый период года: динамика появится со следующего.' : 'Составляется…'}
        </Text>
      )}
    </Paper>
  );
}
