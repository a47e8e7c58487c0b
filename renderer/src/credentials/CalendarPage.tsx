// «Производственный календарь» (setup): the shipped Russian production calendar (2026, 2027) with
// the school's corrections — a day off on a weekday, a working Saturday — that the deadlines of
// credentials (R7) are counted on; a calculator of «N working days after a date».
import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { call } from '../api';
import { useOp } from '../data/useOp';
import { useAction } from '../data/useAction';
import { useAppState } from '../app/AppState';
import { PageHeader } from '../components/PageHeader';
import { DateField } from '../components/DateField';
import { ErrorAlert } from '../components/ErrorAlert';
import { NumberField } from '../components/NumberField';
import { fieldError, problemsOf } from '../lib/errors';
import { parseRuDate, ruDate, todayIso } from '../lib/dates';
import { isoDates } from '../lib/dateFields';
import { MAX } from '../../../electron/api/limits';
import { calendarDayKinds, type CalendarDayKind } from '../../../electron/api/enums';

const WEEKDAYS = ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'];
const weekdayOf = (iso: string) => WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()];

export function CalendarPage() {
  const { access } = useAppState();
  const canChange = access('setup') === 'change';
  const [year, setYear] = useState(Number(todayIso().slice(0, 4)) >= 2027 ? 2027 : 2026);
  const yearQ = useOp('calendar.year', { year });
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<CalendarDayKind>('holiday');
  const [note, setNote] = useState('');
  const save = useAction(
    async () => {
      const [iso] = isoDates([{ column: 'date', label: 'Дата', text: date }]);
      return call('calendar.save', { date: iso!, kind, note: note || null });
    },
    { success: (d) => `${ruDate(d.date)}: ${d.working ? 'рабочий день' : 'выходной'}`, onSuccess: () => (setDate(''), setNote('')) },
  );
  const remove = useAction((id: string) => call('calendar.remove', { id }), { notify: 'Исправление не удалено', success: 'Исправление удалено' });
  const [from, setFrom] = useState(ruDate(todayIso()));
  const [days, setDays] = useState('10');
  const fromIso = parseRuDate(from, { required: true });
  const n = Number(days);
  const resultQ = useOp('calendar.addWorkingDays', { date: fromIso.ok ? fromIso.iso! : todayIso(), days: n }, { enabled: fromIso.ok && Number.isInteger(n) && n >= 0 && n <= 250 });
  const problems = problemsOf(save.error);
  const y = yearQ.data;

  return (
    <Stack gap="md" data-testid="calendar-page" data-loaded={y ? true : undefined}>
      <PageHeader
        title="Производственный календарь"
        description="Рабочие и выходные дни, по которым считаются сроки (выдача учётных данных — 10 рабочих дней со дня прибытия)"
        actions={
          <Select w={120} data={['2026', '2027']} value={String(year)} allowDeselect={false} onChange={(v) => v && setYear(Number(v))} data-testid="calendar-year" />
        }
      />
      {y && !y.shipped ? (
        <Alert color="orange">В программе нет переносов выходных на {year} год: учтены только субботы, воскресенья и праздники. Внесите переносы из постановления Правительства ниже.</Alert>
      ) : null}
      {year === 2027 ? (
        <Alert color="yellow" title="Переносы 2027 года не подтверждены">
          Постановление о переносе выходных дней в 2027 году в программу не внесено: учтены праздники и переносы по ст. 112 ТК РФ (3 мая, 10 мая, 14 июня). Куда перенесены выходные 2 и 3 января 2027 года, внесите по тексту постановления.
        </Alert>
      ) : null}
      <Group align="flex-start" gap="md" wrap="wrap">
        <Paper p="md" style={{ flex: '1 1 560px' }}>
          <Title order={5} mb="xs">
            Праздники, переносы и исправления {year} года{y ? ` · рабочих дней: ${y.workingDays}` : ''}
          </Title>
          {yearQ.error ? <ErrorAlert error={yearQ.error} /> : null}
          <Table verticalSpacing={4} data-testid="calendar-exceptions">
            <Table.Tbody>
              {(y?.exceptions ?? []).map((d) => (
                <Table.Tr key={d.date} data-testid="calendar-day">
                  <Table.Td className="tnum" w={130} style={{ whiteSpace: "nowrap" }}>
                    {ruDate(d.date)} {weekdayOf(d.date)}
                  </Table.Td>
                  <Table.Td w={110}>
                    <Badge variant="light" color={d.working ? 'teal' : 'red'} tt="none">
                      {d.working ? 'рабочий' : 'выходной'}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{d.reason}</Text>
                  </Table.Td>
                  <Table.Td w={150}>
                    {d.correction ? (
                      <Group gap={6} wrap="nowrap">
                        <Badge variant="outline" tt="none">
                          исправлено школой
                        </Badge>
                        {canChange ? (
                          <Button size="compact-xs" variant="subtle" color="red" onClick={() => void remove.run(d.correction!.id)}>
                            Удалить
                          </Button>
                        ) : null}
                      </Group>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
        <Stack gap="md" style={{ flex: '0 1 360px' }}>
          {canChange ? (
            <Paper p="md">
              <Title order={5} mb="xs">
                Исправить день
              </Title>
              <Stack gap="xs">
                <DateField label="Дата" value={date} onChange={setDate} error={fieldError(problems, 'date')} data-testid="calendar-date" />
                <Select
                  label="День"
                  data={calendarDayKinds.values.map((v) => ({ value: v, label: calendarDayKinds.labels[v] }))}
                  value={kind}
                  allowDeselect={false}
                  onChange={(v) => v && setKind(v as CalendarDayKind)}
                  error={fieldError(problems, 'kind')}
                  data-testid="calendar-kind"
                />
                <TextInput label="Основание" placeholder="Постановление Правительства РФ от …" value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fieldError(problems, 'note')} data-testid="calendar-note" />
                {save.error && !problems.every((x) => ['date', 'kind', 'note'].includes(x.column ?? '')) ? <ErrorAlert error={save.error} /> : null}
                <Button loading={save.busy} onClick={() => void save.run()} data-testid="calendar-save">
                  Сохранить
                </Button>
              </Stack>
            </Paper>
          ) : null}
          <Paper p="md">
            <Title order={5} mb="xs">
              Рабочие дни после даты
            </Title>
            <Group gap="xs" align="flex-end">
              <DateField label="От даты" value={from} onChange={setFrom} w={150} />
              <NumberField label="Рабочих дней" value={days} onChange={setDays} rule={{ min: 0, max: 250, step: 1 }} w={110} />
            </Group>
            <Text size="sm" mt="xs" data-testid="calendar-result">
              {resultQ.data ? `${days}-й рабочий день после ${from}: ${ruDate(resultQ.data)}` : ' '}
            </Text>
          </Paper>
        </Stack>
      </Group>
    </Stack>
  );
}
