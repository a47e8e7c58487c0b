// One lesson of a day: who could take it, ranked and explained (one click «Назначить»), and the
// other things that can be done to it — merge subgroups, cancel, move, change the room — or, when
// something is recorded already, what and «Убрать изменение». A refusal (a clash, as in the
// editor) is shown next to the action that was refused.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Badge, Box, Button, Group, Loader, Paper, ScrollArea, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconArrowForwardUp, IconArrowMerge, IconBan, IconDoorEnter, IconTrash, IconUserCheck } from '@tabler/icons-react';
import { call } from '../api';
import { useReadOnly } from '../app/access';
import { DateField } from '../components/DateField';
import { ErrorAlert } from '../components/ErrorAlert';
import { useConfirm } from '../components/Confirm';
import { change } from '../data/change';
import { useAction } from '../data/useAction';
import { useOp } from '../data/useOp';
import { MAX, tooLong } from '../lib/checks';
import { parseRuDate, ruDate } from '../lib/dates';
import type { OpInput } from '../../../electron/api/contract';
import type { CoverCandidate, DayLesson } from '../../../electron/api/substitutions';
import { shortName } from '../auth/UserMenu';
import { changeColor, changeText, lessonLabel, mergeCandidates, weekdayOf } from './shared';

type Mode = 'merge' | 'cancel' | 'move' | 'room' | null;

/** The lesson's title line: «3-й урок, 09:30–10:15 · 6Б · Математика». */
export function LessonTitle({ lesson, withDate }: { lesson: DayLesson; withDate?: boolean }) {
  return (
    <Text fw={600} size="sm">
      {withDate ? `${ruDate(lesson.date)}, ` : ''}
      {lessonLabel(lesson.lessonNo)}, <span className="tnum">{lesson.startsAt}–{lesson.endsAt}</span> · {lesson.targetName} · {lesson.subjectName}
    </Text>
  );
}

function CandidateRow({ c, top, onAssign, busy, error, readOnly }: { c: CoverCandidate; top: boolean; onAssign: () => void; busy: boolean; error: unknown; readOnly: boolean }) {
  const refused = c.refused !== null;
  return (
    <Paper
      withBorder
      p={8}
      radius="sm"
      data-testid="candidate"
      data-staff-id={c.staffId}
      data-top={top || undefined}
      data-refused={refused || undefined}
      style={{
        borderColor: top ? 'var(--mantine-color-teal-5)' : undefined,
        background: top ? 'var(--mantine-color-teal-0)' : refused ? 'var(--mantine-color-gray-0)' : undefined,
        opacity: refused ? 0.7 : 1,
      }}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap={6} wrap="nowrap">
            <Text size="xs" c="dimmed" className="tnum" w={18} ta="right">
              {refused ? '—' : c.rank}
            </Text>
            <Text size="sm" fw={top ? 700 : 500} c={refused ? 'dimmed' : undefined} lh={1.25} data-testid="candidate-name">
              {c.name}
            </Text>
          </Group>
          {refused ? (
            <Text size="xs" c="red.8" pl={24} data-testid="candidate-refused">
              {c.refused}
            </Text>
          ) : (
            <Group gap={4} pl={24} data-testid="candidate-reasons">
              {top ? (
                <Badge size="xs" color="teal" variant="filled" tt="none">
                  лучший
                </Badge>
              ) : null}
              {c.reasons.map((r) => (
                <Badge key={r} size="xs" variant="light" color={/^Без|^Свобод|^Ведёт|^Знает/.test(r) ? 'teal' : 'gray'} tt="none" fw={500}>
                  {r}
                </Badge>
              ))}
            </Group>
          )}
        </Stack>
        {readOnly ? null : (
          <Button
            size="compact-sm"
            variant={top ? 'filled' : 'default'}
            color={top ? 'teal' : undefined}
            leftSection={<IconUserCheck size={14} />}
            disabled={refused}
            loading={busy}
            onClick={onAssign}
            data-testid="candidate-assign"
            style={{ flexShrink: 0 }}
          >
            Назначить
          </Button>
        )}
      </Group>
      {error ? (
        <Box mt={6}>
          <ErrorAlert error={error} title="Не назначено" />
        </Box>
      ) : null}
    </Paper>
  );
}

function ActionBox({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="sm" bg="gray.0" data-testid="lesson-action-form">
      <Text size="sm" fw={600} mb={6}>
        {title}
      </Text>
      <Stack gap="xs">{children}</Stack>
    </Paper>
  );
}

const LESSON_NUMBERS = Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: lessonLabel(i + 1) }));

export function LessonPanel({ lesson, dayLessons, withDate }: { lesson: DayLesson; dayLessons: DayLesson[]; withDate?: boolean }) {
  const readOnly = useReadOnly();
  const [mode, setMode] = useState<Mode>(null);
  const [note, setNote] = useState('');
  const [withCard, setWithCard] = useState<string | null>(null);
  const [toDate, setToDate] = useState('');
  const [toLesson, setToLesson] = useState<string | null>(null);
  const [roomId, setRoomId] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [assigning, setAssigning] = useState<string | null>(null);
  const [ask, confirmModal] = useConfirm();
  const key = `${lesson.date}|${lesson.cardId}`;
  useEffect(() => {
    setMode(null);
    setAssigning(null);
  }, [key]);
  useEffect(() => {
    setNote('');
    setTried(false);
    setWithCard(null);
    setToDate(ruDate(lesson.date));
    setToLesson(null);
    setRoomId(null);
  }, [key, mode]);

  const candidatesQ = useOp('substitutions.candidates', { date: lesson.date, cardId: lesson.cardId }, { enabled: !lesson.change });
  const roomsQ = useOp('rooms.list', undefined, { enabled: mode === 'move' || mode === 'room' });
  const rooms = useMemo(() => (roomsQ.data ?? []).map((r) => ({ value: r.id, label: r.name ? `${r.number} — ${r.name}` : r.number })), [roomsQ.data]);
  const siblings = useMemo(() => mergeCandidates(lesson, dayLessons), [lesson, dayLessons]);
  const candidates = candidatesQ.data ?? [];
  const top = candidates.find((c) => c.refused === null);
  const ordered = useMemo(() => [...candidates.filter((c) => c.refused === null), ...candidates.filter((c) => c.refused !== null)], [candidates]);

  const assign = useAction((c: CoverCandidate) => call('substitutions.assign', { date: lesson.date, cardId: lesson.cardId, substituteId: c.staffId, roomId: null, note: null }), {
    success: (_r, c) => ({ title: 'Замена назначена', message: `${lesson.targetName}, ${lessonLabel(lesson.lessonNo)}: ${c.name}` }),
  });
  const act = useAction((input: OpInput<'substitutions.change'>) => call('substitutions.change', input), {
    success: (r) => changeText(r),
    onSuccess: () => setMode(null),
  });
  useEffect(() => act.setError(null), [key, mode]); // eslint-disable-line react-hooks/exhaustive-deps

  const noteError = tooLong(note, MAX.note, 'Примечание');
  const pTo = parseRuDate(toDate, { required: true });
  const submit = () => {
    setTried(true);
    if (noteError) return;
    const base = { date: lesson.date, cardId: lesson.cardId, note: note.trim() ? note : null };
    if (mode === 'cancel') void act.run({ kind: 'cancel', ...base });
    else if (mode === 'merge') {
      const w = withCard ?? siblings[0]?.cardId;
      if (w) void act.run({ kind: 'merge', ...base, withCardId: w });
    } else if (mode === 'room') {
      if (roomId) void act.run({ kind: 'room', ...base, roomId });
    } else if (mode === 'move') {
      if (pTo.ok && pTo.iso && toLesson) void act.run({ kind: 'move', ...base, toDate: pTo.iso, toLessonNo: Number(toLesson), roomId });
    }
  };

  const c = lesson.change;
  const noteField = (
    <Textarea size="xs" label="Примечание" autosize minRows={1} maxRows={3} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={noteError} data-testid="lesson-action-note" />
  );
  const submitRow = (label: string, color?: string) => (
    <>
      {act.error ? <ErrorAlert error={act.error} title="Не выполнено" /> : null}
      <Group justify="flex-end" gap="xs">
        <Button size="xs" variant="default" onClick={() => setMode(null)}>
          Закрыть
        </Button>
        <Button size="xs" color={color} loading={act.busy} onClick={submit} data-testid="lesson-action-submit">
          {label}
        </Button>
      </Group>
    </>
  );

  return (
    <Stack gap="sm" data-testid="lesson-panel" data-card-id={lesson.cardId}>
      <Stack gap={2}>
        <Title order={4} fz={16}>
          {withDate ? `${ruDate(lesson.date)} (${weekdayOf(lesson.date)}), ` : ''}
          {lessonLabel(lesson.lessonNo)}, {lesson.targetName}
        </Title>
        <Text size="sm">
          {lesson.subjectName} · <span className="tnum">{lesson.startsAt}–{lesson.endsAt}</span>
          {lesson.roomNumber ? ` · каб. ${lesson.roomNumber}` : ''}
        </Text>
        <Group gap={6}>
          <Text size="sm" c="dimmed">
            Учитель: {lesson.teacherName}
          </Text>
          {lesson.teacherAbsent ? (
            <Badge size="xs" color="orange" variant="light" tt="none">
              отсутствует
            </Badge>
          ) : null}
        </Group>
      </Stack>

      {readOnly || c ? null : (
        <Stack gap="xs">
          <Group gap={6}>
            {siblings.length ? (
              <Button size="compact-sm" variant={mode === 'merge' ? 'light' : 'default'} leftSection={<IconArrowMerge size={14} />} onClick={() => setMode(mode === 'merge' ? null : 'merge')} data-testid="lesson-merge">
                Объединить подгруппы
              </Button>
            ) : null}
            <Button size="compact-sm" variant={mode === 'move' ? 'light' : 'default'} leftSection={<IconArrowForwardUp size={14} />} onClick={() => setMode(mode === 'move' ? null : 'move')} data-testid="lesson-move">
              Перенести
            </Button>
            <Button size="compact-sm" variant={mode === 'room' ? 'light' : 'default'} leftSection={<IconDoorEnter size={14} />} onClick={() => setMode(mode === 'room' ? null : 'room')} data-testid="lesson-room">
              Другой кабинет
            </Button>
            <Button size="compact-sm" variant={mode === 'cancel' ? 'light' : 'default'} color="red" leftSection={<IconBan size={14} />} onClick={() => setMode(mode === 'cancel' ? null : 'cancel')} data-testid="lesson-cancel">
              Отменить урок
            </Button>
          </Group>
          {mode === 'merge' ? (
            <ActionBox title="Объединить подгруппы: урок ведёт учитель другой подгруппы">
              <Select
                size="xs"
                label="С уроком"
                data={siblings.map((s) => ({ value: s.cardId, label: `${s.targetName}${s.subjectId === lesson.subjectId ? '' : `, ${s.subjectName}`} — ${shortName(s.teacherName)}` }))}
                value={withCard ?? siblings[0]?.cardId ?? null}
                onChange={setWithCard}
                allowDeselect={false}
                data-testid="merge-with"
              />
              {noteField}
              {submitRow('Объединить')}
            </ActionBox>
          ) : null}
          {mode === 'cancel' ? (
            <ActionBox title="Отменить урок (запишется, но не считается заменой)">
              {noteField}
              {submitRow('Отменить урок', 'red')}
            </ActionBox>
          ) : null}
          {mode === 'move' ? (
            <ActionBox title="Перенести урок на другой день или урок">
              <Group grow align="flex-start" gap="xs">
                <DateField size="xs" label="На дату" value={toDate} onChange={setToDate} error={tried && !pTo.ok ? pTo.error : undefined} data-testid="move-date" />
                <Select size="xs" label="Урок" data={LESSON_NUMBERS} value={toLesson} onChange={setToLesson} error={tried && !toLesson ? 'Выберите урок' : undefined} data-testid="move-lesson" />
              </Group>
              <Select size="xs" label="Кабинет" placeholder="Тот же" data={rooms} value={roomId} onChange={setRoomId} searchable clearable nothingFoundMessage="Нет такого кабинета" data-testid="move-room" />
              {noteField}
              {submitRow('Перенести')}
            </ActionBox>
          ) : null}
          {mode === 'room' ? (
            <ActionBox title="Провести урок в другом кабинете">
              <Select
                size="xs"
                label="Кабинет"
                data={rooms}
                value={roomId}
                onChange={setRoomId}
                searchable
                nothingFoundMessage="Нет такого кабинета"
                error={tried && !roomId ? 'Выберите кабинет' : undefined}
                data-testid="room-select"
              />
              {roomsQ.error ? <ErrorAlert error={roomsQ.error} title="Кабинеты не загружены" /> : null}
              {noteField}
              {submitRow('Сменить кабинет')}
            </ActionBox>
          ) : null}
        </Stack>
      )}
      {c ? (
        <Paper withBorder p="sm" radius="sm" data-testid="lesson-change" style={{ borderLeft: `4px solid var(--mantine-color-${changeColor(c)}-5)` }}>
          <Stack gap={6}>
            <Text size="sm" fw={600} data-testid="lesson-change-text">
              {changeText(c)}
            </Text>
            {c.kind === 'move' || c.kind === 'cancel' || c.kind === 'room' ? (
              <Text size="xs" c="dimmed">
                Записано, но не считается заменой.
              </Text>
            ) : null}
            {c.note ? <Text size="xs">{c.note}</Text> : null}
            {readOnly ? null : (
              <Group>
                <Button
                  size="compact-sm"
                  variant="light"
                  color="red"
                  leftSection={<IconTrash size={14} />}
                  data-testid="change-remove"
                  onClick={() =>
                    ask({
                      title: 'Убрать изменение',
                      message: (
                        <Text size="sm">
                          {changeText(c)} — {lessonLabel(lesson.lessonNo)}, {lesson.targetName}, {ruDate(lesson.date)}. Убрать эту запись? Урок снова будет
                          {lesson.teacherAbsent ? ' ждать замены' : ' идти по расписанию'}.
                        </Text>
                      ),
                      confirmLabel: 'Убрать',
                      color: 'red',
                      errorTitle: 'Не убрано',
                      run: async () => {
                        await change('substitutions.remove', { id: c.id });
                      },
                    })
                  }
                >
                  Убрать изменение
                </Button>
              </Group>
            )}
          </Stack>
        </Paper>
      ) : (
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            Кто может заменить
          </Text>
          {candidatesQ.error ? <ErrorAlert error={candidatesQ.error} title="Кандидаты не загружены" /> : null}
          {candidatesQ.isLoading ? <Loader size="sm" /> : null}
          {candidatesQ.data && !candidates.length ? (
            <Text size="sm" c="dimmed">
              Нет учителей, которые могли бы взять этот урок.
            </Text>
          ) : null}
          {candidatesQ.data && candidates.length && !top ? (
            <Alert color="orange" variant="light" p="xs">
              <Text size="sm">Свободных учителей нет: объедините подгруппы, перенесите или отмените урок.</Text>
            </Alert>
          ) : null}
          <ScrollArea.Autosize mah="calc(100vh - 380px)" type="auto" offsetScrollbars>
          <Stack gap={4} data-testid="candidates">
            {ordered.map((cand) => (
              <CandidateRow
                key={cand.staffId}
                c={cand}
                top={cand === top}
                readOnly={readOnly}
                busy={assign.busy && assigning === cand.staffId}
                error={assigning === cand.staffId ? assign.error : null}
                onAssign={() => {
                  setAssigning(cand.staffId);
                  void assign.run(cand);
                }}
              />
            ))}
          </Stack>
          </ScrollArea.Autosize>
        </Stack>
      )}

      {confirmModal}
    </Stack>
  );
}
