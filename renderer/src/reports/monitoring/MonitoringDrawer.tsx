// The lists behind one row's numbers (monitoring.details): its courses with their figures, the
// lessons without a topic or homework, entries made late, the students behind each number with why,
// the subgroups' averages, the substitutions. The number clicked chooses the list.
import type { ReactNode } from 'react';
import { Badge, Drawer, Group, Loader, ScrollArea, Select, Stack, Table, Text } from '@mantine/core';
import { useOp } from '../../data/useOp';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ruDate, ruDateTime } from '../../lib/dates';
import { INDICATORS, type IndicatorKey } from '../../../../electron/api/indicators';
import type { MonitoringDetails, MonitoringLateEntry, MonitoringLesson, MonitoringRow, MonitoringStudent } from '../../../../electron/api/types';
import type { OpInput } from '../../../../electron/api/contract';

export type DetailsTab =
  | 'courses'
  | 'topic'
  | 'homework'
  | 'homeworkLate'
  | 'marksLate'
  | 'attendanceLate'
  | 'accumulation'
  | 'noMarks'
  | 'oneMark'
  | 'failure'
  | 'absence'
  | 'subgroups'
  | 'substitutions';

const TABS: { tab: DetailsTab; label: string; indicator: IndicatorKey; count: (d: MonitoringDetails) => number }[] = [
  { tab: 'courses', label: 'По классам и предметам', indicator: 'lessonsPlanned', count: (d) => d.courses.length },
  { tab: 'topic', label: 'Уроки без темы', indicator: 'lessonsWithTopic', count: (d) => d.withoutTopic.length },
  { tab: 'homework', label: 'Уроки без д/з', indicator: 'homeworkRecorded', count: (d) => d.withoutHomework.length },
  { tab: 'homeworkLate', label: 'Д/з записано поздно', indicator: 'homeworkInTime', count: (d) => d.homeworkLate.length },
  { tab: 'marksLate', label: 'Отметки выставлены поздно', indicator: 'marksInTime', count: (d) => d.marksLate.length },
  { tab: 'attendanceLate', label: 'Пропуски отмечены поздно', indicator: 'attendanceInTime', count: (d) => d.attendanceLate.length },
  { tab: 'accumulation', label: 'Ниже нормы накопляемости', indicator: 'accumulation', count: (d) => d.belowAccumulation.length },
  { tab: 'noMarks', label: 'Без отметок', indicator: 'noMarks', count: (d) => d.noMarks.length },
  { tab: 'oneMark', label: 'С одной отметкой', indicator: 'oneMark', count: (d) => d.oneMark.length },
  { tab: 'failure', label: 'Системная неуспеваемость', indicator: 'systemicFailure', count: (d) => d.systemicFailure.length },
  { tab: 'absence', label: 'Системные пропуски', indicator: 'systemicAbsence', count: (d) => d.systemicAbsence.length },
  { tab: 'subgroups', label: 'Расхождение подгрупп', indicator: 'subgroupSimilarity', count: (d) => d.subgroupGaps.length },
  { tab: 'substitutions', label: 'Замены', indicator: 'substitutions', count: (d) => d.substitutions.length },
];

function Empty() {
  return (
    <Text c="dimmed" size="sm" ta="center" py="md" data-testid="details-empty">
      Таких нет.
    </Text>
  );
}

function Grid({ head, rows }: { head: string[]; rows: ReactNode[][] }) {
  if (!rows.length) return <Empty />;
  return (
    <Table striped fz="xs" verticalSpacing={4} withTableBorder data-testid="details-table">
      <Table.Thead>
        <Table.Tr>
          {head.map((h) => (
            <Table.Th key={h}>{h}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r, i) => (
          <Table.Tr key={i} data-testid="details-row">
            {r.map((c, k) => (
              <Table.Td key={k}>{c}</Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const lessons = (list: MonitoringLesson[], extra?: (l: MonitoringLesson) => ReactNode, extraHead?: string) => (
  <Grid
    head={['Дата', 'Урок', 'Класс', 'Предмет', 'Учитель', ...(extraHead ? [extraHead] : [])]}
    rows={list.map((l) => [ruDate(l.date), `${l.lessonNo}-й`, l.target, l.subject, l.substitute ? `${l.substitute} (замена за ${l.teacher})` : l.teacher, ...(extra ? [extra(l)] : [])])}
  />
);
const late = (list: MonitoringLateEntry[]) => (
  <Grid head={['Урок', 'Ученик', 'Класс', 'Предмет', 'Что', 'Внесено', 'Дней']} rows={list.map((e) => [ruDate(e.lessonDate), e.student, e.target, e.subject, e.value, ruDateTime(e.enteredAt), e.days])} />
);
const students = (list: MonitoringStudent[]) => <Grid head={['Ученик', 'Класс', 'Предмет', 'Отметок', 'Почему']} rows={list.map((s) => [s.name, s.target, s.subject, s.marks, s.note])} />;

function Body({ d, tab }: { d: MonitoringDetails; tab: DetailsTab }) {
  switch (tab) {
    case 'courses':
      return (
        <Grid
          head={['Класс', 'Предмет', 'Учитель', 'Ч/нед', 'План', 'Проведено', 'С темой', 'Отметки вовремя', 'Накопл.']}
          rows={d.courses.map((c) => [
            c.target,
            c.subject,
            c.teacher,
            c.hoursPerWeek,
            c.figures.lessonsPlanned,
            c.figures.lessonsHeld,
            c.figures.withTopic.percent === null ? '—' : `${c.figures.withTopic.percent} %`,
            c.figures.marksInTime.percent === null ? '—' : `${c.figures.marksInTime.percent} %`,
            c.figures.accumulation.percent === null ? '—' : `${c.figures.accumulation.percent} %`,
          ])}
        />
      );
    case 'topic':
      return lessons(d.withoutTopic);
    case 'homework':
      return lessons(d.withoutHomework);
    case 'homeworkLate':
      return lessons(d.homeworkLate, (l) => (l.recordedOn ? ruDate(l.recordedOn) : '—'), 'Записано');
    case 'marksLate':
      return late(d.marksLate);
    case 'attendanceLate':
      return late(d.attendanceLate);
    case 'accumulation':
      return students(d.belowAccumulation);
    case 'noMarks':
      return students(d.noMarks);
    case 'oneMark':
      return students(d.oneMark);
    case 'failure':
      return students(d.systemicFailure);
    case 'absence':
      return students(d.systemicAbsence);
    case 'subgroups':
      return (
        <Grid
          head={['Класс', 'Предмет', 'Подгруппа', 'Учитель', 'Средний балл', 'Отметок', 'Расхождение']}
          rows={d.subgroupGaps.flatMap((g) => g.subgroups.map((s, i) => [g.className, g.subject, s.name, s.teacher, s.average === null ? '—' : String(s.average).replace('.', ','), s.marks, i === 0 ? String(g.gap).replace('.', ',') : '']))}
        />
      );
    case 'substitutions':
      return lessons(
        d.substitutions,
        (l) => (
          <Badge size="xs" variant="light" color={l.equivalent ? 'teal' : 'orange'} tt="none">
            {l.equivalent ? 'равноценная' : 'не по предмету'}
          </Badge>
        ),
        'Равноценность',
      );
  }
}

export function MonitoringDrawer({
  input,
  open,
  onClose,
  onTab,
}: {
  input: Omit<OpInput<'monitoring.details'>, 'key'> | null;
  open: { row: MonitoringRow; tab: DetailsTab } | null;
  onClose: () => void;
  onTab: (tab: DetailsTab) => void;
}) {
  const q = useOp('monitoring.details', input && open ? { ...input, key: open.row.key } : { groupBy: 'class', key: '-' }, { enabled: !!input && !!open });
  const d = open && input ? q.data : undefined;
  const tab = open?.tab ?? 'courses';
  const info = TABS.find((x) => x.tab === tab)!;
  return (
    <Drawer opened={!!open} onClose={onClose} position="right" size={760} title={<Text fw={700}>{open?.row.name}</Text>} data-testid="monitoring-drawer">
      <Stack gap="sm">
        <Select
          label="Список"
          data={TABS.map((x) => ({ value: x.tab, label: d ? `${x.label} (${x.count(d)})` : x.label }))}
          value={tab}
          onChange={(v) => v && onTab(v as DetailsTab)}
          allowDeselect={false}
          data-testid="details-list"
        />
        <Text size="xs" c="dimmed" data-testid="details-definition">
          {INDICATORS[info.indicator].name}: {INDICATORS[info.indicator].definition}
        </Text>
        {q.error ? <ErrorAlert error={q.error} title="Список не загружен" /> : null}
        {!d && !q.error ? (
          <Group gap="xs">
            <Loader size="sm" />
            <Text size="sm" c="dimmed">
              Загрузка…
            </Text>
          </Group>
        ) : null}
        {d ? (
          <ScrollArea.Autosize mah="calc(100vh - 210px)" type="auto" data-testid="details-body" data-tab={tab}>
            <Body d={d} tab={tab} />
          </ScrollArea.Autosize>
        ) : null}
      </Stack>
    </Drawer>
  );
}
