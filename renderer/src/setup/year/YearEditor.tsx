import { useEffect, useImperativeHandle, useRef, useState } from 'react';
import { ReadOnlyFieldset, useReadOnly } from '../../app/access';
import { Alert, Badge, Button, Group, Loader, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconSparkles, IconInfoCircle } from '@tabler/icons-react';
import { call } from '../../api';
import { useOp } from '../../data/useOp';
import { useDraft } from '../../data/useDraft';
import { useAction } from '../../data/useAction';
import { DraftChangedNotice } from '../../data/DraftChangedNotice';
import type { OpInput } from '../../../../electron/api/contract';
import type { YearDetails } from '../../../../electron/api/types';
import { useAppState } from '../../app/AppState';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyRow, RemoveRowButton, RowProblems } from '../../components/EditorRows';
import { GradeSelect } from '../../components/GradeSelect';
import { LazySelect } from '../../components/LazySelect';
import type { EditorProps } from '../../components/stepHandle';
import { daysBetween, parseRuDate } from '../../lib/dates';
import { fieldError, problemsOf, withoutField, withoutProblems, type Problem } from '../../lib/errors';
import { PERIOD_KIND_OPTIONS, WINDOW_OPTIONS } from '../../lib/labels';
import { emptyYear, formFromYear, liveYearErrors, newKey, PERIOD_NUMBER, toYearInput, type HolidayRow, type PeriodRow, type YearForm } from './yearForm';
import { checkNumber, type NumberRule } from '../../lib/checks';
import { NumberField } from '../../components/NumberField';
import { SaveBar } from '../../components/SaveBar';
import { focusFirstError } from '../../components/focusError';
import { useUnsavedGuard } from '../../app/unsaved';

/** The year a school year starts in, for «Заполнить типовыми». */
const START_YEAR: NumberRule = { min: 2000, max: 2100, step: 1 };
import { AppError } from '../../api';

const KIND_OPTIONS = PERIOD_KIND_OPTIONS;
const PERIOD_COLUMNS = ['Окончание', 'Даты', 'Параллели', 'Пересечение'];

function defaultStartYear(today: string): number {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m >= 3 ? y : y - 1;
}

function length(start: string, end: string): string {
  const a = parseRuDate(start);
  const b = parseRuDate(end);
  if (!a.ok || !b.ok || !a.iso || !b.iso) return '';
  const d = daysBetween(a.iso, b.iso) + 1;
  return d > 0 ? `${d} дн.` : '';
}

/** Учебный год: dates, the grade-edit window, study periods per parallel and holidays. */
export function YearEditor({ handleRef, inWizard, onSubmitted }: EditorProps) {
  const { info } = useAppState();
  const readOnly = useReadOnly();
  const yearsQ = useOp('years.list');
  const current = (ys: YearDetails[]) => ys.find((x) => x.isCurrent) ?? ys[0];
  /** The stored year, copied into the form once: the form is a draft until «Сохранить» (dirty while it differs). */
  const d = useDraft<YearDetails[], YearForm | null>(yearsQ.data, (ys) => {
    const y = current(ys);
    return y ? formFromYear(y, y.id) : emptyYear();
  }, null);
  const form = d.draft;
  const setForm = d.setDraft;
  const [startYear, setStartYear] = useState<string>(() => String(defaultStartYear(info?.today ?? new Date().toISOString())));
  // The start year of the stored year, once it is known.
  const startKnown = useRef(false);
  useEffect(() => {
    const y = yearsQ.data && current(yearsQ.data);
    if (y && !startKnown.current) {
      startKnown.current = true;
      setStartYear(y.startDate.slice(0, 4));
    }
  }, [yearsQ.data]);
  const saveAction = useAction((input: OpInput<'years.save'>) => call('years.save', input), {
    success: inWizard ? undefined : 'Учебный год сохранён',
    onSuccess: (saved) => d.saved(formFromYear(saved, saved.id)),
  });
  const suggestAction = useAction((start: number) => call('years.suggest', { startYear: start }), {
    invalidates: false,
    onSuccess: (y) => setForm((f) => formFromYear(y, f?.id ?? null)),
  });
  const saving = saveAction.busy;
  const suggesting = suggestAction.busy;
  const error = saveAction.error ?? suggestAction.error ?? yearsQ.error;
  const setError = (e: unknown | ((prev: unknown) => unknown)) => {
    saveAction.setError(e);
    suggestAction.setError(typeof e === 'function' ? e : null);
  };

  const startYearCheck = checkNumber(startYear, START_YEAR);
  const suggest = async () => {
    if (!startYearCheck.ok || startYearCheck.value === null) return;
    await suggestAction.run(startYearCheck.value);
  };

  const save = async (): Promise<boolean> => {
    if (!form) return false;
    const { input, errors } = toYearInput(form);
    const local = Object.entries(errors).map(([column, message]) => ({ column, message }));
    if (local.length) {
      setError(new AppError('validation', `Учебный год не сохранён: ${local[0]!.message}`, local));
      return focusFirstError(document.querySelector('[data-testid="year-form"]'));
    }
    return saveAction.run(input);
  };
  const discard = () => {
    d.discard();
    setError(null);
  };
  const dirty = d.dirty;
  useImperativeHandle(handleRef, () => ({ save }));
  useUnsavedGuard(dirty && !readOnly, { save, discard });

  if (!form) return error ? <ErrorAlert error={error} title="Не удалось загрузить" /> : <Loader size="sm" />;
  // Too long names and wrong numbers are named while typing; the rest after «Сохранить».
  const live: Problem[] = Object.entries(liveYearErrors(form)).map(([column, message]) => ({ column, message }));
  const p = [...live, ...problemsOf(error).filter((x) => !live.some((l) => l.column === x.column))];
  const set = (patch: Partial<YearForm>) => {
    setForm((f) => (f ? { ...f, ...patch } : f));
    if ('name' in patch) setError((e: unknown) => withoutField(e, 'name', 'Учебный год'));
    if ('start' in patch) setError((e: unknown) => withoutField(e, 'startDate', 'Начало года'));
    if ('end' in patch) setError((e: unknown) => withoutField(e, 'endDate', 'Окончание года'));
  };
  // An edited row loses its old errors; overlaps depend on other rows, so they go too.
  const setPeriod = (i: number, patch: Partial<PeriodRow>) => {
    setForm((f) => (f ? { ...f, periods: f.periods.map((r, j) => (j === i ? { ...r, ...patch } : r)) } : f));
    setError((e: unknown) =>
      withoutProblems(e, (x) => !!x.column?.startsWith(`periods.${i}.`) || (x.row === i + 1 && PERIOD_COLUMNS.includes(x.column ?? '')) || x.column === 'Пересечение'),
    );
  };
  const setHoliday = (i: number, patch: Partial<HolidayRow>) => {
    setForm((f) => (f ? { ...f, holidays: f.holidays.map((r, j) => (j === i ? { ...r, ...patch } : r)) } : f));
    setError((e: unknown) => withoutProblems(e, (x) => !!x.column?.startsWith(`holidays.${i}.`) || (x.row === i + 1 && x.column === 'Каникулы')));
  };
  const periodProblems = (i: number): Problem[] =>
    p.filter((x) => x.column?.startsWith(`periods.${i}.`) || (x.row === i + 1 && x.column !== undefined && PERIOD_COLUMNS.includes(x.column)));
  const holidayProblems = (i: number): Problem[] => p.filter((x) => x.column?.startsWith(`holidays.${i}.`) || (x.row === i + 1 && x.column === 'Каникулы'));
  const has = (list: Problem[], field: string, ...core: string[]) => list.some((x) => x.column?.endsWith(`.${field}`) || (x.column !== undefined && core.includes(x.column)));

  const addPeriod = () => {
    const quarters = form.periods.filter((x) => x.kind === 'quarter').length;
    set({ periods: [...form.periods, { key: newKey(), kind: 'quarter', number: String(Math.min(quarters + 1, 4)), name: `${Math.min(quarters + 1, 4)} четверть`, start: '', end: '', gradeFrom: 1, gradeTo: 9 }] });
  };
  const addHoliday = () => set({ holidays: [...form.holidays, { key: newKey(), name: '', start: '', end: '', gradeFrom: 1, gradeTo: 11 }] });
  const empty = form.periods.length === 0 && !form.id;

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save().then((ok) => ok && onSubmitted?.());
      }}
      data-testid="year-form"
    >
      <ReadOnlyFieldset>
      <Stack gap="md">
        <DraftChangedNotice show={d.changedBehind && !readOnly} />
        <Paper p="lg">
          <Group justify="space-between" align="center" mb="md">
            <Title order={4}>Учебный год</Title>
            <Group gap="xs" align="center">
              <Text size="sm" c="dimmed">
                Год начала
              </Text>
              <NumberField
                value={startYear}
                onChange={setStartYear}
                rule={START_YEAR}
                w={96}
                size="sm"
                aria-label="Год начала учебного года"
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void suggest();
                  }
                }}
                data-testid="year-start-year"
              />
              <Button variant={empty ? 'filled' : 'light'} leftSection={<IconSparkles size={16} />} loading={suggesting} disabled={!startYearCheck.ok} onClick={() => void suggest()} data-testid="year-suggest">
                Заполнить типовыми
              </Button>
            </Group>
          </Group>
          {empty ? (
            <Alert color="indigo" variant="light" icon={<IconInfoCircle size={18} />} mb="md">
              Учебный год ещё не создан. Нажмите «Заполнить типовыми» — программа предложит даты четвертей для 1–9 классов, полугодий для 10–11 классов и
              каникул; затем поправьте их по приказу о календарном учебном графике.
            </Alert>
          ) : null}
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr 1.3fr', gap: 'var(--mantine-spacing-md)' }}>
            <TextInput
              label="Название"
              placeholder="2026/2027"
              withAsterisk
              value={form.name}
              onChange={(e) => set({ name: e.currentTarget.value })}
              error={fieldError(p, 'name', 'Учебный год')}
              data-testid="year-name"
            />
            <DateField label="Начало" withAsterisk value={form.start} onChange={(t) => set({ start: t })} error={fieldError(p, 'startDate', 'Начало года')} data-testid="year-startDate" />
            <DateField label="Окончание" withAsterisk value={form.end} onChange={(t) => set({ end: t })} error={fieldError(p, 'endDate', 'Окончание года')} data-testid="year-endDate" />
            <Select
              label="Срок исправления отметок"
              description="Сколько учитель может менять отметку после урока"
              data={WINDOW_OPTIONS}
              value={form.window}
              onChange={(v) => v && set({ window: v as YearForm['window'] })}
              data-testid="year-window"
              inputWrapperOrder={['label', 'input', 'description', 'error']}
            />
          </div>
        </Paper>

        <Paper p="lg">
          <Group justify="space-between" mb="xs" wrap="nowrap" align="flex-start">
            <div>
              <Title order={4}>Учебные периоды</Title>
              <Text size="sm" c="dimmed">
                Четверти для 1–9 классов, полугодия для 10–11 классов. Окончание периода задаёт срок выставления отметок за период (7 дней).
              </Text>
            </div>
            <Button variant="default" leftSection={<IconPlus size={16} />} onClick={addPeriod} data-testid="period-add" style={{ flexShrink: 0 }}>
              Добавить период
            </Button>
          </Group>
          <Table layout="fixed" verticalSpacing={6} horizontalSpacing={6} data-testid="periods-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Название</Table.Th>
                <Table.Th w={128}>Вид</Table.Th>
                <Table.Th w={58}>№</Table.Th>
                <Table.Th w={118}>Начало</Table.Th>
                <Table.Th w={118}>Окончание</Table.Th>
                <Table.Th w={66}>Дней</Table.Th>
                <Table.Th w={132}>Классы</Table.Th>
                <Table.Th w={40} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {form.periods.length === 0 ? (
                <EmptyRow colSpan={8}>
                  Периодов пока нет — заполните типовыми или добавьте вручную
                </EmptyRow>
              ) : null}
              {form.periods.map((r, i) => {
                const rp = periodProblems(i);
                return [
                  <Table.Tr key={r.key} bg={rp.length ? 'red.0' : undefined} data-testid={`period-row-${i}`}>
                    <Table.Td>
                      <TextInput size="xs" value={r.name} onChange={(e) => setPeriod(i, { name: e.currentTarget.value })} error={has(rp, 'name')} aria-label="Название периода" />
                    </Table.Td>
                    <Table.Td>
                      <LazySelect
                        size="xs"
                        data={KIND_OPTIONS}
                        value={r.kind}
                        onChange={(v) => v && setPeriod(i, { kind: v as PeriodRow['kind'], ...(v === 'half' ? { gradeFrom: 10, gradeTo: 11 } : { gradeFrom: 1, gradeTo: 9 }) })}
                        aria-label="Вид периода"
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberField size="xs" value={r.number} rule={PERIOD_NUMBER} onChange={(t) => setPeriod(i, { number: t })} error={has(rp, 'number') || undefined} aria-label="Номер периода" />
                    </Table.Td>
                    <Table.Td>
                      <DateField compact value={r.start} onChange={(t) => setPeriod(i, { start: t })} error={has(rp, 'startDate', 'Даты', 'Пересечение') || undefined} aria-label="Начало периода" />
                    </Table.Td>
                    <Table.Td>
                      <DateField compact value={r.end} onChange={(t) => setPeriod(i, { end: t })} error={has(rp, 'endDate', 'Окончание', 'Даты') || undefined} aria-label="Окончание периода" />
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed" className="tnum">
                        {length(r.start, r.end)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <GradeSelect size="xs" w={56} value={r.gradeFrom} onChange={(g) => setPeriod(i, { gradeFrom: g })} error={has(rp, 'gradeFrom', 'Параллели')} aria-label="Классы с" />
                        <Text size="xs">–</Text>
                        <GradeSelect size="xs" w={56} value={r.gradeTo} onChange={(g) => setPeriod(i, { gradeTo: g })} error={has(rp, 'gradeTo', 'Параллели')} aria-label="Классы по" />
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <RemoveRowButton label="Удалить период" onClick={() => set({ periods: form.periods.filter((_, j) => j !== i) })} />
                    </Table.Td>
                  </Table.Tr>,
                  <RowProblems key={r.key + '-err'} problems={rp} colSpan={8} />,
                ];
              })}
            </Table.Tbody>
          </Table>
        </Paper>

        <Paper p="lg">
          <Group justify="space-between" mb="xs" wrap="nowrap" align="flex-start">
            <div>
              <Title order={4}>Каникулы</Title>
              <Text size="sm" c="dimmed">
                Дни 1–5 каникул после каждой четверти — сроки бумажных копий журнала.
              </Text>
            </div>
            <Button variant="default" leftSection={<IconPlus size={16} />} onClick={addHoliday} data-testid="holiday-add" style={{ flexShrink: 0 }}>
              Добавить каникулы
            </Button>
          </Group>
          <Table layout="fixed" verticalSpacing={6} horizontalSpacing={6} data-testid="holidays-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Название</Table.Th>
                <Table.Th w={118}>Начало</Table.Th>
                <Table.Th w={118}>Окончание</Table.Th>
                <Table.Th w={66}>Дней</Table.Th>
                <Table.Th w={132}>Классы</Table.Th>
                <Table.Th w={40} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {form.holidays.length === 0 ? (
                <EmptyRow colSpan={6}>
                  Каникулы не указаны
                </EmptyRow>
              ) : null}
              {form.holidays.map((r, i) => {
                const rp = holidayProblems(i);
                return [
                  <Table.Tr key={r.key} bg={rp.length ? 'red.0' : undefined}>
                    <Table.Td>
                      <TextInput size="xs" value={r.name} placeholder="Осенние каникулы" onChange={(e) => setHoliday(i, { name: e.currentTarget.value })} error={has(rp, 'name')} aria-label="Название каникул" />
                    </Table.Td>
                    <Table.Td>
                      <DateField compact value={r.start} onChange={(t) => setHoliday(i, { start: t })} error={has(rp, 'startDate', 'Каникулы') || undefined} aria-label="Начало каникул" />
                    </Table.Td>
                    <Table.Td>
                      <DateField compact value={r.end} onChange={(t) => setHoliday(i, { end: t })} error={has(rp, 'endDate', 'Каникулы') || undefined} aria-label="Окончание каникул" />
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed" className="tnum">
                        {length(r.start, r.end)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <GradeSelect size="xs" w={56} value={r.gradeFrom} onChange={(g) => setHoliday(i, { gradeFrom: g })} aria-label="Классы с" />
                        <Text size="xs">–</Text>
                        <GradeSelect size="xs" w={56} value={r.gradeTo} onChange={(g) => setHoliday(i, { gradeTo: g })} aria-label="Классы по" />
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <RemoveRowButton label="Удалить каникулы" onClick={() => set({ holidays: form.holidays.filter((_, j) => j !== i) })} />
                    </Table.Td>
                  </Table.Tr>,
                  <RowProblems key={r.key + '-err'} problems={rp} colSpan={6} />,
                ];
              })}
            </Table.Tbody>
          </Table>
        </Paper>

        {error ? <ErrorAlert error={error} /> : null}
        {inWizard ? <button type="submit" hidden /> : null}
        {readOnly ? null : (
          <SaveBar
            dirty={dirty}
            saving={saving}
            onDiscard={discard}
            submit={!inWizard}
            testId="year"
            extra={
              form.id && !inWizard ? (
                <Badge variant="light" color="teal">
                  Текущий учебный год
                </Badge>
              ) : null
            }
          />
        )}
      </Stack>
      </ReadOnlyFieldset>
    </form>
  );
}
