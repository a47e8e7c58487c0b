// Teachers' busy times in a version (issue 11 point 1): a teacher × weekday × lesson grid; a click
// marks the lesson busy or free again, the day's header marks the whole day a methodical day.
// Each click is one call (timetable.unavailable.save / remove); the editor then refuses lessons there.
import { useMemo, useState } from 'react';
import { Group, Modal, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { call } from '../api';
import { useAction } from '../data/useAction';
import { ErrorAlert } from '../components/ErrorAlert';
import type { TeacherUnavailable, TimetableBoard } from '../../../electron/api/timetable';
import { unavailableReasons } from '../../../electron/api/enums';
import { lessonsByShift, WEEKDAYS } from './model';
import classes from './Timetable.module.css';

export function BusyTimesModal({ board, readOnly, initialTeacher, onClose }: { board: TimetableBoard; readOnly: boolean; initialTeacher: string | null; onClose: () => void }) {
  const [teacherId, setTeacherId] = useState<string | null>(initialTeacher ?? board.teachers[0]?.id ?? null);
  const bySh = useMemo(() => lessonsByShift(board), [board]);
  const shifts = [...bySh.keys()].sort((a, b) => a - b);
  const [shift, setShift] = useState(String(shifts[0] ?? 1));
  const lessons = bySh.get(Number(shift)) ?? [];
  const days = Array.from({ length: board.version.days }, (_, i) => i + 1);
  const mine = board.unavailable.filter((u) => u.staffId === teacherId && u.shift === Number(shift));
  const at = (d: number, n: number | null) => mine.find((u) => u.weekday === d && u.lessonNo === n);
  const wholeDay = (d: number) => at(d, null);

  const toggle = useAction(async (d: number, n: number | null) => {
    if (!teacherId) return;
    const existing: TeacherUnavailable | undefined = at(d, n);
    if (existing) return call('timetable.unavailable.remove', { id: existing.id });
    // The whole day replaces its single lessons.
    if (n === null) for (const u of mine.filter((x) => x.weekday === d && x.lessonNo !== null)) await call('timetable.unavailable.remove', { id: u.id });
    await call('timetable.unavailable.save', { timetableId: board.version.id, staffId: teacherId, weekday: d, shift: Number(shift), lessonNo: n, reason: n === null ? 'methodical_day' : 'unavailable' });
  });

  return (
    <Modal opened onClose={onClose} title="Занятость учителей" size="lg" data-testid="tt-busy-modal">
      <Stack gap="sm">
        <Group gap="sm" align="flex-end">
          <Select
            label="Учитель"
            searchable
            data={board.teachers.map((t) => ({ value: t.id, label: t.name }))}
            value={teacherId}
            onChange={setTeacherId}
            style={{ flex: 1 }}
            data-testid="tt-busy-teacher"
          />
          {shifts.length > 1 ? <SegmentedControl value={shift} onChange={setShift} data={shifts.map((s) => ({ value: String(s), label: `${s} смена` }))} /> : null}
        </Group>
        <Text size="xs" c="dimmed">
          Щелчок по уроку отмечает, что учитель в это время занят (или снова свободен); по названию дня — методический день
          (весь день). Уроки в занятое время редактор не поставит.
        </Text>
        {teacherId ? (
          <div className={classes.busyGrid} style={{ gridTemplateColumns: `60px repeat(${days.length}, 1fr)` }} data-testid="tt-busy-grid">
            <div />
            {days.map((d) => (
              <button
                key={d}
                type="button"
                className={classes.busyCell}
                data-busy={wholeDay(d)?.reason}
                disabled={readOnly || toggle.busy}
                onClick={() => void toggle.run(d, null)}
                title={wholeDay(d) ? `${unavailableReasons.labels[wholeDay(d)!.reason]}: снять` : 'Сделать методическим днём'}
                data-testid="tt-busy-day"
                data-weekday={d}
              >
                <b>{WEEKDAYS[d - 1]}</b>
              </button>
            ))}
            {lessons.map((n) => (
              <div key={n} style={{ display: 'contents' }}>
                <div style={{ alignSelf: 'center' }}>{n}-й урок</div>
                {days.map((d) => {
                  const u = wholeDay(d) ?? at(d, n);
                  return (
                    <button
                      key={d}
                      type="button"
                      className={classes.busyCell}
                      data-busy={u?.reason}
                      disabled={readOnly || toggle.busy || !!wholeDay(d)}
                      onClick={() => void toggle.run(d, n)}
                      data-testid="tt-busy-cell"
                      data-weekday={d}
                      data-lesson={n}
                    >
                      {u ? unavailableReasons.labels[u.reason] : ''}
                    </button>
                  );
                })}
              </div>
            ))}
          </div>
        ) : (
          <Text c="dimmed">В версии нет учителей: создайте уроки по тарификации.</Text>
        )}
        <ErrorAlert error={toggle.error} />
      </Stack>
    </Modal>
  );
}
