// The timetable's editable limits (TimetableRules; defaults from СанПиН 1.2.3685-21 and the
// difficulty scale): what the warnings use. Every value is typed as text and saved as typed; a
// value that is not a number is named next to its field and nothing is saved; the core checks
// the ranges (timetable.saveRules) and its refusal is shown here.
import { useEffect, useMemo, useState } from 'react';
import { Button, Checkbox, Group, Loader, Modal, ScrollArea, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { call } from '../api';
import { useOp } from '../data/useOp';
import { useAction } from '../data/useAction';
import { ErrorAlert } from '../components/ErrorAlert';
import { checkNumber } from '../lib/checks';
import { problemsOf } from '../lib/errors';
import type { TimetableBoard, TimetableRules } from '../../../electron/api/timetable';
import { WEEKDAYS } from './model';

const GRADES = Array.from({ length: 11 }, (_, i) => String(i + 1));
const MONTHS: [string, string][] = [
  ['09', 'Сентябрь'],
  ['10', 'Октябрь'],
  ['11', 'Ноябрь'],
  ['12', 'Декабрь'],
  ['01', 'Январь'],
  ['02', 'Февраль'],
  ['03', 'Март'],
  ['04', 'Апрель'],
  ['05', 'Май'],
];

type Texts = Record<string, string>;
const str = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

function textsOf(r: TimetableRules): Texts {
  const t: Texts = { hardFrom: str(r.hardFrom), maxHardInRow: str(r.maxHardInRow), maxTeacherWindows: str(r.maxTeacherWindows) };
  for (const g of GRADES) {
    t[`weeklyMax.${g}.0`] = str(r.weeklyMax[g]?.[0]);
    t[`weeklyMax.${g}.1`] = str(r.weeklyMax[g]?.[1]);
    t[`dailyMax.${g}`] = str(r.dailyMax[g]);
  }
  for (const [m] of MONTHS) t[`firstGradeDaily.${m}`] = str(r.firstGradeDaily[m]);
  for (const [s, byGrade] of Object.entries(r.difficulty)) for (const [g, v] of Object.entries(byGrade)) t[`difficulty.${s}.${g}`] = str(v);
  return t;
}

/** The rules from the typed texts, or the fields that are not numbers. */
function rulesOf(t: Texts, peakDays: number[], subjects: string[]): { rules: TimetableRules } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const num = (k: string, optional = false): number | null => {
    const c = checkNumber(t[k] ?? '', { min: 0, max: 1000, optional });
    if (!c.ok) {
      errors[k] = c.error;
      return null;
    }
    return c.value;
  };
  const rules: TimetableRules = {
    weeklyMax: {},
    dailyMax: {},
    difficulty: {},
    hardFrom: num('hardFrom') ?? 0,
    maxHardInRow: num('maxHardInRow') ?? 0,
    peakDays,
    maxTeacherWindows: num('maxTeacherWindows') ?? 0,
    firstGradeDaily: {},
  };
  for (const g of GRADES) {
    const w: [number | null, number | null] = [num(`weeklyMax.${g}.0`, true), num(`weeklyMax.${g}.1`, true)];
    if (w[0] !== null || w[1] !== null) rules.weeklyMax[g] = w;
    const d = num(`dailyMax.${g}`, true);
    if (d !== null) rules.dailyMax[g] = d;
  }
  for (const [m] of MONTHS) {
    const v = num(`firstGradeDaily.${m}`, true);
    if (v !== null) rules.firstGradeDaily[m] = v;
  }
  for (const s of subjects)
    for (const g of GRADES) {
      const v = num(`difficulty.${s}.${g}`, true);
      if (v !== null) (rules.difficulty[s] ??= {})[g] = v;
    }
  return Object.keys(errors).length ? { errors } : { rules };
}

function changedFields(before: TimetableRules, after: TimetableRules): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(after) as (keyof TimetableRules)[]) if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = after[k];
  return out;
}

export function RulesModal({ board, readOnly, onClose }: { board: TimetableBoard; readOnly: boolean; onClose: () => void }) {
  const timetableId = board.version.id;
  const q = useOp('timetable.rules', { timetableId });
  const [texts, setTexts] = useState<Texts | null>(null);
  const [peak, setPeak] = useState<number[]>([]);
  const [local, setLocal] = useState<Record<string, string>>({});
  useEffect(() => {
    if (q.data && !texts) {
      setTexts(textsOf(q.data));
      setPeak(q.data.peakDays);
    }
  }, [q.data, texts]);
  const subjects = useMemo(() => {
    const m = new Map<string, string>();
    for (const c of board.cards) m.set(c.subjectId, c.subjectName);
    for (const s of Object.keys(q.data?.difficulty ?? {})) if (!m.has(s)) m.set(s, s);
    return [...m].sort((a, b) => a[1].localeCompare(b[1], 'ru'));
  }, [board.cards, q.data]);
  // Only the fields that changed are sent: a deputy may change their parallels' limits (the core
  // refuses a change of another parallel's or of a school-wide one).
  const save = useAction((rules: TimetableRules) => call('timetable.saveRules', { timetableId, rules: JSON.stringify(changedFields(q.data!, rules)) }), {
    success: 'Нормы сохранены',
    onSuccess: onClose,
  });
  const problems = problemsOf(save.error);
  const coreError = (k: string) => problems.find((p) => p.column === k || p.column?.endsWith(`.${k}`) || p.column === `rules.${k}`)?.message;

  const field = (k: string, label?: string, w = 64) => (
    <TextInput
      size="xs"
      w={w}
      label={label}
      value={texts?.[k] ?? ''}
      disabled={readOnly}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setTexts((t) => ({ ...t!, [k]: v }));
        setLocal((l) => {
          const { [k]: _, ...rest } = l;
          return rest;
        });
      }}
      error={local[k] ?? coreError(k)}
      inputMode="numeric"
      aria-label={label ?? k}
      data-testid={`tt-rule-${k}`}
    />
  );

  const submit = () => {
    if (!texts) return;
    const r = rulesOf(texts, peak, subjects.map(([id]) => id));
    if ('errors' in r) return setLocal(r.errors);
    void save.run(r.rules);
  };

  return (
    <Modal opened onClose={onClose} title="Нормы и правила расписания" size="xl" data-testid="tt-rules-modal">
      {!texts ? (
        q.error ? <ErrorAlert error={q.error} title="Не загружено" /> : <Loader size="sm" />
      ) : (
        <Stack gap="sm">
          <ScrollArea.Autosize mah="calc(100vh - 260px)" type="auto">
            <Stack gap="md">
              <Group gap="lg" align="flex-start">
                {field('hardFrom', 'Трудный предмет — от баллов', 190)}
                {field('maxHardInRow', 'Трудных уроков подряд не больше', 210)}
                {field('maxTeacherWindows', 'Окон у учителя в день не больше', 210)}
              </Group>
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  Пик трудности недели должен приходиться на
                </Text>
                <Group gap="md">
                  {WEEKDAYS.slice(0, board.version.days).map((d, i) => (
                    <Checkbox key={d} label={d} disabled={readOnly} checked={peak.includes(i + 1)} onChange={(e) => setPeak((p) => (e.currentTarget.checked ? [...p, i + 1].sort() : p.filter((x) => x !== i + 1)))} />
                  ))}
                </Group>
              </Stack>
              <Title order={5}>Нагрузка по классам (СанПиН 1.2.3685-21)</Title>
              <Table withTableBorder withColumnBorders fz="xs" verticalSpacing={2}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Класс</Table.Th>
                    {GRADES.map((g) => (
                      <Table.Th key={g}>{g}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Td>Часов в неделю, пятидневка</Table.Td>
                    {GRADES.map((g) => (
                      <Table.Td key={g}>{field(`weeklyMax.${g}.0`, undefined, 44)}</Table.Td>
                    ))}
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Td>Часов в неделю, шестидневка</Table.Td>
                    {GRADES.map((g) => (
                      <Table.Td key={g}>{field(`weeklyMax.${g}.1`, undefined, 44)}</Table.Td>
                    ))}
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Td>Уроков в день не больше</Table.Td>
                    {GRADES.map((g) => (
                      <Table.Td key={g}>{field(`dailyMax.${g}`, undefined, 44)}</Table.Td>
                    ))}
                  </Table.Tr>
                </Table.Tbody>
              </Table>
              <Title order={5}>1 класс, ступенчатый режим: уроков в день не больше</Title>
              <Group gap="xs">{MONTHS.map(([m, label]) => field(`firstGradeDaily.${m}`, label, 78))}</Group>
              <Title order={5}>Шкала трудности предметов (баллы по классам)</Title>
              <Table withTableBorder withColumnBorders fz="xs" verticalSpacing={2}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Предмет</Table.Th>
                    {GRADES.map((g) => (
                      <Table.Th key={g}>{g}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {subjects.map(([id, name]) => (
                    <Table.Tr key={id}>
                      <Table.Td>{name}</Table.Td>
                      {GRADES.map((g) => (
                        <Table.Td key={g}>{field(`difficulty.${id}.${g}`, undefined, 44)}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          </ScrollArea.Autosize>
          {Object.keys(local).length ? (
            <Text size="sm" c="red" data-testid="tt-rules-local">
              Исправьте поля, отмеченные красным: в них должны быть числа.
            </Text>
          ) : null}
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {readOnly ? 'Закрыть' : 'Отмена'}
            </Button>
            {readOnly ? null : (
              <Button onClick={submit} loading={save.busy} data-testid="tt-rules-save">
                Сохранить
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
