import { useEffect, useState } from 'react';
import { ActionIcon, Badge, Button, Group, Loader, NumberInput, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconDeviceFloppy, IconPlus, IconTrash } from '@tabler/icons-react';
import type { DivisionRuleItem, GroupsRule, Subject } from '../../../electron/api/types';
import { call } from '../api';
import { useReadOnly } from '../app/access';
import { ErrorAlert } from '../components/ErrorAlert';
import { notifyOk } from '../lib/notify';
import { RULE_BY_LABELS, groupsChanged } from './shared';

type By = DivisionRuleItem['by'];
const BY_OPTIONS = (Object.keys(RULE_BY_LABELS) as By[]).map((value) => ({ value, label: RULE_BY_LABELS[value] }));

/** «Правило деления»: which subjects are divided by default, in which grades, from what class size. */
export function RuleCard({ subjects }: { subjects: Subject[] }) {
  const ro = useReadOnly();
  const [rule, setRule] = useState<GroupsRule | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call('groups.rule.get').then(setRule).catch(setError);
  }, []);
  if (!rule) return error ? <ErrorAlert error={error} title="Не загружено" /> : <Loader size="sm" />;
  const setItem = (i: number, patch: Partial<DivisionRuleItem>) => setRule({ ...rule, items: rule.items.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await call('groups.rule.save', {
        items: rule.items.map(({ subjectId, gradeFrom, gradeTo, minStudents, parts, by }) => ({ subjectId, gradeFrom, gradeTo, minStudents, parts, by })),
        maxTeacherHours: rule.maxTeacherHours,
        teachingNormHours: rule.teachingNormHours,
      });
      setRule(r);
      groupsChanged();
      notifyOk('Правило деления сохранено');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const subjectOptions = subjects.map((s) => ({ value: s.id, label: s.name }));
  return (
    <Paper p="md" withBorder data-testid="rule-card">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={4} fz={17}>
            Правило деления
          </Title>
          {rule.isDefault ? (
            <Badge variant="light" color="gray">
              по умолчанию
            </Badge>
          ) : null}
        </Group>
        {ro ? null : (
          <Button leftSection={<IconDeviceFloppy size={16} />} loading={busy} onClick={() => void save()} data-testid="rule-save">
            Сохранить
          </Button>
        )}
      </Group>
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
          {rule.items.map((it, i) => (
            <Table.Tr key={i} data-testid="rule-row">
              <Table.Td>
                <Select size="xs" data={subjectOptions} value={it.subjectId} readOnly={ro} searchable allowDeselect={false} onChange={(v) => v && setItem(i, { subjectId: v })} />
              </Table.Td>
              <Table.Td>
                <NumberInput size="xs" w={70} min={1} max={11} value={it.gradeFrom} readOnly={ro} onChange={(v) => setItem(i, { gradeFrom: Number(v) || 1 })} />
              </Table.Td>
              <Table.Td>
                <NumberInput size="xs" w={70} min={1} max={11} value={it.gradeTo} readOnly={ro} onChange={(v) => setItem(i, { gradeTo: Number(v) || 11 })} />
              </Table.Td>
              <Table.Td>
                <NumberInput size="xs" w={80} min={1} max={60} value={it.minStudents} readOnly={ro} onChange={(v) => setItem(i, { minStudents: Number(v) || 1 })} data-testid="rule-min" />
              </Table.Td>
              <Table.Td>
                <NumberInput size="xs" w={70} min={2} max={10} value={it.parts} readOnly={ro} onChange={(v) => setItem(i, { parts: Number(v) || 2 })} />
              </Table.Td>
              <Table.Td>
                <Select size="xs" data={BY_OPTIONS} value={it.by} readOnly={ro} allowDeselect={false} onChange={(v) => v && setItem(i, { by: v as By })} />
              </Table.Td>
              <Table.Td>
                {ro ? null : (
                  <ActionIcon variant="subtle" color="red" aria-label="Удалить строку" onClick={() => setRule({ ...rule, items: rule.items.filter((_, j) => j !== i) })}>
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
            setRule({
              ...rule,
              items: [...rule.items, { subjectId: subjects[0]!.id, subjectName: subjects[0]!.name, gradeFrom: 5, gradeTo: 11, minStudents: 25, parts: 2, by: 'balanced' }],
            })
          }
        >
          Добавить предмет
        </Button>
      )}
      <Group mt="md" gap="md">
        <NumberInput
          label="Максимальная нагрузка учителя, ч/нед"
          w={280}
          min={1}
          max={60}
          value={rule.maxTeacherHours}
          readOnly={ro}
          onChange={(v) => setRule({ ...rule, maxTeacherHours: Number(v) || 1 })}
        />
        <NumberInput
          label="Норма часов на ставку (не учителя)"
          w={280}
          min={1}
          max={40}
          value={rule.teachingNormHours}
          readOnly={ro}
          onChange={(v) => setRule({ ...rule, teachingNormHours: Number(v) || 18 })}
        />
      </Group>
      <Stack mt="sm">
        <ErrorAlert error={error} />
      </Stack>
    </Paper>
  );
}
