// «Мониторинг журнала» (issue 13 point 3; R17, R18, R20): for a study period or dates, by teacher,
// class or subject, how the journal is kept — each figure's definition beside its column
// (INDICATORS), the figures flagged against the school's thresholds highlighted, a click on a number
// opens the drawer with the lists behind it; sortable, searchable; Excel and PDF as jobs.
import { useMemo, useState } from 'react';
import { ActionIcon, Alert, Button, Group, Loader, ScrollArea, SegmentedControl, Select, Stack, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconFileSpreadsheet, IconFileTypePdf, IconInfoCircle } from '@tabler/icons-react';
import { call, saveFile } from '../../api';
import { useOp } from '../../data/useOp';
import { useAction } from '../../data/useAction';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { SearchInput } from '../../components/SearchInput';
import { countOf, parseRuDate, ruDate } from '../../lib/dates';
import { INDICATORS, type IndicatorKey } from '../../../../electron/api/indicators';
import { monitoringGroupingLabels, type MonitoringGrouping } from '../../../../electron/api/monitoring';
import type { MonitoringFigures, MonitoringProblem, MonitoringRow, MonitoringShare } from '../../../../electron/api/types';
import { NoJournalData } from '../../journal/marks';
import { MonitoringDrawer, type DetailsTab } from './MonitoringDrawer';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DATES = 'dates';

export const pct = (s: MonitoringShare) => (s.percent === null ? '—' : `${String(s.percent).replace('.', ',')} %`);

/** A column: its short header, the indicator whose definition it shows, the cell, the sort value, the problem it flags, the drawer's tab. */
export interface FigureColumn {
  key: string;
  short: string;
  indicator: IndicatorKey;
  text: (f: MonitoringFigures) => string;
  value: (f: MonitoringFigures) => number;
  problem?: MonitoringProblem;
  tab?: DetailsTab;
  /** A second line under the text (e.g. the count behind a percentage). */
  sub?: (f: MonitoringFigures) => string | null;
}

const ofShare = (s: MonitoringShare) => (s.of ? `${s.count} из ${s.of}` : null);
const sortShare = (s: MonitoringShare) => s.percent ?? 101;

export const COLUMNS: FigureColumn[] = [
  { key: 'held', short: 'Проведено / план', indicator: 'lessonsHeld', text: (f) => `${f.lessonsHeld} / ${f.lessonsPlanned}`, value: (f) => (f.lessonsPlanned ? f.lessonsHeld / f.lessonsPlanned : 2), problem: 'lessonsHeld', tab: 'courses', sub: (f) => (f.lessonsScheduled ? `по расп. ${f.lessonsScheduled}` : null) },
  { key: 'topic', short: 'С темой', indicator: 'lessonsWithTopic', text: (f) => pct(f.withTopic), value: (f) => sortShare(f.withTopic), problem: 'lessonsWithTopic', tab: 'topic', sub: (f) => ofShare(f.withTopic) },
  { key: 'hw', short: 'Д/з', indicator: 'homeworkRecorded', text: (f) => pct(f.homeworkRecorded), value: (f) => sortShare(f.homeworkRecorded), problem: 'homeworkRecorded', tab: 'homework', sub: (f) => ofShare(f.homeworkRecorded) },
  { key: 'hwTime', short: 'Д/з вовремя', indicator: 'homeworkInTime', text: (f) => pct(f.homeworkInTime), value: (f) => sortShare(f.homeworkInTime), problem: 'homeworkInTime', tab: 'homeworkLate' },
  { key: 'marksTime', short: 'Отметки вовремя', indicator: 'marksInTime', text: (f) => pct(f.marksInTime), value: (f) => sortShare(f.marksInTime), problem: 'marksInTime', tab: 'marksLate', sub: (f) => ofShare(f.marksInTime) },
  { key: 'attTime', short: 'Пропуски вовремя', indicator: 'attendanceInTime', text: (f) => pct(f.attendanceInTime), value: (f) => sortShare(f.attendanceInTime), problem: 'attendanceInTime', tab: 'attendanceLate' },
  { key: 'acc', short: 'Накопл.', indicator: 'accumulation', text: (f) => pct(f.accumulation), value: (f) => sortShare(f.accumulation), problem: 'accumulation', tab: 'accumulation' },
  { key: 'none', short: 'Без отметок', indicator: 'noMarks', text: (f) => String(f.noMarks.count), value: (f) => f.noMarks.count, problem: 'noMarks', tab: 'noMarks' },
  { key: 'one', short: 'Одна отметка', indicator: 'oneMark', text: (f) => String(f.oneMark.count), value: (f) => f.oneMark.count, problem: 'oneMark', tab: 'oneMark' },
  { key: 'att', short: 'Посещ.', indicator: 'attendance', text: (f) => (f.attendance === null ? '—' : `${String(f.attendance).replace('.', ',')} %`), value: (f) => f.attendance ?? 101, sub: (f) => (f.lateness ? `опозд. ${f.lateness}` : null) },
  { key: 'fail', short: 'Сист. неусп.', indicator: 'systemicFailure', text: (f) => String(f.systemicFailure), value: (f) => f.systemicFailure, problem: 'systemicFailure', tab: 'failure' },
  { key: 'abs', short: 'Сист. пропуски', indicator: 'systemicAbsence', text: (f) => String(f.systemicAbsence), value: (f) => f.systemicAbsence, problem: 'systemicAbsence', tab: 'absence' },
  { key: 'gap', short: 'Подгр.', indicator: 'subgroupSimilarity', text: (f) => String(f.subgroupGaps), value: (f) => f.subgroupGaps, problem: 'subgroupSimilarity', tab: 'subgroups' },
  { key: 'subs', short: 'Замены', indicator: 'substitutions', text: (f) => String(f.substitutions), value: (f) => f.substitutions, problem: 'equivalentSubstitutions', tab: 'substitutions', sub: (f) => (f.substitutions ? `равн. ${pct(f.equivalentSubstitutions)}` : null) },
];

const FIRST: Record<MonitoringGrouping, string> = { teacher: 'Учитель', class: 'Класс', subject: 'Предмет' };

/** A column's header: the short name and, beside it, the figure's definition (INDICATORS). */
export function Head({ short, indicator }: { short: string; indicator: IndicatorKey }) {
  const d = INDICATORS[indicator];
  const extra = indicator === 'lessonsHeld' ? ` ${INDICATORS.lessonsPlanned.name}: ${INDICATORS.lessonsPlanned.definition} ${INDICATORS.lessonsScheduled.name}: ${INDICATORS.lessonsScheduled.definition}` : indicator === 'substitutions' ? ` ${INDICATORS.equivalentSubstitutions.name}: ${INDICATORS.equivalentSubstitutions.definition}` : indicator === 'attendance' ? ` ${INDICATORS.lateness.name}: ${INDICATORS.lateness.definition}` : '';
  return (
    <Tooltip label={`${d.name}. ${d.definition}${extra}`} multiline w={340} withArrow openDelay={150}>
      <span data-testid={`def-${indicator}`} style={{ cursor: 'help' }}>
        {short}
        <IconInfoCircle size={12} stroke={1.6} style={{ marginLeft: 2, verticalAlign: -1, color: 'var(--mantine-color-blue-6)' }} aria-label={`Что такое «${d.name}»`} />
      </span>
    </Tooltip>
  );
}

export function MonitoringPage() {
  const options = useOp('monitoring.options');
  const o = options.data;
  const [period, setPeriod] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [groupBy, setGroupBy] = useState<MonitoringGrouping>('teacher');
  const [grade, setGrade] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<{ key: string; desc: boolean }>({ key: 'name', desc: false });
  const [open, setOpen] = useState<{ row: MonitoringRow; tab: DetailsTab } | null>(null);

  const chosen = period ?? o?.currentPeriodId ?? o?.periods[0]?.id ?? null;
  const f = parseRuDate(from);
  const t = parseRuDate(to);
  const dateError = chosen === DATES && f.ok && t.ok && f.iso && t.iso && f.iso > t.iso ? 'Дата «с» позже даты «по»' : null;
  const input = useMemo(() => {
    if (!chosen) return null;
    const base = { groupBy, grade: grade ? Number(grade) : undefined };
    if (chosen !== DATES) return { ...base, periodId: chosen };
    if (!f.ok || !t.ok || !f.iso || !t.iso || f.iso > t.iso) return null;
    return { ...base, from: f.iso, to: t.iso };
  }, [chosen, groupBy, grade, f.ok && f.iso, t.ok && t.iso]); // eslint-disable-line react-hooks/exhaustive-deps
  const report = useOp('monitoring.report', input ?? { groupBy }, { enabled: !!input && !!o?.hasData });
  const r = input ? report.data : undefined;

  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    const list = (r?.rows ?? []).filter((x) => !q || x.name.toLowerCase().includes(q));
    const col = COLUMNS.find((c) => c.key === sort.key);
    const sorted = [...list].sort((a, b) => (col ? col.value(a.figures) - col.value(b.figures) : 0) || (sort.key === 'problems' ? a.problems.length - b.problems.length : 0));
    if (sort.key === 'name') return sort.desc ? [...list].reverse() : list;
    return sort.desc ? sorted.reverse() : sorted;
  }, [r, search, sort]);

  const files = useAction(
    async (kind: 'xlsx' | 'pdf') => {
      const file = kind === 'xlsx' ? await call('monitoring.xlsx', input!) : await call('monitoring.pdf', input!);
      await saveFile(file.fileName, file.id, kind === 'xlsx' ? XLSX : 'application/pdf');
      return file;
    },
    { invalidates: false, notify: 'Файл не сохранён', success: (file) => ({ title: file.fileName, message: 'Файл готов' }) },
  );

  const onSort = (key: string) => setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: key === 'problems' }));
  const arrow = (key: string) => (sort.key === key ? sort.desc ? <IconChevronDown size={12} /> : <IconChevronUp size={12} /> : null);

  if (o && !o.hasData)
    return (
      <Stack gap="md">
        <PageHeader title="Мониторинг журнала" description="Как ведётся электронный журнал: уроки, темы, домашние задания, отметки, посещаемость" />
        <NoJournalData />
      </Stack>
    );

  const periodData = [...(o?.periods ?? []).map((p) => ({ value: p.id, label: p.name })), { value: DATES, label: 'Даты…' }];
  const current = o?.periods.find((p) => p.id === chosen);
  return (
    <Stack gap="sm" data-testid="monitoring-page">
      <PageHeader
        title="Мониторинг журнала"
        description={
          r
            ? `${r.period.name}${r.period.id ? ` (${ruDate(r.period.from)} – ${ruDate(r.period.to)})` : ''}; план — по ${ruDate(r.period.planUntil)}. Отметки вовремя — ${r.rules.markDays} дн., пропуски — ${r.rules.attendanceDays} дн., д/з — ${r.rules.homeworkDays} дн. после урока`
            : 'Как ведётся электронный журнал (R17, R18, R20)'
        }
        actions={
          <Group gap="xs">
            <Button variant="default" leftSection={<IconFileSpreadsheet size={16} stroke={1.6} color="var(--mantine-color-teal-7)" />} disabled={!r?.rows.length} loading={files.busy} onClick={() => void files.run('xlsx')} data-testid="monitoring-xlsx">
              Excel
            </Button>
            <Button variant="default" leftSection={<IconFileTypePdf size={16} stroke={1.6} color="var(--mantine-color-red-7)" />} disabled={!r?.rows.length} loading={files.busy} onClick={() => void files.run('pdf')} data-testid="monitoring-pdf">
              PDF
            </Button>
          </Group>
        }
      />
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Select label="Период" data={periodData} value={chosen} onChange={(v) => v && setPeriod(v)} allowDeselect={false} w={150} data-testid="monitoring-period" />
        {chosen === DATES ? (
          <>
            <DateField label="С" value={from} onChange={setFrom} w={130} data-testid="monitoring-from" />
            <DateField label="По" value={to} onChange={setTo} w={130} error={dateError} data-testid="monitoring-to" />
          </>
        ) : null}
        <Select
          label="Параллель"
          placeholder="Все"
          data={(o?.grades ?? []).filter((g) => !current || current.grades.includes(g)).map((g) => ({ value: String(g), label: `${g} классы` }))}
          value={grade}
          onChange={setGrade}
          clearable
          w={140}
          data-testid="monitoring-grade"
        />
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            Группировка
          </Text>
          <SegmentedControl
            value={groupBy}
            onChange={(v) => setGroupBy(v as MonitoringGrouping)}
            data={(['teacher', 'class', 'subject'] as const).map((g) => ({ value: g, label: monitoringGroupingLabels[g].replace('По ', 'по ') }))}
            data-testid="monitoring-group"
          />
        </Stack>
        <SearchInput label="Поиск" value={search} onChange={setSearch} placeholder={FIRST[groupBy]} style={{ flex: 1, minWidth: 120 }} data-testid="monitoring-search" />
      </Group>
      {report.error ? <ErrorAlert error={report.error} title="Мониторинг не рассчитан" /> : null}
      {!r && input && !report.error ? (
        <Group gap="xs" data-testid="monitoring-loading">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            Расчёт по журналу… (ход — в панели задач)
          </Text>
        </Group>
      ) : null}
      {r ? (
        <>
          <ScrollArea.Autosize mah="calc(100vh - 262px)" type="auto" offsetScrollbars data-testid="monitoring-table" data-loaded>
            <Table striped highlightOnHover stickyHeader withTableBorder fz="xs" verticalSpacing={4} horizontalSpacing={6} style={{ tableLayout: 'fixed' }}>
              <colgroup>
                <col style={{ width: 180 }} />
                {COLUMNS.map((c) => (
                  <col key={c.key} style={{ width: c.key === 'held' ? 88 : undefined }} />
                ))}
              </colgroup>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>
                    <UnstyledButton onClick={() => onSort('name')} fz="xs" fw={700} data-testid="sort-name">
                      {FIRST[groupBy]} {arrow('name')}
                    </UnstyledButton>
                  </Table.Th>
                  {COLUMNS.map((c) => (
                    <Table.Th key={c.key} ta="center" style={{ verticalAlign: 'bottom' }}>
                      <Group gap={0} justify="center" wrap="nowrap">
                        <Head short={c.short} indicator={c.indicator} />
                        <ActionIcon variant="subtle" size="xs" onClick={() => onSort(c.key)} aria-label={`Сортировать: ${c.short}`} data-testid={`sort-${c.key}`}>
                          {arrow(c.key) ?? <IconChevronDown size={10} color="var(--mantine-color-gray-5)" />}
                        </ActionIcon>
                      </Group>
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.key} data-testid="monitoring-row" data-key={row.key} data-problems={row.problems.length}>
                    <Table.Td>
                      <UnstyledButton fz="xs" fw={500} onClick={() => setOpen({ row, tab: 'courses' })} title={row.name} style={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', maxWidth: '100%' }} data-testid="monitoring-name">
                        {row.name}
                      </UnstyledButton>
                    </Table.Td>
                    {COLUMNS.map((c) => {
                      const bad = !!c.problem && row.problems.includes(c.problem);
                      const sub = c.sub?.(row.figures) ?? null;
                      return (
                        <Table.Td key={c.key} ta="center" bg={bad ? 'var(--mantine-color-red-0)' : undefined} data-problem={bad ? c.problem : undefined} data-col={c.key}>
                          <UnstyledButton fz="xs" onClick={() => setOpen({ row, tab: c.tab ?? 'courses' })} c={bad ? 'red.8' : undefined} fw={bad ? 700 : 400} className="tnum" title={`${INDICATORS[c.indicator].name}: ${c.text(row.figures)}${sub ? ` (${sub})` : ''} — показать список`}>
                            {c.text(row.figures)}
                            {sub ? (
                              <Text span display="block" fz={10} c="dimmed" fw={400}>
                                {sub}
                              </Text>
                            ) : null}
                          </UnstyledButton>
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
                {!rows.length ? (
                  <Table.Tr>
                    <Table.Td colSpan={COLUMNS.length + 1}>
                      <Text c="dimmed" ta="center" size="sm">
                        {search ? 'Никого не найдено' : 'За этот период в журнале нет уроков'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ) : null}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr fw={700} data-testid="monitoring-total">
                  <Table.Td>Итого</Table.Td>
                  {COLUMNS.map((c) => (
                    <Table.Td key={c.key} ta="center" className="tnum">
                      {c.text(r.total)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </ScrollArea.Autosize>
          <Text size="xs" c="dimmed" data-testid="monitoring-count">
            {countOf(rows.length, 'строка', 'строки', 'строк')}; с замечаниями — {rows.filter((x) => x.problems.length).length}. Красным — то, что требует проверки (пороги — в настройках отчётов). Щелчок по числу открывает список.
          </Text>
        </>
      ) : null}
      {!o?.periods.length && o ? <Alert color="gray">В учебном году нет учебных периодов.</Alert> : null}
      <MonitoringDrawer input={input} open={open} onClose={() => setOpen(null)} onTab={(tab) => setOpen((x) => (x ? { ...x, tab } : x))} />
    </Stack>
  );
}
