import { useState } from 'react';
import { Button, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { IconWand } from '@tabler/icons-react';
import type { ClassCoverage } from '../../../../electron/api/types';
import { useReadOnly } from '../../app/access';
import { gradeOfName, useOwnParallels } from '../../app/parallels';
import { hoursLabel } from '../shared';

/** The curriculum's hours of a class and who teaches them; what is missing. */
export function CoverageView({ rows, initial, busy, onFill }: { rows: ClassCoverage[]; initial?: string; busy: boolean; onFill: (classId: string) => void }) {
  const ro = useReadOnly();
  const own = useOwnParallels();
  const [classId, setClassId] = useState<string | null>(initial ?? rows.find((r) => !r.complete)?.classId ?? rows[0]?.classId ?? null);
  const c = rows.find((r) => r.classId === classId);
  return (
    <Stack gap="sm">
      <Group align="flex-end">
        <Select
          label="Класс"
          searchable
          w={320}
          data={rows.map((r) => ({ value: r.classId, label: `${r.className}${r.complete ? '' : ' — не покрыт'}` }))}
          value={classId}
          onChange={setClassId}
          data-testid="coverage-class"
        />
        {c && !ro ? (
          <Button
            variant="default"
            leftSection={<IconWand size={16} />}
            loading={busy}
            onClick={() => onFill(c.classId)}
            disabled={c.complete || !own.mine(gradeOfName(c.className))}
            title={own.mine(gradeOfName(c.className)) ? undefined : own.reason(c.className)}
            data-testid="coverage-fill"
          >
            Распределить по учебному плану
          </Button>
        ) : null}
        <Text size="sm" c="dimmed">
          Не покрыто классов: {rows.filter((r) => !r.complete).length} из {rows.length}
        </Text>
      </Group>
      {c ? (
        <Paper withBorder>
          <Table data-testid="coverage-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Предмет</Table.Th>
                <Table.Th ta="right">По плану</Table.Th>
                <Table.Th>Часть</Table.Th>
                <Table.Th>Учителя</Table.Th>
                <Table.Th ta="right">Назначено</Table.Th>
                <Table.Th ta="right">Не хватает</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.subjects.map((s) =>
                s.parts.map((p, i) => (
                  <Table.Tr key={`${s.subjectId}-${i}`} bg={p.missingHours !== 0 ? (p.missingHours > 0 ? 'red.0' : 'orange.0') : undefined} data-testid={p.missingHours > 0 ? 'coverage-missing' : 'coverage-row'}>
                    <Table.Td fw={i === 0 ? 500 : undefined}>{i === 0 ? s.subjectName : ''}</Table.Td>
                    <Table.Td ta="right" className="tnum">
                      {i === 0 ? hoursLabel(s.planHours) : ''}
                    </Table.Td>
                    <Table.Td>{p.label}</Table.Td>
                    <Table.Td>{p.teachers.length ? p.teachers.map((t) => `${t.fullName} (${hoursLabel(t.hours)})`).join(', ') : <Text c="red" size="sm">нет учителя</Text>}</Table.Td>
                    <Table.Td ta="right" className="tnum">
                      {hoursLabel(p.assignedHours)}
                    </Table.Td>
                    <Table.Td ta="right" className="tnum" c={p.missingHours > 0 ? 'red' : p.missingHours < 0 ? 'orange' : 'dimmed'} fw={p.missingHours ? 700 : undefined}>
                      {p.missingHours > 0 ? hoursLabel(p.missingHours) : p.missingHours < 0 ? `лишние ${hoursLabel(-p.missingHours)}` : '—'}
                    </Table.Td>
                  </Table.Tr>
                )),
              )}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
    </Stack>
  );
}

