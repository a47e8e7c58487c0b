// A period of one teacher's absence (substitutions.forAbsence): every lesson of its days, by day,
// covered one by one with the same panel as the day page.
import { useEffect, useMemo, useState } from 'react';
import { Badge, Box, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { useOp } from '../data/useOp';
import { countOf, ruDate, todayIso } from '../lib/dates';
import type { DayLesson } from '../../../electron/api/substitutions';
import { LessonPanel } from './LessonPanel';
import { LessonRow, lessonKey, listKeyHandler } from './LessonList';
import { REASON_LABELS, substitutionsHref, weekdayOf } from './shared';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function AbsencePage({ absenceId, date: dateParam }: { absenceId: string; date?: string }) {
  const date = dateParam && ISO.test(dateParam) ? dateParam : todayIso();
  const lessonsQ = useOp('substitutions.forAbsence', { absenceId });
  // The absence itself (its teacher, dates, reason): among those of the day it was opened from.
  const absencesQ = useOp('absences.list', { from: date, to: date });
  const absence = absencesQ.data?.find((a) => a.id === absenceId);
  const lessons = lessonsQ.data ?? [];
  const [selected, setSelected] = useState<string | null>(null);
  const current = lessons.find((l) => lessonKey(l) === selected);
  useEffect(() => {
    if (current || !lessons.length) return;
    const first = lessons.find((l) => l.needsCover) ?? lessons[0]!;
    setSelected(lessonKey(first));
  }, [current, lessons]);
  useEffect(() => {
    const onKey = listKeyHandler(lessons, selected, setSelected);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lessons, selected]);
  const byDay = useMemo(() => {
    const m = new Map<string, DayLesson[]>();
    for (const l of lessons) m.set(l.date, [...(m.get(l.date) ?? []), l]);
    return [...m.entries()];
  }, [lessons]);
  const open = lessons.filter((l) => l.needsCover).length;
  // The day's other lessons are needed to merge subgroups: those of the chosen lesson's day.
  const dayQ = useOp('substitutions.day', { date: current?.date ?? date }, { enabled: !!current });
  const teacher = absence?.teacherName ?? lessons[0]?.teacherName ?? '';

  return (
    <Stack gap="sm">
      <PageHeader
        title={teacher ? `Отсутствие: ${teacher}` : 'Отсутствие учителя'}
        description={
          absence
            ? `${REASON_LABELS[absence.reason]}, ${absence.dateFrom === absence.dateTo ? ruDate(absence.dateFrom) : `${ruDate(absence.dateFrom)} – ${ruDate(absence.dateTo)}`}${absence.note ? ` · ${absence.note}` : ''}`
            : 'Все уроки отсутствующего учителя по дням'
        }
        actions={
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} component="a" href={`#${substitutionsHref(date)}`} data-testid="absence-back">
            К дню {ruDate(date)}
          </Button>
        }
      />
      {lessonsQ.error ? <ErrorAlert error={lessonsQ.error} title="Уроки не загружены" /> : null}
      {lessonsQ.isLoading ? <Loader size="sm" /> : null}
      {lessonsQ.data ? (
        <Group gap="xs">
          <Badge variant="light" color={open ? 'red' : 'teal'} tt="none" size="lg" data-testid="absence-open">
            {open ? `Без замены: ${countOf(open, 'урок', 'урока', 'уроков')}` : 'Все уроки закрыты'}
          </Badge>
          <Text size="sm" c="dimmed">
            Всего {countOf(lessons.length, 'урок', 'урока', 'уроков')} · ↑ ↓ — урок
          </Text>
        </Group>
      ) : null}
      <Group align="flex-start" gap="md" wrap="nowrap">
        <Paper withBorder p={0} py={4} style={{ flex: '1 1 560px', minWidth: 0 }} data-testid="absence-lessons">
          {lessonsQ.data && !lessons.length ? (
            <Text size="sm" c="dimmed" p="sm">
              В эти дни у учителя нет уроков по расписанию.
            </Text>
          ) : null}
          {byDay.map(([d, list]) => (
            <Stack key={d} gap={0} data-testid="absence-day" data-date={d}>
              <Title order={5} fz={13} px={10} pt={6} c="dimmed">
                {ruDate(d)}, {weekdayOf(d)}
              </Title>
              {list.map((l) => (
                <LessonRow key={lessonKey(l)} lesson={l} selected={lessonKey(l) === selected} onSelect={() => setSelected(lessonKey(l))} showTeacher={false} />
              ))}
            </Stack>
          ))}
        </Paper>
        <Box w={430} style={{ flexShrink: 0, position: 'sticky', top: 72 }}>
          <Paper withBorder p="sm">
            {current ? <LessonPanel lesson={current} dayLessons={dayQ.data?.date === current.date ? dayQ.data.lessons : [current]} withDate /> : <Text size="sm" c="dimmed">Выберите урок слева.</Text>}
          </Paper>
        </Box>
      </Group>
    </Stack>
  );
}
