// Adding or editing a teacher's absence: the teacher, from–to (both inclusive), the reason, a note.
import { useEffect, useMemo, useState } from 'react';
import { Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { call } from '../api';
import { useGuardedClose } from '../app/unsaved';
import { DateField } from '../components/DateField';
import { ErrorAlert } from '../components/ErrorAlert';
import { focusFirstError } from '../components/focusError';
import { useAction } from '../data/useAction';
import { hasErrors, MAX, tooLong, type FieldErrors } from '../lib/checks';
import { parseRuDate, ruDate } from '../lib/dates';
import { fieldError, problemsOf } from '../lib/errors';
import type { OpInput } from '../../../electron/api/contract';
import type { AbsenceReason } from '../../../electron/api/enums';
import type { TeacherAbsence } from '../../../electron/api/substitutions';
import { REASON_OPTIONS, useTeachers } from './shared';

export function AbsenceModal({
  opened,
  absence,
  date,
  onClose,
  onSaved,
}: {
  opened: boolean;
  /** null: a new absence. */
  absence: TeacherAbsence | null;
  /** The day on screen: a new absence starts and ends on it. */
  date: string;
  onClose: () => void;
  onSaved: (a: TeacherAbsence) => void;
}) {
  const { teachers, error: teachersError } = useTeachers();
  const [staffId, setStaffId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState<AbsenceReason>('illness');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const saving = useAction((input: OpInput<'absences.save'>) => call('absences.save', input), {
    success: (a) => ({ title: 'Отсутствие сохранено', message: `${a.teacherName}: ${ruDate(a.dateFrom)}${a.dateTo !== a.dateFrom ? ` – ${ruDate(a.dateTo)}` : ''}` }),
    onSuccess: (a) => onSaved(a),
  });
  const { busy, error, setError } = saving;
  const initial = useMemo(
    () => ({ staffId: absence?.staffId ?? null, from: ruDate(absence?.dateFrom ?? date), to: ruDate(absence?.dateTo ?? date), reason: absence?.reason ?? ('illness' as AbsenceReason), note: absence?.note ?? '' }),
    [absence, date],
  );
  useEffect(() => {
    if (!opened) return;
    setStaffId(initial.staffId);
    setFrom(initial.from);
    setTo(initial.to);
    setReason(initial.reason);
    setNote(initial.note);
    setTried(false);
    setError(null);
  }, [opened, initial]);

  const pFrom = parseRuDate(from, { required: true });
  const pTo = parseRuDate(to, { required: true });
  const p = problemsOf(error);
  const local: FieldErrors = {
    staffId: tried && !staffId ? 'Выберите учителя' : undefined,
    from: tried && !pFrom.ok ? pFrom.error : undefined,
    to: tried && !pTo.ok ? pTo.error : pFrom.ok && pTo.ok && pFrom.iso && pTo.iso && pTo.iso < pFrom.iso ? 'Последний день раньше первого' : undefined,
    note: tooLong(note, MAX.note, 'Примечание'),
  };
  const options = useMemo(() => teachers.map((t) => ({ value: t.id, label: t.fullName })), [teachers]);
  const submit = async (): Promise<boolean> => {
    setTried(true);
    const errs: FieldErrors = { ...local, staffId: staffId ? undefined : 'Выберите учителя', from: pFrom.ok ? undefined : pFrom.error, to: pTo.ok ? local.to : pTo.error };
    if (hasErrors(errs) || !staffId || !pFrom.ok || !pTo.ok || !pFrom.iso || !pTo.iso) return focusFirstError(document.querySelector('[data-testid="absence-modal"]'));
    return saving.run({ id: absence?.id ?? null, staffId, dateFrom: pFrom.iso, dateTo: pTo.iso, reason, note });
  };
  const dirty = staffId !== initial.staffId || from !== initial.from || to !== initial.to || reason !== initial.reason || note !== initial.note;
  const close = useGuardedClose({ opened, dirty, onClose, save: submit });
  return (
    <Modal opened={opened} onClose={close} title={absence ? `Отсутствие: ${absence.teacherName}` : 'Отсутствие учителя'} data-testid="absence-modal">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          {teachersError ? <ErrorAlert error={teachersError} title="Список учителей не загружен" /> : null}
          <Select
            label="Учитель"
            withAsterisk
            searchable
            data={options}
            value={staffId}
            onChange={setStaffId}
            nothingFoundMessage="Никого не найдено"
            placeholder="Фамилия"
            error={local.staffId ?? fieldError(p, 'staffId', 'Учитель')}
            data-autofocus
            data-testid="absence-teacher"
          />
          <Group grow align="flex-start">
            <DateField label="С" withAsterisk value={from} onChange={setFrom} error={local.from ?? fieldError(p, 'dateFrom')} data-testid="absence-from" />
            <DateField label="По (включительно)" withAsterisk value={to} onChange={setTo} error={local.to ?? fieldError(p, 'dateTo')} data-testid="absence-to" />
          </Group>
          <Select
            label="Причина"
            data={REASON_OPTIONS as { value: string; label: string }[]}
            value={reason}
            onChange={(v) => v && setReason(v as AbsenceReason)}
            allowDeselect={false}
            error={fieldError(p, 'reason')}
            data-testid="absence-reason"
          />
          <Textarea label="Примечание" autosize minRows={2} maxRows={5} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={local.note ?? fieldError(p, 'note', 'Примечание')} data-testid="absence-note" />
          {error ? <ErrorAlert error={error} /> : null}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              Отмена
            </Button>
            <Button type="submit" loading={busy} data-testid="absence-save">
              Сохранить
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
