import { useEffect, useState } from 'react';
import { Accordion, Anchor, Badge, Button, Group, Loader, Paper, Stack, Table, Text, ThemeIcon } from '@mantine/core';
import { IconAlertCircle, IconAlertTriangle, IconCircleCheck, IconRefresh } from '@tabler/icons-react';
import type { ProblemCode, SetupProblem, ValidationResult } from '../../../electron/api/types';
import { useOp } from '../data/useOp';
import { PageHeader } from '../components/PageHeader';
import { ErrorAlert } from '../components/ErrorAlert';

export const PROBLEM_TITLES: Record<ProblemCode, string> = {
  student_not_in_subgroup: 'Ученик не в подгруппе',
  member_not_in_class: 'В подгруппе ученик другого класса',
  subgroup_empty: 'Пустая подгруппа',
  subgroup_no_teacher: 'У подгруппы нет учителя',
  class_no_teacher: 'У класса нет учителя по предмету',
  hours_short: 'Часы учебного плана не распределены',
  hours_excess: 'Распределено больше часов, чем в плане',
  not_in_curriculum: 'Нагрузка по предмету вне учебного плана',
  division_not_in_curriculum: 'Деление по предмету вне учебного плана',
  should_divide: 'Класс нужно разделить по правилу',
  group_no_teacher: 'У учебной группы нет учителя',
  group_empty: 'В учебной группе нет учеников',
  teacher_over_max: 'Нагрузка учителя выше максимальной',
  teacher_not_qualified: 'Учитель не ведёт этот предмет',
  teacher_removed: 'Нагрузка у удалённого сотрудника',
};

/** Where to fix a problem. */
export function fixLink(p: SetupProblem): { href: string; label: string } {
  switch (p.code) {
    case 'student_not_in_subgroup':
    case 'member_not_in_class':
    case 'subgroup_empty':
    case 'subgroup_no_teacher':
    case 'division_not_in_curriculum':
    case 'should_divide':
      return { href: p.classId ? `#/subgroups/${p.classId}` : '#/subgroups', label: 'К подгруппам' };
    case 'group_no_teacher':
    case 'group_empty':
      return { href: p.studyGroupId ? `#/study-groups?open=${p.studyGroupId}` : '#/study-groups', label: 'К учебной группе' };
    case 'teacher_over_max':
    case 'teacher_not_qualified':
    case 'teacher_removed':
      return { href: p.teacherId ? `#/workload?teacher=${p.teacherId}` : '#/workload', label: 'К тарификации' };
    default:
      return { href: p.classId ? `#/workload?class=${p.classId}` : '#/workload', label: 'К тарификации' };
  }
}

/**
 * The number of problems for the navbar and the home screen: one query (`setup.validate`) shared
 * by both and by the «Проверка» page, fetched again when the core tells of a change. After moving
 * to another page it is fetched once the user stays there a moment (`setup.validate` reads the
 * whole school: run on every route change, it made each page wait for it — issue 8).
 */
const SETTLE_MS = 1200;

export function useProblemCount(enabled: boolean, path: string): ValidationResult | null {
  const [settled, setSettled] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const t = setTimeout(() => setSettled(path), SETTLE_MS);
    return () => clearTimeout(t);
  }, [enabled, path]);
  const q = useOp('setup.validate', undefined, { enabled: enabled && settled === path });
  return enabled ? (q.data ?? null) : null;
}

export function ValidationPage() {
  const q = useOp('setup.validate');
  const r = q.data ?? null;
  const groups = new Map<ProblemCode, SetupProblem[]>();
  for (const p of r?.problems ?? []) groups.set(p.code, [...(groups.get(p.code) ?? []), p]);
  const ordered = [...groups.entries()].sort((a, b) => (a[1][0]!.severity === b[1][0]!.severity ? b[1].length - a[1].length : a[1][0]!.severity === 'error' ? -1 : 1));
  return (
    <Stack gap="md">
      <PageHeader
        title="Проверка"
        description="Подгруппы, учебные группы и тарификация: что ещё нужно исправить."
        actions={
          <Button variant="default" leftSection={<IconRefresh size={16} />} loading={q.isFetching} onClick={() => void q.refetch()} data-testid="validate-refresh">
            Проверить снова
          </Button>
        }
      />
      <ErrorAlert error={q.error} title="Проверка не выполнена" />
      {!r ? (
        <Loader size="sm" />
      ) : r.problems.length === 0 ? (
        <Paper p="xl" withBorder data-testid="validation-ok">
          <Group>
            <ThemeIcon color="teal" size={40} radius="xl" variant="light">
              <IconCircleCheck size={24} />
            </ThemeIcon>
            <div>
              <Text fw={600}>Проблем не найдено</Text>
              <Text size="sm" c="dimmed">
                Все подгруппы и группы укомплектованы, каждый час учебного плана закреплён за учителем.
              </Text>
            </div>
          </Group>
        </Paper>
      ) : (
        <>
          <Group gap="xs" data-testid="validation-summary">
            <Badge color="red" size="lg" variant="light">
              Ошибок: {r.errors}
            </Badge>
            <Badge color="orange" size="lg" variant="light">
              Предупреждений: {r.warnings}
            </Badge>
          </Group>
          <Accordion multiple variant="separated" defaultValue={ordered.slice(0, 3).map(([c]) => c)}>
            {ordered.map(([code, list]) => {
              const err = list[0]!.severity === 'error';
              return (
                <Accordion.Item key={code} value={code} data-testid={`problem-group-${code}`}>
                  <Accordion.Control
                    icon={err ? <IconAlertCircle size={18} color="var(--mantine-color-red-6)" /> : <IconAlertTriangle size={18} color="var(--mantine-color-orange-6)" />}
                  >
                    <Group gap="xs">
                      <Text fw={600}>{PROBLEM_TITLES[code] ?? code}</Text>
                      <Badge color={err ? 'red' : 'orange'} variant="light">
                        {list.length}
                      </Badge>
                      <Text size="xs" c="dimmed">
                        {err ? 'ошибка' : 'предупреждение'}
                      </Text>
                    </Group>
                  </Accordion.Control>
                  <Accordion.Panel>
                    <Table>
                      <Table.Tbody>
                        {list.slice(0, 200).map((p, i) => {
                          const l = fixLink(p);
                          return (
                            <Table.Tr key={i} data-testid="problem">
                              <Table.Td>{p.message}</Table.Td>
                              <Table.Td w={160}>
                                <Anchor href={l.href} size="sm">
                                  {l.label}
                                </Anchor>
                              </Table.Td>
                            </Table.Tr>
                          );
                        })}
                      </Table.Tbody>
                    </Table>
                    {list.length > 200 ? <Text size="xs">…и ещё {list.length - 200}</Text> : null}
                  </Accordion.Panel>
                </Accordion.Item>
              );
            })}
          </Accordion>
        </>
      )}
    </Stack>
  );
}
