// «Выписки для родителей» (issue 13 point 5; R12): the span (the last full week by default) and the
// class, who gets a statement with its figures, «Напечатать выписки» (one PDF, one child a sheet,
// recorded in the register), and the register of batches with the handing of copies marked.
import { useMemo, useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileTypePdf, IconMailForward } from '@tabler/icons-react';
import { call, saveFile } from '../api';
import { useOp } from '../data/useOp';
import { useAction } from '../data/useAction';
import { useAppState } from '../app/AppState';
import { PageHeader } from '../components/PageHeader';
import { DateField } from '../components/DateField';
import { ErrorAlert } from '../components/ErrorAlert';
import { fieldError, problemsOf } from '../lib/errors';
import { countOf, parseRuDate, ruDate, ruDateTime } from '../lib/dates';
import type { StatementBatchRow, StatementChild, StatementsDue } from '../../../electron/api/statements';
import { HandedModal } from './HandedModal';
import { dueText } from './due';

const PDF = 'application/pdf';
const avg = (v: number | null) => (v === null ? '—' : v.toFixed(2).replace('.', ','));

/** The child's averages per subject in one line: «Алгебра 4,50 / 4,33». */
function subjectsLine(c: StatementChild): string {
  const withMarks = c.subjects.filter((s) => s.average !== null);
  return withMarks.length ? withMarks.map((s) => `${s.subject} ${avg(s.average)} / ${avg(s.weightedAverage)}`).join('; ') : 'отметок нет';
}

export function StatementsPage() {
  const { access } = useAppState();
  const canPrint = access('statements') === 'change';
  const dueQ = useOp('statements.due');
  const due: StatementsDue | undefined = dueQ.data;
  const [fromText, setFrom] = useState<string | null>(null);
  const [toText, setTo] = useState<string | null>(null);
  const [classId, setClassId] = useState<string | null>(null);
  const [handing, setHanding] = useState<StatementBatchRow | null>(null);
  const fromShown = fromText ?? (due ? ruDate(due.defaultFrom) : '');
  const toShown = toText ?? (due ? ruDate(due.defaultTo) : '');
  const from = parseRuDate(fromShown);
  const to = parseRuDate(toShown);
  const datesOk = from.ok && to.ok && !!from.iso && !!to.iso;
  const input = useMemo(() => ({ from: from.ok ? (from.iso ?? undefined) : undefined, to: to.ok ? (to.iso ?? undefined) : undefined, classId }), [from, to, classId]);
  const classesQ = useOp('classes.list');
  const previewQ = useOp('statements.preview', input, { enabled: !!due && datesOk, keepPrevious: true });
  const registerQ = useOp('statements.register', {});
  const problems = problemsOf(previewQ.error);
  const children = previewQ.data?.children ?? [];

  const print = useAction(
    async () => {
      const f = await call('statements.print', input);
      await saveFile(f.fileName, f.id, PDF);
      return f;
    },
    { notify: 'Выписки не напечатаны', success: (f) => ({ title: f.fileName, message: `Выписок: ${f.rows}; записаны в журнал выдачи` }) },
  );
  const printProblems = problemsOf(print.error);

  return (
    <Stack gap="md" data-testid="statements-page" data-loaded={previewQ.data && registerQ.data ? true : undefined}>
      <PageHeader
        title="Выписки для родителей"
        description="Родителям, отказавшимся от электронного дневника: отметки, пропуски и опоздания ребёнка за неделю — не реже раза в 14 дней"
        actions={
          canPrint ? (
            <Button
              leftSection={<IconFileTypePdf size={16} />}
              loading={print.busy}
              disabled={!children.length || !datesOk}
              onClick={() => void print.run()}
              data-testid="statements-print"
            >
              Напечатать выписки{children.length ? ` (${children.length})` : ''}
            </Button>
          ) : null
        }
      />
      {due ? (
        <Alert color={due.overdue ? 'red' : 'blue'} variant="light" data-testid="statements-due" py="xs">
          {dueText(due)}
        </Alert>
      ) : null}
      <Group gap="sm" align="flex-start">
        <DateField label="С" w={150} value={fromShown} onChange={setFrom} error={fieldError([...problems, ...printProblems], 'from')} data-testid="statements-from" />
        <DateField label="По" w={150} value={toShown} onChange={setTo} error={fieldError([...problems, ...printProblems], 'to')} data-testid="statements-to" />
        <Select
          label="Класс"
          placeholder="Вся школа"
          clearable
          searchable
          w={170}
          data={(classesQ.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={classId}
          onChange={setClassId}
          data-testid="statements-class"
        />
        {due ? (
          <Button
            variant="default"
            mt={25}
            onClick={() => {
              setFrom(ruDate(due.defaultFrom));
              setTo(ruDate(due.defaultTo));
            }}
          >
            Прошлая неделя
          </Button>
        ) : null}
      </Group>
      {previewQ.error && !problems.some((p) => p.column === 'from' || p.column === 'to') ? <ErrorAlert error={previewQ.error} title="Не удалось составить список" /> : null}
      <Paper p={0} style={{ overflow: 'auto', maxHeight: 330 }}>
        <Table striped highlightOnHover verticalSpacing={5} stickyHeader data-testid="statements-preview">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Класс</Table.Th>
              <Table.Th>Ученик</Table.Th>
              <Table.Th>Кому (отказ от электронного дневника)</Table.Th>
              <Table.Th ta="right">Уроков</Table.Th>
              <Table.Th ta="right">Отметок</Table.Th>
              <Table.Th>Средний / средневзвешенный балл</Table.Th>
              <Table.Th ta="right">Пропущено</Table.Th>
              <Table.Th ta="right">Опозданий</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {children.map((c) => (
              <Table.Tr key={c.studentId} data-testid="statement-child">
                <Table.Td>{c.className}</Table.Td>
                <Table.Td>{c.studentName}</Table.Td>
                <Table.Td>{c.addressees.map((a) => a.name).join(', ')}</Table.Td>
                <Table.Td ta="right" className="tnum">{c.totals.lessonsHeld}</Table.Td>
                <Table.Td ta="right" className="tnum">{c.totals.marks}</Table.Td>
                <Table.Td>
                  <Text size="xs" lineClamp={2} title={subjectsLine(c)}>
                    {subjectsLine(c)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" className="tnum">{c.totals.missed}</Table.Td>
                <Table.Td ta="right" className="tnum">{c.totals.late}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {previewQ.data && !children.length ? (
          <Text c="dimmed" size="sm" p="md">
            {previewQ.data.className ? `В классе ${previewQ.data.className}` : 'В школе'} нет учеников, чьи родители отказались от электронного дневника.
          </Text>
        ) : null}
      </Paper>
      <Paper p="md" data-testid="statements-register">
        <Title order={5} mb="xs">
          Журнал выдачи выписок
        </Title>
        {registerQ.error ? <ErrorAlert error={registerQ.error} title="Не удалось загрузить журнал" /> : null}
        {registerQ.data && !registerQ.data.length ? (
          <Text size="sm" c="dimmed">
            Выписки ещё не печатались.
          </Text>
        ) : null}
        {registerQ.data?.length ? (
          <Table verticalSpacing={4} data-testid="statements-batches">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Период</Table.Th>
                <Table.Th>Класс</Table.Th>
                <Table.Th>Напечатаны</Table.Th>
                <Table.Th>Вручено</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {registerQ.data.map((b) => (
                <Table.Tr key={b.id} data-testid="statement-batch">
                  <Table.Td className="tnum">
                    {ruDate(b.dateFrom)}–{ruDate(b.dateTo)}
                  </Table.Td>
                  <Table.Td>{b.className ?? 'вся школа'}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{ruDateTime(b.printedAt)}</Text>
                    <Text size="xs" c="dimmed">
                      {b.printedBy}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={b.handed === b.copies.length ? 'teal' : b.handed ? 'orange' : 'gray'} variant="light" tt="none" className="tnum" data-testid="statement-batch-handed">
                      {b.handed} из {b.copies.length}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    {canPrint ? (
                      <Button size="compact-sm" variant="light" leftSection={<IconMailForward size={14} />} onClick={() => setHanding(b)} data-testid="statement-batch-hand">
                        Отметить вручение
                      </Button>
                    ) : (
                      <Anchor size="sm" onClick={() => setHanding(b)}>
                        {countOf(b.copies.length, 'выписка', 'выписки', 'выписок')}
                      </Anchor>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Paper>
      {handing ? <HandedModal batch={registerQ.data?.find((b) => b.id === handing.id) ?? handing} canChange={canPrint} onClose={() => setHanding(null)} /> : null}
    </Stack>
  );
}
