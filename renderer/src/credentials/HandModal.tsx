// «Отметить выдачу»: the date, to whom, how — saved in the register (R7).
import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { call } from '../api';
import { useAction } from '../data/useAction';
import { DateField } from '../components/DateField';
import { ErrorAlert } from '../components/ErrorAlert';
import { fieldError, problemsOf } from '../lib/errors';
import { ruDate, todayIso } from '../lib/dates';
import { isoDates } from '../lib/dateFields';
import { MAX } from '../../../electron/api/limits';
import { credentialHandings, type CredentialHanding } from '../../../electron/api/enums';
import type { CredentialRow } from '../../../electron/api/credentials';

const initials = (full: string) => {
  const [last, ...rest] = full.split(' ');
  return `${last} ${rest.map((n) => `${n[0]}.`).join(' ')}`.trim();
};

export function HandModal({ row, onClose }: { row: CredentialRow; onClose: () => void }) {
  const [date, setDate] = useState(ruDate(todayIso()));
  const [to, setTo] = useState(initials(row.recipientName));
  const [how, setHow] = useState<CredentialHanding>('in_person');
  const hand = useAction(
    async () => {
      const [handedOn] = isoDates([{ column: 'handedOn', label: 'Дата выдачи', text: date }]);
      return call('credentials.hand', { id: row.id, handedOn: handedOn!, handedTo: to, handedHow: how });
    },
    { success: (r) => `Выдача отмечена: ${r.recipientName}`, onSuccess: onClose },
  );
  const problems = problemsOf(hand.error);
  return (
    <Modal opened onClose={onClose} title="Отметить выдачу учётных данных" size="md">
      <Stack gap="sm">
        <Text size="sm">
          {row.recipientName}
          {row.role === 'parent' ? ` (${row.relation ?? 'родитель'} — ученик ${row.studentName})` : ' (обучающийся)'} · логин <b>{row.login}</b>
        </Text>
        <DateField label="Дата выдачи" value={date} onChange={setDate} error={fieldError(problems, 'handedOn')} data-testid="hand-date" />
        <TextInput label="Кому выданы" value={to} onChange={(e) => setTo(e.currentTarget.value)} error={fieldError(problems, 'handedTo')} data-testid="hand-to" />
        <Select
          label="Как выданы"
          data={credentialHandings.values.map((v) => ({ value: v, label: credentialHandings.labels[v] }))}
          value={how}
          allowDeselect={false}
          onChange={(v) => v && setHow(v as CredentialHanding)}
          error={fieldError(problems, 'handedHow')}
          data-testid="hand-how"
        />
        {hand.error && !problems.every((x) => ['handedOn', 'handedTo', 'handedHow'].includes(x.column ?? '')) ? <ErrorAlert error={hand.error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Отмена
          </Button>
          <Button loading={hand.busy} onClick={() => void hand.run()} data-testid="hand-save">
            Отметить выдачу
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
