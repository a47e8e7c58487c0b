// The debts' documents as PDF jobs: the notices to parents (the class chosen, or every student with
// an open debt), the retake schedule for a period, and a debt's commission protocol (the drawer).
import { useState } from 'react';
import { Button, Group, Popover, Stack } from '@mantine/core';
import { IconCalendarEvent, IconPrinter } from '@tabler/icons-react';
import { call, saveFile } from '../../api';
import type { OpInput } from '../../../../electron/api/contract';
import { useAction } from '../../data/useAction';
import { DateField } from '../../components/DateField';
import { PDF_MIME } from '../../components/FileButtons';
import { isoDates } from '../../lib/dateFields';
import { fieldError, problemsOf } from '../../lib/errors';

type PdfOp = 'debts.noticePdf' | 'debts.schedulePdf' | 'debts.protocolPdf';

/** Runs a PDF job and saves its file; refusals shown by the caller (error) and notified. */
export function usePdf<N extends PdfOp>(op: N, what: string) {
  return useAction(
    async (input: OpInput<N> | (() => OpInput<N>)) => {
      // A function: the input is read (and its typed dates checked) as the action starts, its refusal shown like the core's.
      const f = await call(op, typeof input === 'function' ? input() : input);
      await saveFile(f.fileName, f.id, PDF_MIME);
      return f;
    },
    { invalidates: false, notify: `${what}: не напечатано`, success: (f) => ({ title: f.fileName, message: `${what} сохранено в PDF` }) },
  );
}

export function DebtFiles({ yearId, classId }: { yearId: string; classId: string | null }) {
  const notice = usePdf('debts.noticePdf', 'Уведомления');
  const schedule = usePdf('debts.schedulePdf', 'График');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [opened, setOpened] = useState(false);
  const p = problemsOf(schedule.error);
  return (
    <Group gap="xs">
      <Button variant="default" leftSection={<IconPrinter size={16} stroke={1.6} />} loading={notice.busy} onClick={() => void notice.run({ yearId, classId })} data-testid="debts-notice-pdf">
        Уведомления родителям
      </Button>
      <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow trapFocus>
        <Popover.Target>
          <Button variant="default" leftSection={<IconCalendarEvent size={16} stroke={1.6} />} onClick={() => setOpened((o) => !o)} data-testid="debts-schedule-open">
            График пересдач
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="xs" w={260}>
            <DateField label="Период с" value={from} onChange={setFrom} error={fieldError(p, 'from')} data-testid="debts-schedule-from" />
            <DateField label="по" value={to} onChange={setTo} error={fieldError(p, 'to')} data-testid="debts-schedule-to" />
            <Button
              leftSection={<IconPrinter size={16} stroke={1.6} />}
              loading={schedule.busy}
              data-testid="debts-schedule-pdf"
              onClick={() =>
                void schedule.run(() => {
                  const [f, t] = isoDates([
                    { column: 'from', label: 'Период с', text: from, required: false },
                    { column: 'to', label: 'Период по', text: to, required: false },
                  ]);
                  return { yearId, classId, from: f, to: t };
                })
              }
            >
              Печать (PDF)
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}
