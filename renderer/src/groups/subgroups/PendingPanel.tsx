import { useState } from 'react';
import { Badge, Button, Group, Paper, Select, Table, Text, Title } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import type { PendingPlacement } from '../../../../electron/api/types';
import { call } from '../../api';
import { useReadOnly } from '../../app/access';
import { gradeOfName, useOwnParallels } from '../../app/parallels';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useOp } from '../../data/useOp';
import { useAction } from '../../data/useAction';

/** New students without a subgroup (a query: it follows the data), each placed as suggested or chosen. */
export function PendingPanel() {
  const ro = useReadOnly();
  const own = useOwnParallels();
  const q = useOp('subgroups.pending', {});
  const rows = q.data;
  const [choice, setChoice] = useState<Record<string, string>>({});
  const key = (p: PendingPlacement) => `${p.studentId}:${p.divisionId}`;
  const placing = useAction((p: PendingPlacement, to: string) => call('subgroups.place', { studentId: p.studentId, subgroupId: to }), {
    notify: 'Не помещено',
    success: (_r, p, to) => ({ title: 'Ученик помещён в подгруппу', message: `${p.studentName} → ${p.subgroups.find((g) => g.id === to)?.name ?? ''} (${p.subjectName})` }),
  });
  const placingAll = useAction(() => call('subgroups.placeSuggested', {}), {
    notify: 'Не помещено',
    success: (r) => ({ title: 'Новые ученики распределены', message: `Помещено: ${r.placed}` }),
  });
  if (q.error) return <ErrorAlert error={q.error} title="Новые ученики без подгруппы не загружены" />;
  if (!rows || rows.length === 0) return null;
  const place = (p: PendingPlacement) => placing.run(p, choice[key(p)] ?? p.suggestedSubgroupId);
  const busy = placingAll.busy;
  const placeAll = () => placingAll.run();
  return (
    <Paper p="md" withBorder style={{ borderColor: 'var(--mantine-color-orange-4)' }} data-testid="pending-panel">
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <IconUserPlus size={18} color="var(--mantine-color-orange-7)" />
          <Title order={4} fz={17}>
            Новые ученики без подгруппы
          </Title>
          <Badge color="orange">{rows.length}</Badge>
        </Group>
        {ro ? null : (
          <Button size="xs" loading={busy} onClick={() => void placeAll()} data-testid="place-all">
            Поместить всех как предложено
          </Button>
        )}
      </Group>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Ученик</Table.Th>
            <Table.Th>Класс</Table.Th>
            <Table.Th>Предмет</Table.Th>
            <Table.Th>Подгруппа</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.slice(0, 50).map((p) => (
            <Table.Tr key={key(p)} data-testid="pending-row">
              <Table.Td>{p.studentName}</Table.Td>
              <Table.Td>
                <a href={`#/subgroups/${p.classId}`}>{p.className}</a>
              </Table.Td>
              <Table.Td>{p.subjectName}</Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  w={290}
                  readOnly={ro}
                  data={p.subgroups.map((g) => ({ value: g.id, label: `${g.name} (${g.size})${g.id === p.suggestedSubgroupId ? ' — предложено' : ''}` }))}
                  value={choice[key(p)] ?? p.suggestedSubgroupId}
                  onChange={(v) => v && setChoice((c) => ({ ...c, [key(p)]: v }))}
                  data-testid="pending-subgroup"
                  allowDeselect={false}
                />
              </Table.Td>
              <Table.Td>
                {ro ? null : own.mine(gradeOfName(p.className)) ? (
                  <Button size="xs" variant="light" onClick={() => void place(p)} data-testid="pending-place">
                    Поместить
                  </Button>
                ) : (
                  <Button size="xs" variant="light" disabled title={own.reason(p.className)}>
                    Поместить
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length > 50 ? (
        <Text size="xs" c="dimmed" mt={4}>
          …и ещё {rows.length - 50}
        </Text>
      ) : null}
    </Paper>
  );
}
