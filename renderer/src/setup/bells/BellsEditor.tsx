import { useEffect, useImperativeHandle, useRef, useState } from 'react';
import { ReadOnlyFieldset, useReadOnly } from '../../app/access';
import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { IconPlus, IconSparkles, IconInfoCircle } from '@tabler/icons-react';
import { AppError, call } from '../../api';
import { useOp } from '../../data/useOp';
import { useDraft } from '../../data/useDraft';
import { useAction } from '../../data/useAction';
import { DraftChangedNotice } from '../../data/DraftChangedNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyRow, RemoveRowButton, RowProblems } from '../../components/EditorRows';
import { TimeField } from '../../components/TimeField';
import type { EditorProps } from '../../components/stepHandle';
import { minutesOf, normalizeTime } from '../../lib/dates';
import { problemsOf, type Problem } from '../../lib/errors';
import { useCurrentYear } from '../currentYear';
import { checkNumber, MAX, tooLong, type NumberRule } from '../../lib/checks';
import { NumberField } from '../../components/NumberField';
import { SaveBar } from '../../components/SaveBar';
import { focusFirstError } from '../../components/focusError';
import { useUnsavedGuard } from '../../app/unsaved';
import type { BellInput, BellScheduleDetails } from '../../../../electron/api/types';

interface Row {
  key: string;
  /** As typed: «1». */
  lessonNo: string;
  start: string;
  end: string;
}
interface Schedule {
  id: string | null;
  shift: number;
  name: string;
  rows: Row[];
}
let seq = 0;
const key = () => `b${++seq}`;
const toRows = (bells: BellInput[]): Row[] => bells.map((b) => ({ key: key(), lessonNo: String(b.lessonNo), start: b.startsAt, end: b.endsAt }));
/** The number of a lesson: 0 (a «нулевой» lesson before the first) to 12. */
const LESSON_NO: NumberRule = { min: 0, max: 12, step: 1 };

/** What is checked while typing: the names' length and the lessons' numbers, by the API's paths. */
function liveProblems(s: Schedule): Problem[] {
  const out: Problem[] = [];
  const long = tooLong(s.name, MAX.title, 'Название');
  if (long) out.push({ column: 'name', message: long });
  s.rows.forEach((r, i) => {
    const n = checkNumber(r.lessonNo, LESSON_NO);
    if (!n.ok) out.push({ column: `bells.${i}.lessonNo`, message: `Номер урока: ${n.error.toLowerCase()}` });
  });
  return out;
}

/** Расписание звонков per shift: lesson №, start and end. */
export function BellsEditor({ handleRef, inWizard, onSubmitted }: EditorProps) {
  const readOnly = useReadOnly();
  const { year, error: yearError } = useCurrentYear();
  const bellsQ = useOp('bells.list', { yearId: year?.id ?? '' }, { enabled: !!year });
  /** The stored schedules, copied once: the page is a draft until «Сохранить» (dirty while it differs). */
  const d = useDraft<BellScheduleDetails[], Schedule[] | null>(
    bellsQ.data,
    (list) => {
      const s: Schedule[] = list.map((x) => ({ id: x.id, shift: x.shift, name: x.name, rows: toRows(x.bells) }));
      return s.length ? s : [{ id: null, shift: 1, name: '1 смена', rows: [] }];
    },
    null,
    { resetKey: year?.id },
  );
  const schedules = d.draft;
  const setSchedules = d.setDraft;
  const stored = d.stored;
  const [tab, setTab] = useState('1');
  const [errors, setErrors] = useState<Record<number, unknown>>({});
  // The first shift's tab once the stored schedules are known.
  const tabKnown = useRef<string | null>(null);
  useEffect(() => {
    if (bellsQ.data && year && tabKnown.current !== year.id) {
      tabKnown.current = year.id;
      setTab(String(bellsQ.data[0]?.shift ?? 1));
    }
  }, [bellsQ.data, year]);
  const loadError = bellsQ.error;

  const update = (shift: number, patch: Partial<Schedule>) => setSchedules((ss) => ss && ss.map((s) => (s.shift === shift ? { ...s, ...patch } : s)));
  const setRow = (shift: number, i: number, patch: Partial<Row>) =>
    setSchedules((ss) => ss && ss.map((s) => (s.shift === shift ? { ...s, rows: s.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) } : s)));

  const suggesting = useAction((shift: number) => call('bells.suggest', { shift }), {
    invalidates: false,
    onSuccess: (bells, shift) => update(shift, { rows: toRows(bells) }),
    onError: (e, shift) => setErrors((x) => ({ ...x, [shift]: e })),
  });
  const suggest = (shift: number) => suggesting.run(shift);

  // Each shift is saved on its own (a refused one stays a draft with its errors): the action
  // resolves with the shifts refused.
  const saveAll = useAction(async (yearId: string, list: Schedule[]) => {
    const next: Record<number, unknown> = {};
    let saved = 0;
    const now = [...list];
    for (const s of list) {
      if (s.rows.length === 0) continue;
      const local: Problem[] = liveProblems(s);
      const bells = s.rows.map((r, i) => {
        const a = normalizeTime(r.start);
        const b = normalizeTime(r.end);
        if (!a) local.push({ column: `bells.${i}.startsAt`, message: `Урок № ${r.lessonNo}: начало «${r.start}» — не время ЧЧ:ММ` });
        if (!b) local.push({ column: `bells.${i}.endsAt`, message: `Урок № ${r.lessonNo}: окончание «${r.end}» — не время ЧЧ:ММ` });
        return { lessonNo: Number(r.lessonNo.trim()), startsAt: a ?? r.start, endsAt: b ?? r.end };
      });
      if (local.length) {
        next[s.shift] = new AppError('validation', `Расписание звонков не сохранено: ${local[0]!.message}`, local);
        continue;
      }
      try {
        const r = await call('bells.save', { id: s.id, yearId, shift: s.shift, name: s.name || `${s.shift} смена`, bells });
        const fresh = { ...s, id: r.id, name: r.name, rows: toRows(r.bells) };
        update(s.shift, fresh);
        now[now.findIndex((x) => x.shift === s.shift)] = fresh;
        saved++;
      } catch (e) {
        next[s.shift] = e;
      }
    }
    setErrors(next);
    // What the core took is stored now; a refused shift stays a draft.
    const old = stored;
    d.saved(
      now.map((s) => (next[s.shift] ? (old?.find((o) => o.shift === s.shift) ?? { ...s, id: null, rows: [] }) : s)),
      now,
    );
    lastFailed.current = Object.keys(next).map(Number);
    return { failed: lastFailed.current, saved };
  }, {
    success: (r) => (!inWizard && r.saved ? 'Расписание звонков сохранено' : null),
  });
  const saving = saveAll.busy;
  const lastFailed = useRef<number[]>([]);

  const save = async (): Promise<boolean> => {
    if (!year || !schedules) return false;
    lastFailed.current = [];
    await saveAll.run(year.id, schedules);
    const failed = lastFailed.current;
    if (failed.length) {
      setTab(String(failed[0]));
      return focusFirstError(document.querySelector('[data-testid="bells-form"]'));
    }
    return true;
  };
  const discard = () => {
    d.discard();
    setErrors({});
    if (stored && !stored.some((s) => String(s.shift) === tab)) setTab(String(stored[0]?.shift ?? 1));
  };
  const dirty = d.dirty;
  useImperativeHandle(handleRef, () => ({ save }));
  useUnsavedGuard(dirty && !readOnly, { save, discard });

  if (yearError || loadError) return <ErrorAlert error={yearError ?? loadError} title="Не удалось загрузить" />;
  if (year === null)
    return (
      <Alert color="yellow" icon={<IconInfoCircle size={18} />} title="Нет учебного года">
        Звонки задаются для учебного года. Сначала создайте его: <Anchor href={inWizard ? '#/wizard/2' : '#/setup/year'}>Учебный год</Anchor>.
      </Alert>
    );
  if (!schedules) return <Loader size="sm" />;

  const addShift = () => {
    const shift = Math.max(...schedules.map((s) => s.shift)) + 1;
    if (shift > 3) return;
    setSchedules([...schedules, { id: null, shift, name: `${shift} смена`, rows: [] }]);
    setTab(String(shift));
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save().then((ok) => ok && onSubmitted?.());
      }}
      data-testid="bells-form"
    >
      <DraftChangedNotice show={d.changedBehind && !readOnly} />
    <Stack gap="md">
      <Paper p={0}>
        <Tabs value={tab} onChange={(v) => v && setTab(v)} keepMounted={false}>
          <Tabs.List px="md" pt="xs">
            {schedules.map((s) => (
              <Tabs.Tab key={s.shift} value={String(s.shift)} data-testid={`bells-tab-${s.shift}`} c={errors[s.shift] ? 'red' : undefined}>
                {s.name || `${s.shift} смена`}
                <Text span size="xs" c="dimmed" ml={6}>
                  {s.rows.length ? `${s.rows.length} ур.` : 'пусто'}
                </Text>
              </Tabs.Tab>
            ))}
            {schedules.length < 3 && !readOnly ? (
              <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={addShift} ml="xs" mt={4} data-testid="bells-add-shift">
                Добавить смену
              </Button>
            ) : null}
          </Tabs.List>
          {schedules.map((s) => (
            <Tabs.Panel key={s.shift} value={String(s.shift)} p="lg">
              <ReadOnlyFieldset>
              <ShiftTable
                s={s}
                error={errors[s.shift]}
                onName={(name) => update(s.shift, { name })}
                onRow={(i, patch) => setRow(s.shift, i, patch)}
                onRemove={(i) => update(s.shift, { rows: s.rows.filter((_, j) => j !== i) })}
                onAdd={() => {
                  const last = s.rows[s.rows.length - 1];
                  const t = last ? normalizeTime(last.end) : null;
                  const startMin = t ? minutesOf(t) + 10 : 8 * 60 + 30;
                  const hh = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
                  const lastNo = last ? checkNumber(last.lessonNo, LESSON_NO) : null;
                  const no = lastNo?.ok && lastNo.value !== null ? lastNo.value + 1 : s.rows.length + 1;
                  update(s.shift, { rows: [...s.rows, { key: key(), lessonNo: String(no), start: hh(startMin), end: hh(startMin + 45) }] });
                }}
                onSuggest={() => void suggest(s.shift)}
              />
              </ReadOnlyFieldset>
            </Tabs.Panel>
          ))}
        </Tabs>
      </Paper>
      {inWizard ? <button type="submit" hidden /> : null}
      {readOnly ? null : <SaveBar dirty={dirty} saving={saving} onDiscard={discard} submit={!inWizard} testId="bells" />}
    </Stack>
    </form>
  );
}

function ShiftTable(props: {
  s: Schedule;
  error: unknown;
  onName: (n: string) => void;
  onRow: (i: number, patch: Partial<Row>) => void;
  onRemove: (i: number) => void;
  onAdd: () => void;
  onSuggest: () => void;
}) {
  const { s } = props;
  const p = [...liveProblems(s), ...problemsOf(props.error)];
  const rowProblems = (i: number) => p.filter((x) => x.column?.startsWith(`bells.${i}.`) || x.row === i + 1);
  const bad = (list: Problem[], field: string, core: string) => list.some((x) => x.column?.endsWith(`.${field}`) || x.column === core);
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <TextInput label="Название" value={s.name} onChange={(e) => props.onName(e.currentTarget.value)} w={260} error={p.find((x) => x.column === 'name')?.message} />
        <Group gap="xs">
          <Button variant={s.rows.length ? 'light' : 'filled'} leftSection={<IconSparkles size={16} />} onClick={props.onSuggest} data-testid="bells-suggest">
            Заполнить типовыми
          </Button>
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={props.onAdd} data-testid="bells-add">
            Добавить урок
          </Button>
        </Group>
      </Group>
      <Table verticalSpacing={6} maw={720} data-testid={`bells-table-${s.shift}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={90}>Урок №</Table.Th>
            <Table.Th w={120}>Начало</Table.Th>
            <Table.Th w={120}>Окончание</Table.Th>
            <Table.Th>Длительность</Table.Th>
            <Table.Th>Перемена</Table.Th>
            <Table.Th w={40} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {s.rows.length === 0 ? (
            <EmptyRow colSpan={6} py="lg">
              Уроков пока нет — нажмите «Заполнить типовыми» (уроки по 45 минут) или добавьте вручную
            </EmptyRow>
          ) : null}
          {s.rows.map((r, i) => {
            const rp = rowProblems(i);
            const a = normalizeTime(r.start);
            const b = normalizeTime(r.end);
            const next = s.rows[i + 1];
            const n = next ? normalizeTime(next.start) : null;
            const dur = a && b ? minutesOf(b) - minutesOf(a) : null;
            const pause = b && n ? minutesOf(n) - minutesOf(b) : null;
            return [
              <Table.Tr key={r.key} bg={rp.length ? 'red.0' : undefined}>
                <Table.Td>
                  <NumberField size="xs" value={r.lessonNo} rule={LESSON_NO} onChange={(t) => props.onRow(i, { lessonNo: t })} aria-label="Номер урока" error={bad(rp, 'lessonNo', 'Урок') || undefined} />
                </Table.Td>
                <Table.Td>
                  <TimeField size="xs" value={r.start} onChange={(t) => props.onRow(i, { start: t })} aria-label="Начало урока" error={bad(rp, 'startsAt', 'Начало') || undefined} />
                </Table.Td>
                <Table.Td>
                  <TimeField size="xs" value={r.end} onChange={(t) => props.onRow(i, { end: t })} aria-label="Окончание урока" error={bad(rp, 'endsAt', 'Окончание') || undefined} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={dur !== null && dur <= 0 ? 'red' : 'dimmed'} className="tnum">
                    {dur !== null ? `${dur} мин` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={pause !== null && pause < 0 ? 'red' : 'dimmed'} className="tnum">
                    {pause !== null ? `${pause} мин` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RemoveRowButton label="Удалить урок" onClick={() => props.onRemove(i)} />
                </Table.Td>
              </Table.Tr>,
              <RowProblems key={r.key + '-e'} problems={rp} colSpan={6} />,
            ];
          })}
        </Table.Tbody>
      </Table>
      {props.error ? <ErrorAlert error={props.error} /> : null}
    </Stack>
  );
}
