// «Классный журнал» (issue 10 point 5): a class's (or study group's) journal of a subject as the
// teacher sees it in the central journal — read-only here: the central system keeps it, sync brings it.
import { useEffect, useMemo, useState } from 'react';
import { Group, Loader, SegmentedControl, Select, Stack, Table, Tabs, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useOp } from '../data/useOp';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { SearchInput } from '../components/SearchInput';
import { ruDate } from '../lib/dates';
import { ruFold } from '../../../electron/api/text';
import { ABSENCE_TEXT, lessonStatuses } from '../../../electron/api/enums';
import type { ClassJournal, JournalLesson, JournalRow, JournalTarget } from '../../../electron/api/types';
import { JournalGrid, onList, type Cell } from './JournalGrid';
import { MarkText, NoJournalData, markTitle } from './marks';
import { shortName } from '../auth/UserMenu';

const YEAR = 'year';
const WHOLE = 'whole';

interface Choice {
  target: string | null;
  subject: string | null;
  subgroup: string | null;
  period: string | null;
}

/** Choices that still exist after the options changed, with defaults: the first subgroup, the current period. */
function settle(c: Choice, targets: JournalTarget[]): Choice {
  const t = targets.find((x) => x.id === c.target);
  if (!t) return { target: null, subject: null, subgroup: null, period: null };
  const s = t.subjects.find((x) => x.id === c.subject) ?? (t.subjects.length === 1 ? t.subjects[0] : undefined);
  const subgroups = s ? [...(s.wholeClass ? [WHOLE] : []), ...s.subgroups.map((g) => g.id)] : [];
  const subgroup = s ? (c.subgroup && subgroups.includes(c.subgroup) ? c.subgroup : (subgroups[0] ?? null)) : null;
  const period = c.period && (c.period === YEAR || t.periods.some((p) => p.id === c.period)) ? c.period : (t.currentPeriodId ?? t.periods[0]?.id ?? YEAR);
  return { target: t.id, subject: s?.id ?? null, subgroup, period };
}

export function ClassJournalPage({ initial }: { initial?: { [K in keyof Choice]?: string | null } }) {
  const options = useOp('journal.options');
  const targets = useMemo(() => options.data?.targets ?? [], [options.data]);
  const [raw, setRaw] = useState<Choice>({ target: initial?.target ?? null, subject: initial?.subject ?? null, subgroup: initial?.subgroup ?? null, period: initial?.period ?? null });
  const choice = useMemo(() => settle(raw, targets), [raw, targets]);
  const target = targets.find((t) => t.id === choice.target) ?? null;
  const subject = target?.subjects.find((s) => s.id === choice.subject) ?? null;
  const ready = !!target && !!subject && !!choice.period;
  const input = ready
    ? {
        classId: target.kind === 'class' ? target.id : undefined,
        studyGroupId: target.kind === 'group' ? target.id : undefined,
        subjectId: subject.id,
        subgroupId: choice.subgroup && choice.subgroup !== WHOLE ? choice.subgroup : undefined,
        periodId: choice.period !== YEAR ? (choice.period ?? undefined) : undefined,
        wholeYear: choice.period === YEAR,
      }
    : undefined;
  const journal = useOp('journal.classJournal', input, { enabled: ready, keepPrevious: true });
  const set = (k: keyof Choice, v: string | null) => setRaw((c) => ({ ...settle(c, targets), [k]: v, ...(k === 'target' ? { subject: null, subgroup: null } : k === 'subject' ? { subgroup: null } : {}) }));

  const targetData = [
    { group: 'Классы', items: targets.filter((t) => t.kind === 'class').map((t) => ({ value: t.id, label: t.name })) },
    { group: 'Учебные группы', items: targets.filter((t) => t.kind === 'group').map((t) => ({ value: t.id, label: t.name })) },
  ].filter((g) => g.items.length);
  const subgroupData = subject ? [...(subject.wholeClass ? [{ value: WHOLE, label: 'Весь класс' }] : []), ...subject.subgroups.map((g) => ({ value: g.id, label: g.name }))] : [];
  const periodData = [...(target?.periods.map((p) => ({ value: p.id, label: p.name })) ?? []), { value: YEAR, label: 'Весь год' }];

  return (
    <Stack gap="sm" h="calc(100vh - 56px - 2 * var(--mantine-spacing-lg))" data-testid="journal-page">
      <PageHeader title="Классный журнал" description="Отметки, пропуски, темы уроков и домашние задания — как в центральном электронном журнале (только просмотр)" />
      {options.error ? <ErrorAlert error={options.error} title="Журнал не загружен" /> : null}
      {options.data && !options.data.hasData ? <NoJournalData /> : null}
      {options.data?.hasData ? (
        <>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <Select label="Класс или группа" placeholder="Выберите" data={targetData} value={choice.target} onChange={(v) => set('target', v)} searchable w={170} data-testid="journal-class" nothingFoundMessage="Не найдено" />
            <Select
              label="Предмет"
              placeholder={target ? 'Выберите предмет' : 'Сначала класс'}
              data={target?.subjects.map((s) => ({ value: s.id, label: s.name })) ?? []}
              value={choice.subject}
              onChange={(v) => set('subject', v)}
              searchable
              disabled={!target}
              w={250}
              data-testid="journal-subject"
            />
            {subgroupData.length > 1 || (subgroupData.length === 1 && subgroupData[0]!.value !== WHOLE) ? (
              <Select label="Подгруппа" data={subgroupData} value={choice.subgroup} onChange={(v) => set('subgroup', v)} allowDeselect={false} w={160} data-testid="journal-subgroup" />
            ) : null}
            <Select label="Период" data={periodData} value={choice.period} onChange={(v) => set('period', v)} allowDeselect={false} disabled={!target} w={150} data-testid="journal-period" />
          </Group>
          {!ready ? (
            <Text c="dimmed" size="sm" data-testid="journal-choose">
              Выберите класс (или учебную группу) и предмет.
            </Text>
          ) : journal.error ? (
            <ErrorAlert error={journal.error} title="Журнал не загружен" />
          ) : journal.data ? (
            <JournalView j={journal.data} />
          ) : (
            <Loader size="sm" />
          )}
        </>
      ) : null}
    </Stack>
  );
}

type Sort = 'name' | 'avg';

function JournalView({ j }: { j: ClassJournal }) {
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<Sort>('name');
  const [focus, setFocus] = useState<Cell | null>(null);
  const [hover, setHover] = useState<Cell | null>(null);
  const [tab, setTab] = useState<string | null>('grid');
  useHotkeys([
    [
      'mod+F',
      (e) => {
        e.preventDefault();
        setTab('grid');
        const el = document.querySelector<HTMLInputElement>('[data-testid="journal-search"]');
        el?.focus();
        el?.select();
      },
    ],
  ]);
  const rows = useMemo(() => {
    const words = ruFold(search).split(/\s+/).filter(Boolean);
    const list = words.length ? j.rows.filter((r) => words.every((w) => ruFold(r.fullName).includes(w))) : j.rows;
    if (sort === 'name') return list;
    // By the weighted average, best first; no marks last.
    return [...list].sort((a, b) => (b.weightedAverage ?? -1) - (a.weightedAverage ?? -1) || a.fullName.localeCompare(b.fullName, 'ru'));
  }, [j.rows, search, sort]);
  // A new journal (another class, subject or period) starts unfocused.
  useEffect(() => {
    setFocus(null);
    setHover(null);
  }, [j]);
  const cell = hover ?? focus;
  const lesson = cell ? j.lessons[cell.c] : undefined;
  const row = cell && cell.r >= 0 ? rows[cell.r] : undefined;
  const periodColumns = j.period ? [j.period] : j.periods;
  const held = j.lessons.filter((l) => l.status === 'held' && l.lessonNo !== null).length;
  const cancelled = j.lessons.filter((l) => l.status === 'cancelled').length;

  return (
    <Tabs value={tab} onChange={setTab} keepMounted={false} style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Tabs.List>
          <Tabs.Tab value="grid" data-testid="journal-tab-grid">
            Отметки и пропуски
          </Tabs.Tab>
          <Tabs.Tab value="topics" data-testid="journal-tab-topics">
            Темы уроков
          </Tabs.Tab>
        </Tabs.List>
        <Group gap="xs" wrap="nowrap">
          <Text size="xs" c="dimmed" data-testid="journal-summary" style={{ whiteSpace: 'nowrap' }}>
            Уроков: {held}
            {cancelled ? `, отменено: ${cancelled}` : ''} · учеников: {j.rows.length}
          </Text>
          <SegmentedControl
            size="xs"
            value={sort}
            onChange={(v) => setSort(v as Sort)}
            data={[
              { value: 'name', label: 'По ФИО' },
              { value: 'avg', label: 'По среднему' },
            ]}
            data-testid="journal-sort"
          />
          <SearchInput value={search} onChange={setSearch} placeholder="Ученик (Ctrl+F)" w={210} size="xs" data-testid="journal-search" aria-label="Поиск ученика" />
        </Group>
      </Group>
      <Tabs.Panel value="grid" pt={6} style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', gap: 6 }}>
        <LessonStrip lesson={lesson} row={row} />
        {j.lessons.length === 0 ? (
          <Text c="dimmed" size="sm" data-testid="journal-no-lessons">
            {j.period ? `В периоде «${j.period.name}»` : 'В этом учебном году'} уроков по предмету «{j.subject.name}» нет.
          </Text>
        ) : null}
        <JournalGrid rows={rows} lessons={j.lessons} periodColumns={periodColumns} height="100%" focus={focus} onFocus={setFocus} hover={hover} onHover={setHover} />
      </Tabs.Panel>
      <Tabs.Panel value="topics" pt={6} style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
        <Topics lessons={j.lessons} />
      </Tabs.Panel>
    </Tabs>
  );
}

/** The focused or hovered lesson: date, number, topic, homework, teacher; and the student's marks there. */
function LessonStrip({ lesson, row }: { lesson: JournalLesson | undefined; row: JournalRow | undefined }) {
  if (!lesson)
    return (
      <Text size="xs" c="dimmed" h={40} data-testid="journal-lesson" style={{ display: 'flex', alignItems: 'center' }}>
        Наведите указатель на отметку или выберите клетку (стрелки на клавиатуре): здесь будут тема урока, домашнее задание и виды работ.
      </Text>
    );
  const marks = row?.marks[lesson.id] ?? [];
  const absence = row?.absences[lesson.id];
  return (
    <Stack gap={0} h={40} justify="center" data-testid="journal-lesson" style={{ overflow: 'hidden' }}>
      <Text size="sm" lineClamp={1}>
        <b>{ruDate(lesson.date)}</b>
        {lesson.lessonNo !== null ? `, ${lesson.lessonNo}-й урок` : ', отметка без урока'}
        {lesson.status === 'cancelled' ? ` · ${lessonStatuses.text('cancelled')}` : ''}
        {lesson.topic ? (
          <>
            {' · Тема: '}
            <span data-testid="journal-lesson-topic">{lesson.topic}</span>
          </>
        ) : null}
        {lesson.homework ? (
          <>
            {' · Д/з: '}
            <span data-testid="journal-lesson-homework">{lesson.homework}</span>
          </>
        ) : null}
        {lesson.substitute ? ` · Замена: ${lesson.substitute}` : lesson.teacher ? ` · ${lesson.teacher}` : ''}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={1} data-testid="journal-cell-detail">
        {row ? (
          <>
            <b>{row.fullName}</b>
            {!onList(row, lesson.date) ? ' — не в списке в этот день' : ''}
            {absence ? ` · ${ABSENCE_TEXT[absence]}` : ''}
            {marks.length ? ' · ' : ''}
            {marks.map((m, i) => (
              <span key={i}>
                {i ? '; ' : ''}
                <MarkText m={m} /> {markTitle(m).split(' — ')[1]}
              </span>
            ))}
            {!absence && !marks.length && onList(row, lesson.date) ? ' · нет отметок' : ''}
          </>
        ) : (
          ' '
        )}
      </Text>
    </Stack>
  );
}

function Topics({ lessons }: { lessons: JournalLesson[] }) {
  const real = lessons.filter((l) => l.lessonNo !== null);
  if (!real.length) return <Text c="dimmed">Уроков нет.</Text>;
  return (
    <Table striped withTableBorder verticalSpacing={4} fz="sm" data-testid="journal-topics">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={100}>Дата</Table.Th>
          <Table.Th w={60}>Урок</Table.Th>
          <Table.Th>Тема</Table.Th>
          <Table.Th>Домашнее задание</Table.Th>
          <Table.Th w={220}>Учитель</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {real.map((l) => (
          <Table.Tr key={l.id} c={l.status === 'cancelled' ? 'dimmed' : undefined}>
            <Table.Td className="tnum">{ruDate(l.date)}</Table.Td>
            <Table.Td>{l.lessonNo}</Table.Td>
            <Table.Td>{l.status === 'cancelled' ? `Урок отменён${l.topic ? ` (${l.topic})` : ''}` : (l.topic ?? '—')}</Table.Td>
            <Table.Td>{l.homework ?? '—'}</Table.Td>
            <Table.Td title={l.substitute ?? l.teacher ?? undefined} style={{ whiteSpace: 'nowrap' }}>
              {l.substitute ? `${shortName(l.substitute)} (замена)` : l.teacher ? shortName(l.teacher) : ''}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
