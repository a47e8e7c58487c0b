import { ActionIcon, Badge, Group, Loader, Paper, Select, Stack, Table, Text, Title, Button } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { DivisionRuleItem, GroupsRule, Subject } from '../../../electron/api/types';
import { AppError, call } from '../api';
import { useReadOnly } from '../app/access';
import { useUnsavedGuard } from '../app/unsaved';
import { ErrorAlert } from '../components/ErrorAlert';
import { NumberField } from '../components/NumberField';
import { SaveBar } from '../components/SaveBar';
import { focusFirstError } from '../components/focusError';
import { checkNumber, HOURS, numberText, PARTS, STUDENTS, type NumberRule } from '../lib/checks';
import { fieldError, problemsOf } from '../lib/errors';
import { RULE_BY_LABELS } from './shared';
import { useOp } from '../data/useOp';
import { useDraft } from '../data/useDraft';
import { useAction } from '../data/useAction';
import { DraftChangedNotice } from '../data/DraftChangedNotice';
import type { OpInput } from '../../../electron/api/contract';

type By = DivisionRuleItem['by'];
const BY_OPTIONS = (Object.keys(RULE_BY_LABELS) as By[]).map((value) => ({ value, label: RULE_BY_LABELS[value] }));

// The rule's numbers as the core takes them (groups.rule.save).
const GRADE: NumberRule = { min: 1, max: 11, step: 1 };
const MIN_STUDENTS: NumberRule = { min: 1, max: 60, step: 1, unit: STUDENTS };
const RULE_PARTS: NumberRule = { min: 2, max: 10, step: 1, unit: PARTS };
const MAX_TEACHER_HOURS: NumberRule = { min: 1, max: 60, unit: HOURS };
const NORM_HOURS: NumberRule = { min: 1, max: 40, unit: HOURS };

/** A row of the rule as typed: numbers are texts until saved (nothing is clamped). */
interface ItemForm {
  key: string;
  subjectId: string;
  gradeFrom: string;
  gradeTo: string;
  minStudents: string;
  parts: string;
  by: By;
}
interface RuleForm {
  items: ItemForm[];
  maxTeacherHours: string;
  teachingNormHours: string;
}
let seq = 0;
const formOf = (r: GroupsRule): RuleForm => ({
  items: r.items.map((x) => ({
    key: `i${++seq}`,
    subjectId: x.subjectId,
    gradeFrom: numberText(x.gradeFrom),
    gradeTo: numberText(x.gradeTo),
    minStudents: numberText(x.minStudents),
    parts: numberText(x.parts),
    by: x.by,
  })),
  maxTeacherHours: numberText(r.maxTeacherHours),
  teachingNormHours: numberText(r.teachingNormHours),
});

/** «Правило деления»: which subjects are divided by default, in which grades, from what class size. */
export function RuleCard({ subjects }: { subjects: Subject[] }) {
  const ro = useReadOnly();
  const q = useOp('groups.rule.get');
  const rule = q.data ?? null;
  // The stored rule is copied into the form once; a change saved elsewhere is followed or announced.
  const d = useDraft<GroupsRule, RuleForm | null>(q.data, formOf, null);
  const form = d.draft;
  const setForm = d.setDraft;
  const dirty = d.dirty;
  const saving = useAction((input: OpInput<'groups.rule.save'>) => call('groups.rule.save', input), {
    success: 'Правило деления сохранено',
    onSuccess: (r) => d.saved(formOf(r)),
  });
  const { busy, setError } = saving;
  const error = saving.error ?? q.error;

  const save = async (): Promise<boolean> => {
    if (!form) return false;
    const n = (text: string, r: NumberRule) => checkNumber(text, r);
    const items = form.items.map((it) => ({ subjectId: it.subjectId, gradeFrom: n(it.gradeFrom, GRADE), gradeTo: n(it.gradeTo, GRADE), minStudents: n(it.minStudents, MIN_STUDENTS), parts: n(it.parts, RULE_PARTS), by: it.by }));
    const max = n(form.maxTeacherHours, MAX_TEACHER_HOURS);
    const norm = n(form.teachingNormHours, NORM_HOURS);
    const all = [max, norm, ...items.flatMap((x) => [x.gradeFrom, x.gradeTo, x.minStudents, x.parts])];
    if (all.some((c) => !c.ok)) {
      setError(new AppError('validation', 'Правило не сохранено: исправьте выделенные поля'));
      return focusFirstError(document.querySelector('[data-testid="rule-card"]'));
    }
    const v = (c: ReturnType<typeof n>) => (c.ok ? (c.value ?? 0) : 0);
    return saving.run({
      items: items.map((x) => ({ subjectId: x.subjectId, gradeFrom: v(x.gradeFrom), gradeTo: v(x.gradeTo), minStudents: v(x.minStudents), parts: v(x.parts), by: x.by })),
      maxTeacherHours: v(max),
      teachingNormHours: v(norm),
    });
  };
  const discard = () => {
    d.discard();
    setError(null);
  };
  useUnsavedGuard(dirty && !ro, { save, discard });

  if (!rule || !form) return error ? <ErrorAlert error={error} title="Не загружено" /> : <Loader size="sm" />;
  const p = problemsOf(error);
  const itemError = (i: number, field: string) => fieldError(p, `items.${i}.${field}`);
  const setItem = (i: number, patch: Partial<ItemForm>) => setForm({ ...form, items: form.items.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const subjectOptions = subjects.map((s) => ({ value: s.id, label: s.name }));
  return (
    <Paper p="md" withBorder data-testid="rule-card">
      <Group gap="xs" mb="sm">
        <Title order={4} fz={17}>
          Правило деления
        </Title>
        {rule.isDefault ? (
          <Badge variant="light" color="gray">
            по умолчанию
          </Badge>
        ) : null}
      </Group>
      <DraftChangedNotice show={d.changedBehind && !ro} />
      <Text size="sm" c="dimmed" mb="sm">
        Какие предметы делятся на подгруппы по умолчанию: в каких параллелях и начиная с какого числа учеников в классе.
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Предмет</Table.Th>
            <Table.Th>Классы с</Table.Th>
            <Table.Th>по</Table.Th>
            <Table.Th>От учеников</Table.Th>
            <Table.Th>Подгрупп</Table.Th>
            <Table.Th>Способ</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {form.items.map((it, i) => (
            <Table.Tr key={it.key} data-testid="rule-row" style={{ verticalAlign: 'top' }}>
              <Table.Td>
                <Select size="xs" data={subjectOptions} value={it.subjectId} readOnly={ro} searchable allowDeselect={false} onChange={(v) => v && setItem(i, { subjectId: v })} aria-label="Предмет" />
              </Table.Td>
              <Table.Td>
                <NumberField size="xs" w={90} rule={GRADE} value={it.gradeFrom} readOnly={ro} onChange={(t) => setItem(i, { gradeFrom: t })} error={itemError(i, 'gradeFrom')} aria-label="Классы с" />
              </Table.Td>
              <Table.Td>
                <NumberField size="xs" w={90} rule={GRADE} value={it.gradeTo} readOnly={ro} onChange={(t) => setItem(i, { gradeTo: t })} error={itemError(i, 'gradeTo')} aria-label="Классы по" />
              </Table.Td>
              <Table.Td>
                <NumberField size="xs" w={120} rule={MIN_STUDENTS} value={it.minStudents} readOnly={ro} onChange={(t) => setItem(i, { minStudents: t })} error={itemError(i, 'minStudents')} aria-label="От учеников" data-testid="rule-min" />
              </Table.Td>
              <Table.Td>
                <NumberField size="xs" w={110} rule={RULE_PARTS} value={it.parts} readOnly={ro} onChange={(t) => setItem(i, { parts: t })} error={itemError(i, 'parts')} aria-label="Подгрупп" />
              </Table.Td>
              <Table.Td>
                <Select size="xs" data={BY_OPTIONS} value={it.by} readOnly={ro} allowDeselect={false} onChange={(v) => v && setItem(i, { by: v as By })} aria-label="Способ" />
              </Table.Td>
              <Table.Td>
                {ro ? null : (
                  <ActionIcon variant="subtle" color="red" aria-label="Удалить строку" onClick={() => setForm({ ...form, items: form.items.filter((_, j) => j !== i) })}>
                    <IconTrash size={16} />
                  </ActionIcon>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {ro ? null : (
        <Button
          mt="xs"
          size="xs"
          variant="subtle"
          leftSection={<IconPlus size={14} />}
          disabled={!subjects.length}
          onClick={() =>
            setForm({
              ...form,
              items: [...form.items, { key: `i${++seq}`, subjectId: subjects[0]!.id, gradeFrom: '5', gradeTo: '11', minStudents: '25', parts: '2', by: 'balanced' }],
            })
          }
        >
          Добавить предмет
        </Button>
      )}
      <Group mt="md" gap="md" align="flex-start">
        <NumberField
          label="Максимальная нагрузка учителя, ч/нед"
          w={280}
          rule={MAX_TEACHER_HOURS}
          value={form.maxTeacherHours}
          readOnly={ro}
          onChange={(t) => setForm({ ...form, maxTeacherHours: t })}
          error={fieldError(p, 'maxTeacherHours')}
          data-testid="rule-max-hours"
        />
        <NumberField
          label="Норма часов на ставку (не учителя)"
          w={280}
          rule={NORM_HOURS}
          value={form.teachingNormHours}
          readOnly={ro}
          onChange={(t) => setForm({ ...form, teachingNormHours: t })}
          error={fieldError(p, 'teachingNormHours')}
          data-testid="rule-norm-hours"
        />
      </Group>
      <Stack mt="sm">
        <ErrorAlert error={error} />
      </Stack>
      {ro ? null : <SaveBar dirty={dirty} saving={busy} onDiscard={discard} onSave={() => void save()} testId="rule" />}
    </Paper>
  );
}
