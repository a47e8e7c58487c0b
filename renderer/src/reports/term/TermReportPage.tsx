// «Отчёт за период» (issue 13 points 1, 6, 7; R19; docs/indicators.md «The term report»): the
// figures of a quarter, a half-year or the year for a class, a parallel or the school, compared
// with the previous period and the same period a year ago; every count opens the students behind
// it; by class and by subject; the marks and the dynamics as charts. The report and the dynamics
// are jobs (progress and «Отменить» in the jobs panel); a deputy director is offered their
// parallels only (the core enforces it).
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Grid, Group, Loader, Paper, SegmentedControl, Select, Stack, Tabs, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import type { TermComparison, TermFigures, TermList, TermOptions, TermPeriodChoice } from '../../../../electron/api/term';
import type { OpInput } from '../../../../electron/api/contract';
import { useOp } from '../../data/useOp';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { ruDate } from '../../lib/dates';
import { FiguresTable, LIST_LABELS } from './FiguresTable';
import { ClassesTable, SubjectsTable } from './Breakdown';
import { DynamicsChart, MarksChart } from './Charts';
import { ListDrawer, type OpenList } from './ListDrawer';
import type { ListKey } from './format';
import { AppError } from '../../../../electron/api/errors';
import { ClassTeacherFiles, TermFileButtons } from './TermFiles';
import { TeachersTable } from './TeachersTable';

type Scope = 'class' | 'parallel' | 'school';
const YEAR = 'year';
const KIND_GROUPS: [TermPeriodChoice['kind'], string][] = [
  ['quarter', 'Четверти'],
  ['half', 'Полугодия'],
  ['year', 'Год'],
];

const valueOfPeriod = (p: TermPeriodChoice) => p.id ?? YEAR;

/** The grades the scope's figures are of: a class's, a parallel, or none (the school). */
function scopeGrade(o: TermOptions, scope: Scope, classId: string | null, grade: string | null): number | null {
  if (scope === 'class') return o.classes.find((c) => c.id === classId)?.grade ?? null;
  if (scope === 'parallel') return grade ? Number(grade) : null;
  return null;
}

const fits = (p: TermPeriodChoice, g: number | null) => (g === null ? p.grades.length > 0 : p.grades.includes(g));

/** The chosen period if it fits the scope, else the one of the scope's parallels that holds its end (or «Год»). */
function fitPeriod(o: TermOptions, chosen: string | null, g: number | null): string {
  const p = o.periods.find((x) => valueOfPeriod(x) === chosen);
  if (p && fits(p, g)) return valueOfPeriod(p);
  const end = p?.endDate ?? new Date().toISOString().slice(0, 10);
  const fitting = o.periods.filter((x) => x.id && fits(x, g));
  const same = fitting.find((x) => x.startDate <= end && end <= x.endDate) ?? [...fitting].reverse().find((x) => x.endDate < end);
  return same ? valueOfPeriod(same) : YEAR;
}

export function TermReportPage() {
  const optionsQ = useOp('term.options');
  const o = optionsQ.data;
  const [scope, setScope] = useState<Scope>('school');
  const [classId, setClassId] = useState<string | null>(null);
  const [grade, setGrade] = useState<string | null>(null);
  const [period, setPeriod] = useState<string | null>(null);
  const [list, setList] = useState<OpenList | null>(null);
  const [tab, setTab] = useState<string | null>(null);

  const grades = useMemo(() => [...new Set(o?.classes.map((c) => c.grade))], [o]);
  // Defaults once the options come: the current period, the first class and parallel offered.
  useEffect(() => {
    if (!o) return;
    setPeriod((p) => p ?? o.currentPeriodId ?? YEAR);
    setClassId((c) => c ?? o.classes[0]?.id ?? null);
    setGrade((g) => g ?? (grades[0] !== undefined ? String(grades[0]) : null));
  }, [o, grades]);
  const g = o ? scopeGrade(o, scope, classId, grade) : null;
  // A class or parallel without the chosen period (10–11 have half-years) gets the period of theirs that holds its end.
  const fitted = o && period ? fitPeriod(o, period, g) : null;
  useEffect(() => {
    if (fitted && fitted !== period) setPeriod(fitted);
  }, [fitted, period]);

  const ready = !!o && !!fitted && fitted === period && (scope !== 'class' || !!classId) && (scope !== 'parallel' || !!grade);
  const input: OpInput<'term.report'> | undefined = ready
    ? {
        ...(period === YEAR ? { year: true } : { periodId: period }),
        scope,
        ...(scope === 'class' ? { classId } : {}),
        ...(scope === 'parallel' ? { grade: Number(grade) } : {}),
      }
    : undefined;
  const reportQ = useOp('term.report', input, { enabled: ready, keepPrevious: true });
  const dynamicsQ = useOp('term.dynamics', input, { enabled: ready, keepPrevious: true });
  const r = reportQ.data;
  const stale = reportQ.isPlaceholderData || reportQ.isFetching;

  const periodData = o
    ? KIND_GROUPS.map(([kind, group]) => ({
        group,
        items: o.periods
          .filter((p) => p.kind === kind)
          .map((p) => ({ value: valueOfPeriod(p), label: p.kind === 'year' ? 'Год (годовые отметки)' : p.name, disabled: !fits(p, g) })),
      })).filter((x) => x.items.length)
    : [];
  const chosen = o?.periods.find((p) => valueOfPeriod(p) === period);
  const context = r ? `${r.scope.name}, ${r.period.name.toLowerCase() === 'год' ? 'год' : r.period.name}` : '';
  const openFigure = (key: ListKey, f: TermFigures, c?: TermComparison) =>
    setList({ title: LIST_LABELS[key], context: c ? `${c.scopeName}, ${c.period.name} (${ruDate(c.period.startDate)} – ${ruDate(c.period.endDate)})` : context, students: f[key].students });
  const openList = (title: string, ctx: string, l: TermList) => setList({ title, context: ctx, students: l.students });
  const cancelled = reportQ.error instanceof AppError && reportQ.error.code === 'cancelled';
  const showClasses = r && r.scope.kind !== 'class';
  const activeTab = tab && (tab !== 'classes' || showClasses) ? tab : showClasses ? 'classes' : 'subjects';

  return (
    <Stack gap="sm" data-testid="term-report" data-loaded={r && !stale ? '' : undefined}>
      <PageHeader
        title="Отчёт за период"
        description="Успеваемость и качество знаний за четверть, полугодие или год по отметкам за период из электронного журнала; каждое число открывает список учеников"
        actions={<TermFileButtons input={input} />}
      />
      <Paper withBorder radius="md" p="sm">
        <Group gap="md" align="flex-end" wrap="wrap">
          <Select
            label="Период"
            w={230}
            data={periodData}
            value={period}
            onChange={(v) => v && setPeriod(v)}
            allowDeselect={false}
            data-testid="term-period"
            comboboxProps={{ withinPortal: true }}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Отчёт по
            </Text>
            <SegmentedControl
              value={scope}
              onChange={(v) => setScope(v as Scope)}
              data={[
                { value: 'class', label: 'классу' },
                { value: 'parallel', label: 'параллели' },
                { value: 'school', label: 'школе' },
              ]}
              data-testid="term-scope"
            />
          </Stack>
          {scope === 'class' ? (
            <Select
              label="Класс"
              w={120}
              searchable
              data={(o?.classes ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={classId}
              onChange={setClassId}
              allowDeselect={false}
              data-testid="term-class"
            />
          ) : null}
          {scope === 'parallel' ? (
            <Select
              label="Параллель"
              w={130}
              data={grades.map((x) => ({ value: String(x), label: `${x} классы` }))}
              value={grade}
              onChange={setGrade}
              allowDeselect={false}
              data-testid="term-grade"
            />
          ) : null}
          {chosen ? (
            <Text size="sm" c="dimmed" pb={8} data-testid="term-dates">
              {ruDate(chosen.startDate)} – {ruDate(chosen.endDate)}
            </Text>
          ) : null}
          {stale && r ? <Loader size="sm" mb={8} /> : null}
        </Group>
      </Paper>
      <ClassTeacherFiles input={input} quarterOrHalf={chosen?.kind === 'quarter' || chosen?.kind === 'half'} />

      {o && !o.yearId ? (
        <Alert color="blue" variant="light" title="Учебный год не настроен">
          Отчёт составляется по периодам учебного года: задайте год и его четверти на странице «Учебный год».
        </Alert>
      ) : null}
      {reportQ.error ? (
        <Stack gap="xs" align="flex-start">
          <ErrorAlert error={reportQ.error} title={cancelled ? 'Отчёт отменён' : 'Отчёт не составлен'} />
          <Button variant="light" size="xs" leftSection={<IconRefresh size={14} />} onClick={() => void reportQ.refetch()} data-testid="term-retry">
            Составить снова
          </Button>
        </Stack>
      ) : null}
      {!r && !reportQ.error && o?.yearId ? (
        <Group gap="sm" py="lg" data-testid="term-loading">
          <Loader size="sm" />
          <Text c="dimmed">Отчёт составляется…</Text>
        </Group>
      ) : null}

      {r ? (
        <>
          {r.figures.counted.count > 0 && r.figures.n.count === 0 ? (
            <Alert color="yellow" variant="light" data-testid="term-no-marks">
              За этот период в журнале ещё нет отметок за период: ученики посчитаны, проценты появятся, когда учителя выставят отметки и пройдёт синхронизация.
            </Alert>
          ) : null}
          <Grid gap="sm" align="flex-start">
            <Grid.Col span={{ base: 12, md: 7 }}>
              <FiguresTable report={r} open={openFigure} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Stack gap="sm">
                <MarksChart report={r} />
                <DynamicsChart dynamics={dynamicsQ.data} />
              </Stack>
            </Grid.Col>
          </Grid>
          <Paper withBorder radius="md" p="sm">
            <Tabs value={activeTab} onChange={setTab} keepMounted={false}>
              <Tabs.List mb="xs">
                {showClasses ? (
                  <Tabs.Tab value="classes" data-testid="term-tab-classes">
                    По классам ({r.classes.length})
                  </Tabs.Tab>
                ) : null}
                <Tabs.Tab value="subjects" data-testid="term-tab-subjects">
                  По предметам ({r.subjects.length})
                </Tabs.Tab>
                <Tabs.Tab value="teachers" data-testid="term-tab-teachers">
                  По учителям
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="classes">
                <ClassesTable classes={r.classes} period={r.period.name} open={openList} />
              </Tabs.Panel>
              <Tabs.Panel value="subjects">
                {r.subjects.length ? <SubjectsTable subjects={r.subjects} context={context} open={openList} /> : <Text c="dimmed">Отметок за период по предметам нет.</Text>}
              </Tabs.Panel>
              <Tabs.Panel value="teachers">{input ? <TeachersTable input={input} /> : null}</Tabs.Panel>
            </Tabs>
          </Paper>
        </>
      ) : null}
      <ListDrawer list={list} onClose={() => setList(null)} />
    </Stack>
  );
}
