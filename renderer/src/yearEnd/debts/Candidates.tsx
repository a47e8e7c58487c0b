// «Из итогов года»: the year's unsatisfactory attestation marks («2», «1», «незач», «н/а») without a
// debt, to record with one click (the day the debt arose: the year's last day by default).
import { useMemo, useState } from 'react';
import { Button, Checkbox, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconClipboardPlus } from '@tabler/icons-react';
import { useOp } from '../../data/useOp';
import { useAction } from '../../data/useAction';
import { change } from '../../data/change';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { countOf, ruDate } from '../../lib/dates';
import { isoDates } from '../../lib/dateFields';
import { fieldError, problemsOf } from '../../lib/errors';
import { debtReasons, markValues } from '../../../../electron/api/enums';
import type { DebtList } from '../../../../electron/api/debts';

const key = (c: { studentId: string; subjectId: string }) => `${c.studentId}:${c.subjectId}`;

export function Candidates({ list, classId, canChange }: { list: DebtList; classId: string | null; canChange: boolean }) {
  const cand = useOp('debts.candidates', { yearId: list.yearId, classId });
  const rows = cand.data ?? [];
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [date, setDate] = useState(ruDate(list.yearEnd < list.today ? list.yearEnd : list.today));
  const chosen = useMemo(() => rows.filter((c) => c.editable && picked.has(key(c))), [rows, picked]);
  const record = useAction(
    async () => {
      const [recordedOn] = isoDates([{ column: 'recordedOn', label: 'Дата возникновения задолженности', text: date }]);
      return change('debts.record', {
        yearId: list.yearId,
        items: chosen.map((c) => ({ studentId: c.studentId, subjectId: c.subjectId, reason: c.reason, recordedOn: recordedOn! })),
      });
    },
    { success: (r) => `Зафиксировано задолженностей: ${r.recorded}`, onSuccess: () => setPicked(new Set()) },
  );
  const p = problemsOf(record.error);
  const mine = rows.filter((c) => c.editable);
  const all = mine.length > 0 && mine.every((c) => picked.has(key(c)));
  const toggle = (k: string, on: boolean) => setPicked((s) => {
    const n = new Set(s);
    if (on) n.add(k);
    else n.delete(k);
    return n;
  });
  return (
    <Paper withBorder p="md" data-testid="debts-candidates" data-loaded={cand.data ? true : undefined}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={4} fz={16}>
              Из итогов года
            </Title>
            <Text size="sm" c="dimmed">
              Неудовлетворительные отметки промежуточной аттестации и «н/а», по которым задолженность ещё не зафиксирована.
            </Text>
          </div>
          {canChange && rows.length ? (
            <Group gap="xs" align="flex-end">
              <DateField label="Дата возникновения" value={date} onChange={setDate} w={170} error={fieldError(p, 'recordedOn', 'items.0.recordedOn')} data-testid="debts-record-date" />
              <Button leftSection={<IconClipboardPlus size={16} />} disabled={!chosen.length} loading={record.busy} onClick={() => void record.run()} data-testid="debts-record">
                Зафиксировать задолженности{chosen.length ? ` (${chosen.length})` : ''}
              </Button>
            </Group>
          ) : null}
        </Group>
        {cand.error ? <ErrorAlert error={cand.error} title="Итоги года не загружены" /> : null}
        {record.error && !fieldError(p, 'recordedOn', 'items.0.recordedOn') ? <ErrorAlert error={record.error} title="Задолженности не зафиксированы" /> : null}
        {rows.length ? (
          <Table withTableBorder verticalSpacing={4} data-testid="debts-candidates-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>
                  {canChange ? <Checkbox aria-label="Отметить все" checked={all} indeterminate={!all && chosen.length > 0} onChange={(e) => setPicked(e.currentTarget.checked ? new Set(mine.map(key)) : new Set())} data-testid="debts-candidates-all" /> : null}
                </Table.Th>
                <Table.Th w={70}>Класс</Table.Th>
                <Table.Th>Ученик</Table.Th>
                <Table.Th>Предмет</Table.Th>
                <Table.Th w={90}>Отметка</Table.Th>
                <Table.Th>Причина</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr key={key(c)} data-testid="debts-candidate">
                  <Table.Td>
                    {canChange ? (
                      <Checkbox
                        aria-label={`${c.studentName}, ${c.subjectName}`}
                        disabled={!c.editable}
                        checked={picked.has(key(c))}
                        onChange={(e) => toggle(key(c), e.currentTarget.checked)}
                        data-testid="debts-candidate-check"
                      />
                    ) : null}
                  </Table.Td>
                  <Table.Td>{c.className}</Table.Td>
                  <Table.Td>{c.studentName}</Table.Td>
                  <Table.Td>{c.subjectName}</Table.Td>
                  <Table.Td>«{markValues.labels[c.mark]}»</Table.Td>
                  <Table.Td>
                    <Text size="sm">{debtReasons.labels[c.reason]}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : cand.data ? (
          <Text size="sm" c="dimmed" data-testid="debts-candidates-none">
            Незафиксированных неудовлетворительных отметок нет{classId ? ' в этом классе' : ''}.
          </Text>
        ) : null}
        {rows.length ? (
          <Text size="xs" c="dimmed">
            {countOf(rows.length, 'отметка', 'отметки', 'отметок')}; «н/а» — задолженность, если причина неуважительная: отметьте только такие.
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
