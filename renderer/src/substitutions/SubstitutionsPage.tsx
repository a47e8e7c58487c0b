// «Замены» (issue 11 point 4; R9): one day at a time — the absent teachers, the lessons they leave
// needing cover first, then every lesson changed that day; a lesson chosen on the left shows on the
// right who could take it (ranked and explained, one click «Назначить») and what else can be done
// to it. The day sheet for the teachers' room (PDF), the monthly «Журнал замещения уроков» and the
// indicator «Равноценность замены». Keys: ← → the day, ↑ ↓ the lesson.
import { useEffect, useMemo, useState } from 'react';
import { ActionIcon, Alert, Badge, Box, Button, Group, Loader, Paper, Stack, Switch, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { IconCalendarOff, IconChevronLeft, IconChevronRight, IconFileTypePdf, IconListDetails, IconNotebook, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { call, saveFile } from '../api';
import { useReadOnly } from '../app/access';
import { go } from '../app/useHashRoute';
import { DateField } from '../components/DateField';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { useConfirmDelete } from '../components/ConfirmDelete';
import { change } from '../data/change';
import { useAction } from '../data/useAction';
import { useOp } from '../data/useOp';
import { addDays, countOf, parseRuDate, ruDate, todayIso } from '../lib/dates';
import type { DayLesson, TeacherAbsence } from '../../../electron/api/substitutions';
import { AbsenceModal } from './AbsenceModal';
import { IndicatorTable } from './IndicatorTable';
import { JournalModal } from './JournalModal';
import { LessonPanel } from './LessonPanel';
import { LessonRow, lessonKey, listKeyHandler } from './LessonList';
import { PDF, REASON_LABELS, substitutionsHref, weekdayOf } from './shared';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function AbsenceRow({ a, date, onEdit, onRemove, readOnly }: { a: TeacherAbsence; date: string; onEdit: () => void; onRemove: () => void; readOnly: boolean }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs" px={10} py={6} data-testid="absence-row" data-absence-id={a.id}>
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={600} truncate>
            {a.teacherName}
          </Text>
          <Badge size="xs" variant="light" color="orange" tt="none">
            {REASON_LABELS[a.reason]}
          </Badge>
          {a.overTwoMonths ? (
            <Tooltip label="Отсутствие дольше двух месяцев: замены оплачиваются как тарифицированная нагрузка">
              <Badge size="xs" variant="light" color="grape" tt="none">
                больше 2 месяцев
              </Badge>
            </Tooltip>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed" className="tnum">
          {a.dateFrom === a.dateTo ? ruDate(a.dateFrom) : `${ruDate(a.dateFrom)} – ${ruDate(a.dateTo)}`} · закрыто {a.covered} из {countOf(a.lessons, 'урока', 'уроков', 'уроков')}
          {a.note ? ` · ${a.note}` : ''}
        </Text>
      </Stack>
      <Group gap={2} wrap="nowrap">
        <Tooltip label="Все уроки этого отсутствия по дням">
          <Button size="compact-xs" variant="subtle" leftSection={<IconListDetails size={14} />} component="a" href={`#/substitutions/absence/${a.id}?date=${date}`} data-testid="absence-period">
            Все дни
          </Button>
        </Tooltip>
        {readOnly ? null : (
          <>
            <Tooltip label="Изменить">
              <ActionIcon variant="subtle" color="gray" onClick={onEdit} aria-label="Изменить" data-testid="absence-edit">
                <IconPencil size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Удалить">
              <ActionIcon variant="subtle" color="gray" onClick={onRemove} aria-label="Удалить" data-testid="absence-remove">
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </>
        )}
      </Group>
    </Group>
  );
}

function Section({ title, count, color, children, testId }: { title: string; count: number; color: string; children: React.ReactNode; testId: string }) {
  return (
    <Stack gap={2} data-testid={testId}>
      <Group gap={6} px={10} pt={6}>
        <Text size="xs" fw={700} tt="uppercase" c="dimmed" style={{ letterSpacing: 0.4 }}>
          {title}
        </Text>
        <Badge size="sm" variant="light" color={count ? color : 'gray'} className="tnum">
          {count}
        </Badge>
      </Group>
      {children}
    </Stack>
  );
}

export function SubstitutionsPage({ date: dateParam, tab }: { date?: string; tab?: string }) {
  const readOnly = useReadOnly();
  const date = dateParam && ISO.test(dateParam) ? dateParam : todayIso();
  const [dateText, setDateText] = useState(ruDate(date));
  useEffect(() => setDateText(ruDate(date)), [date]);
  const setDate = (iso: string) => go(substitutionsHref(iso));
  const dayQ = useOp('substitutions.day', { date }, { keepPrevious: true, enabled: tab !== 'indicator' });
  const day = dayQ.data?.date === date ? dayQ.data : undefined;
  const [showAll, setShowAll] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<TeacherAbsence | 'new' | null>(null);
  const [journal, setJournal] = useState(false);
  const [askDelete, deleteModal] = useConfirmDelete();

  const lessons = day?.lessons ?? [];
  const needCover = useMemo(() => lessons.filter((l) => l.needsCover), [lessons]);
  const changed = useMemo(() => lessons.filter((l) => l.change), [lessons]);
  const others = useMemo(() => lessons.filter((l) => !l.needsCover && !l.change), [lessons]);
  const visible = useMemo(() => [...needCover, ...changed, ...(showAll ? others : [])], [needCover, changed, others, showAll]);
  const current: DayLesson | undefined = lessons.find((l) => lessonKey(l) === selected);
  // The first lesson still needing cover is chosen when none is (a new day, the chosen one gone).
  useEffect(() => {
    if (!day) return;
    if (current && (showAll || current.needsCover || current.change)) return;
    const first = visible[0];
    setSelected(first ? lessonKey(first) : null);
  }, [day, current, visible, showAll]);

  useEffect(() => {
    const onKey = listKeyHandler(visible, selected, setSelected, (d) => setDate(addDays(date, d)));
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [visible, selected, date]);

  const sheet = useAction(
    async () => {
      const f = await call('substitutions.daySheetPdf', { date });
      await saveFile(f.fileName, f.id, PDF);
      return f;
    },
    { invalidates: false, notify: 'Лист замен не создан', success: (f) => ({ title: f.fileName, message: `Лист замен на ${ruDate(date)} сохранён` }) },
  );

  const typed = parseRuDate(dateText, { required: true });
  const onDateText = (t: string) => {
    setDateText(t);
    const p = parseRuDate(t, { required: true });
    if (p.ok && p.iso && p.iso !== date && /^\d{2}\.\d{2}\.\d{4}$/.test(t.trim())) setDate(p.iso);
  };

  return (
    <Stack gap="sm">
      <PageHeader
        title="Замены"
        description="Отсутствующие учителя, уроки без замены и все изменения дня"
        actions={
          <>
            <Button variant="default" leftSection={<IconFileTypePdf size={16} color="var(--mantine-color-red-7)" />} loading={sheet.busy} onClick={() => void sheet.run()} data-testid="day-sheet">
              Лист замен (PDF)
            </Button>
            <Button variant="default" leftSection={<IconNotebook size={16} />} onClick={() => setJournal(true)} data-testid="journal-open">
              Журнал замещения уроков
            </Button>
          </>
        }
      />
      <Tabs value={tab === 'indicator' ? 'indicator' : 'day'} onChange={(v) => go(substitutionsHref(date, v === 'indicator' ? 'indicator' : undefined))} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="day" data-testid="tab-day">
            День
          </Tabs.Tab>
          <Tabs.Tab value="indicator" data-testid="tab-indicator">
            Равноценность замены
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="indicator" pt="sm">
          <IndicatorTable />
        </Tabs.Panel>
        <Tabs.Panel value="day" pt="sm">
          <Stack gap="sm">
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <Tooltip label="Предыдущий день (←)">
                <ActionIcon variant="default" size={36} onClick={() => setDate(addDays(date, -1))} aria-label="Предыдущий день" data-testid="day-prev">
                  <IconChevronLeft size={18} />
                </ActionIcon>
              </Tooltip>
              <DateField
                value={dateText}
                onChange={onDateText}
                onBlur={() => typed.ok && typed.iso && typed.iso !== date && setDate(typed.iso)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && typed.ok && typed.iso) setDate(typed.iso);
                }}
                w={150}
                aria-label="Дата"
                data-testid="day-date"
              />
              <Tooltip label="Следующий день (→)">
                <ActionIcon variant="default" size={36} onClick={() => setDate(addDays(date, 1))} aria-label="Следующий день" data-testid="day-next">
                  <IconChevronRight size={18} />
                </ActionIcon>
              </Tooltip>
              <Button variant="subtle" onClick={() => setDate(todayIso())} disabled={date === todayIso()}>
                Сегодня
              </Button>
              <Stack gap={0} pt={2} style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} data-testid="day-title">
                  {weekdayOf(date)}, {ruDate(date)}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {day ? (day.timetable ? `Расписание: ${day.timetable.name}` : 'На этот день нет расписания') : ' '}
                  {' · ← → — день, ↑ ↓ — урок'}
                </Text>
              </Stack>
              {dayQ.isFetching ? <Loader size="xs" mt={10} /> : null}
            </Group>
            {dayQ.error ? <ErrorAlert error={dayQ.error} title="День не загружен" /> : null}
            <Group align="flex-start" gap="md" wrap="nowrap">
              <Stack gap="sm" style={{ flex: '1 1 560px', minWidth: 0 }}>
                <Paper withBorder p={0} data-testid="absences">
                  <Group justify="space-between" px={10} py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
                    <Title order={4} fz={15}>
                      Отсутствуют
                    </Title>
                    {readOnly ? null : (
                      <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')} data-testid="absence-add">
                        Добавить отсутствие
                      </Button>
                    )}
                  </Group>
                  {day && !day.absences.length ? (
                    <Group gap={6} px={10} py={8}>
                      <IconCalendarOff size={16} color="var(--mantine-color-gray-5)" />
                      <Text size="sm" c="dimmed">
                        В этот день все учителя на месте.
                      </Text>
                    </Group>
                  ) : null}
                  {(day?.absences ?? []).map((a) => (
                    <AbsenceRow
                      key={a.id}
                      a={a}
                      date={date}
                      readOnly={readOnly}
                      onEdit={() => setEditing(a)}
                      onRemove={() =>
                        askDelete(`отсутствие: ${a.teacherName}, ${a.dateFrom === a.dateTo ? ruDate(a.dateFrom) : `${ruDate(a.dateFrom)} – ${ruDate(a.dateTo)}`}`, async () => {
                          await change('absences.remove', { id: a.id });
                        })
                      }
                    />
                  ))}
                </Paper>
                <Paper withBorder p={0} pb={6} data-testid="day-lessons" data-loaded={day ? true : undefined}>
                  <Group justify="space-between" px={10} py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
                    <Title order={4} fz={15}>
                      Уроки
                    </Title>
                    <Switch size="xs" label="Все уроки дня" checked={showAll} onChange={(e) => setShowAll(e.currentTarget.checked)} data-testid="show-all" />
                  </Group>
                  {day && !day.timetable ? (
                    <Alert color="gray" variant="light" m="xs">
                      На {ruDate(date)} нет действующего расписания: замены записываются по урокам расписания.
                    </Alert>
                  ) : null}
                  <Section title="Нужна замена" count={needCover.length} color="red" testId="need-cover">
                    {needCover.map((l) => (
                      <LessonRow key={lessonKey(l)} lesson={l} selected={lessonKey(l) === selected} onSelect={() => setSelected(lessonKey(l))} />
                    ))}
                    {day && !needCover.length ? (
                      <Text size="sm" c="dimmed" px={10} py={4}>
                        Все уроки отсутствующих учителей закрыты.
                      </Text>
                    ) : null}
                  </Section>
                  <Section title="Изменения дня" count={changed.length} color="blue" testId="changed">
                    {changed.map((l) => (
                      <LessonRow key={lessonKey(l)} lesson={l} selected={lessonKey(l) === selected} onSelect={() => setSelected(lessonKey(l))} />
                    ))}
                    {day && !changed.length ? (
                      <Text size="sm" c="dimmed" px={10} py={4}>
                        Изменений нет.
                      </Text>
                    ) : null}
                  </Section>
                  {showAll ? (
                    <Section title="Остальные уроки" count={others.length} color="gray" testId="others">
                      {others.map((l) => (
                        <LessonRow key={lessonKey(l)} lesson={l} selected={lessonKey(l) === selected} onSelect={() => setSelected(lessonKey(l))} />
                      ))}
                    </Section>
                  ) : null}
                </Paper>
              </Stack>
              <Box w={430} style={{ flexShrink: 0, position: 'sticky', top: 72 }}>
                <Paper withBorder p="sm">
                  {current ? (
                    <LessonPanel lesson={current} dayLessons={lessons} />
                  ) : (
                    <Text size="sm" c="dimmed" data-testid="lesson-panel-empty">
                      {day ? 'Выберите урок слева: здесь появятся учителя, которые могут его взять, и другие действия.' : ' '}
                    </Text>
                  )}
                </Paper>
              </Box>
            </Group>
          </Stack>
        </Tabs.Panel>
      </Tabs>
      <AbsenceModal
        opened={editing !== null}
        absence={editing === 'new' ? null : editing}
        date={date}
        onClose={() => setEditing(null)}
        onSaved={() => setEditing(null)}
      />
      <JournalModal opened={journal} onClose={() => setJournal(false)} date={date} />
      {deleteModal}
    </Stack>
  );
}
