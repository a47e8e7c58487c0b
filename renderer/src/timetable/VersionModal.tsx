// A new timetable version from a date (issue 11 point 1): changes are usually made in the holidays;
// the new version copies the cards, places and busy times of the current one, the past stays as it was.
import { useState } from 'react';
import { Button, Checkbox, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { call } from '../api';
import { useAction } from '../data/useAction';
import { DateField } from '../components/DateField';
import { ErrorAlert } from '../components/ErrorAlert';
import { fieldError, problemsOf } from '../lib/errors';
import { parseRuDate, ruDate } from '../lib/dates';
import type { TimetableVersion } from '../../../electron/api/timetable';

export function VersionModal({ yearId, copyFrom, onClose, onSaved }: { yearId: string; copyFrom: TimetableVersion | null; onClose: () => void; onSaved: (v: TimetableVersion) => void }) {
  const [name, setName] = useState(copyFrom ? `Расписание с ${ruDate(new Date().toISOString().slice(0, 10))}` : 'Основное расписание');
  const [from, setFrom] = useState('');
  const [days, setDays] = useState<'5' | '6'>(String(copyFrom?.days ?? 5) as '5' | '6');
  const [fortnight, setFortnight] = useState(copyFrom?.fortnight ?? false);
  const [copy, setCopy] = useState(!!copyFrom);
  const [dateError, setDateError] = useState<string | undefined>();
  const save = useAction(
    (validFrom: string) =>
      call('timetable.saveVersion', { yearId, name: name.trim(), validFrom, days: Number(days) as 5 | 6, fortnight, copyFrom: copy && copyFrom ? copyFrom.id : null }),
    { success: (v) => `Версия «${v.name}» создана`, onSuccess: (v) => onSaved(v) },
  );
  const problems = problemsOf(save.error);
  const submit = () => {
    const d = parseRuDate(from, { required: true });
    if (!d.ok || !d.iso) return setDateError(d.ok ? 'Укажите дату' : d.error);
    setDateError(undefined);
    void save.run(d.iso);
  };
  return (
    <Modal opened onClose={onClose} title="Новая версия расписания" size="md" data-testid="tt-version-modal">
      <Stack gap="sm">
        <TextInput label="Название" value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(problems, 'name', 'Название')} data-testid="tt-version-name" data-autofocus />
        <DateField label="Действует с" value={from} onChange={setFrom} error={dateError ?? fieldError(problems, 'validFrom', 'Действует с')} data-testid="tt-version-from" />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Учебная неделя
          </Text>
          <SegmentedControl value={days} onChange={(v) => setDays(v as '5' | '6')} data={[{ value: '5', label: 'Пятидневка' }, { value: '6', label: 'Шестидневка' }]} />
        </Stack>
        <Checkbox label="Чередование по неделям (чётная/нечётная)" checked={fortnight} onChange={(e) => setFortnight(e.currentTarget.checked)} />
        {copyFrom ? (
          <Checkbox
            label={`Скопировать уроки, их места и занятость учителей из «${copyFrom.name}»`}
            checked={copy}
            onChange={(e) => setCopy(e.currentTarget.checked)}
            data-testid="tt-version-copy"
          />
        ) : null}
        <Text size="xs" c="dimmed">
          Прежняя версия действует до дня перед датой новой: прошедшие недели остаются как были.
        </Text>
        <ErrorAlert error={problems.length ? null : save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Отмена
          </Button>
          <Button onClick={submit} loading={save.busy} data-testid="tt-version-save">
            Создать
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
