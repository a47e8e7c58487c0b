// «Отметить вручение»: the copies of a batch handed over on a date (to whom, when not the addressee);
// a bad date is refused next to the field, before anything is sent and again by the core.
import { useState } from 'react';
import { Button, Checkbox, Group, Modal, ScrollArea, Stack, Table, Text, TextInput } from '@mantine/core';
import { call } from '../api';
import { useAction } from '../data/useAction';
import { DateField } from '../components/DateField';
import { ErrorAlert } from '../components/ErrorAlert';
import { fieldError, problemsOf } from '../lib/errors';
import { ruDate, todayIso } from '../lib/dates';
import { isoDates } from '../lib/dateFields';
import type { StatementBatchRow } from '../../../electron/api/statements';

export function HandedModal({ batch, canChange, onClose }: { batch: StatementBatchRow; canChange: boolean; onClose: () => void }) {
  const open = batch.copies.filter((c) => !c.handedOn);
  const [picked, setPicked] = useState<Set<string>>(() => new Set(open.map((c) => c.id)));
  const [date, setDate] = useState(ruDate(todayIso()));
  const [to, setTo] = useState('');
  const save = useAction(
    async () => {
      const [handedOn] = isoDates([{ column: 'handedOn', label: 'Дата вручения', text: date }]);
      return call('statements.markHanded', { copyIds: [...picked], handedOn: handedOn!, handedTo: to });
    },
    { success: (r) => `Отмечено вручение: ${r.handed}`, onSuccess: onClose },
  );
  const problems = problemsOf(save.error);
  const toggle = (id: string) =>
    setPicked((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  return (
    <Modal opened onClose={onClose} title={`Выписки за ${ruDate(batch.dateFrom)}–${ruDate(batch.dateTo)}${batch.className ? `, ${batch.className}` : ''}`} size="lg">
      <Stack gap="sm">
        <ScrollArea.Autosize mah={300} type="auto">
          <Table verticalSpacing={4} data-testid="statement-copies">
            <Table.Tbody>
              {batch.copies.map((c) => (
                <Table.Tr key={c.id} data-testid="statement-copy">
                  <Table.Td w={32}>{canChange && !c.handedOn ? <Checkbox checked={picked.has(c.id)} onChange={() => toggle(c.id)} aria-label={c.studentName} /> : null}</Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {c.studentName}
                      {c.className ? `, ${c.className}` : ''}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {c.guardianName ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={c.handedOn ? 'teal.8' : 'dimmed'}>
                      {c.handedOn ? `вручена ${ruDate(c.handedOn)}${c.handedTo ? `, ${c.handedTo}` : ''}` : 'не вручена'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
        {canChange && open.length ? (
          <>
            <Group align="flex-start" grow>
              <DateField label="Дата вручения" withAsterisk value={date} onChange={setDate} error={fieldError(problems, 'handedOn')} data-testid="handed-date" />
              <TextInput label="Кому вручена (если не адресату)" value={to} onChange={(e) => setTo(e.currentTarget.value)} error={fieldError(problems, 'handedTo')} data-testid="handed-to" />
            </Group>
            {save.error && !problems.every((p) => ['handedOn', 'handedTo'].includes(p.column ?? '')) ? <ErrorAlert error={save.error} /> : null}
          </>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {canChange && open.length ? 'Отмена' : 'Закрыть'}
          </Button>
          {canChange && open.length ? (
            <Button loading={save.busy} disabled={!picked.size} onClick={() => void save.run()} data-testid="handed-save">
              Отметить вручение ({picked.size})
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Modal>
  );
}
