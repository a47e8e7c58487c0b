import { Fragment, useState } from 'react';
import { ActionIcon, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconEdit, IconTrash } from '@tabler/icons-react';
import type { Assignment, TeacherWorkload } from '../../../../electron/api/types';
import { declineFullName } from '../../../../electron/api/declension';
import { useReadOnly } from '../../app/access';
import { gradeOfName, useOwnParallels } from '../../app/parallels';
import { SearchInput } from '../../components/SearchInput';
import { useProgressive } from '../../components/useProgressive';
import { useConfirmDelete } from '../../components/ConfirmDelete';
import { change } from '../../data/change';
import { hoursLabel } from '../shared';

/** The teachers with their hours; a row opens on their assignments. */
export function TeachersTable({ rows, initial, onEdit }: { rows: TeacherWorkload[]; initial?: string; onEdit: (a: Assignment) => void }) {
  const ro = useReadOnly();
  const own = useOwnParallels();
  /** R8: why a deputy may not change this row (another parallel's class), or null. */
  const lockedReason = (a: Assignment) => (a.className && !own.mine(gradeOfName(a.className)) ? own.reason(a.className) : null);
  const [open, setOpen] = useState<Set<string>>(new Set(initial ? [initial] : []));
  const [search, setSearch] = useState('');
  const [askDelete, deleteModal] = useConfirmDelete();
  const q = search.trim().toLowerCase();
  const shown = rows.filter((r) => !q || `${r.fullName} ${r.position}`.toLowerCase().includes(q));
  const first = useProgressive(shown); // 350 teachers at a big school: the first screens first
  const total = rows.reduce((s, r) => s + r.totalHours, 0);
  const toggle = (id: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  return (
    <Stack gap="sm">
      <Group>
        <SearchInput value={search} onChange={setSearch} w={360} data-testid="workload-search" />
        <Text size="sm" c="dimmed">
          Учителей: {rows.length}, всего часов: {hoursLabel(total)}, выше максимума: {rows.filter((r) => r.overMax).length}
        </Text>
      </Group>
      <Paper withBorder>
        <Table highlightOnHover data-testid="workload-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={36} />
              <Table.Th>ФИО</Table.Th>
              <Table.Th>Должность</Table.Th>
              <Table.Th ta="right">Часов</Table.Th>
              <Table.Th ta="right">Ставка</Table.Th>
              <Table.Th>Предметы</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {first.map((t) => {
              const isOpen = open.has(t.teacherId);
              return (
                <Fragment key={t.teacherId}>
                  <Table.Tr onClick={() => toggle(t.teacherId)} style={{ cursor: 'pointer' }} data-testid="teacher-row" data-teacher-id={t.teacherId}>
                    <Table.Td>{isOpen ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}</Table.Td>
                    <Table.Td fw={500}>{t.fullName}</Table.Td>
                    <Table.Td>{t.position}</Table.Td>
                    <Table.Td ta="right" className="tnum" c={t.overMax ? 'red' : undefined} fw={t.overMax ? 700 : undefined} data-testid="teacher-hours">
                      {hoursLabel(t.totalHours)}
                      {t.overMax ? ` (макс. ${t.maxHours})` : ''}
                    </Table.Td>
                    <Table.Td ta="right" className="tnum" c={t.totalHours > t.normHours ? 'red' : undefined}>
                      {t.rates.toLocaleString('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={1}>
                        {t.subjects.map((s) => s.subjectName).join(', ')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                  {isOpen
                    ? t.assignments.map((a) => (
                        <Table.Tr key={a.id} bg="gray.0" data-testid="assignment-row">
                          <Table.Td />
                          <Table.Td pl="lg">{a.label}</Table.Td>
                          <Table.Td>{a.subjectName}</Table.Td>
                          <Table.Td ta="right" className="tnum">
                            {hoursLabel(a.hoursPerWeek)}
                          </Table.Td>
                          <Table.Td />
                          <Table.Td>
                            {ro ? null : lockedReason(a) ? (
                              <Group gap={4} title={lockedReason(a)!}>
                                <ActionIcon variant="subtle" aria-label="Изменить" disabled>
                                  <IconEdit size={16} />
                                </ActionIcon>
                                <ActionIcon variant="subtle" color="red" aria-label="Удалить" disabled>
                                  <IconTrash size={16} />
                                </ActionIcon>
                              </Group>
                            ) : (
                              <Group gap={4}>
                                <ActionIcon variant="subtle" aria-label="Изменить" onClick={() => onEdit(a)} data-testid="assignment-edit">
                                  <IconEdit size={16} />
                                </ActionIcon>
                                <ActionIcon
                                  variant="subtle"
                                  color="red"
                                  aria-label="Удалить"
                                  onClick={() =>
                                    askDelete(`нагрузку «${a.subjectName}, ${a.label}»${a.teacherName ? ` у ${declineFullName(a.teacherName, 'genitive')}` : ''}`, async () => {
                                      await change('assignments.remove', { id: a.id });
                                    })
                                  }
                                >
                                  <IconTrash size={16} />
                                </ActionIcon>
                              </Group>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      ))
                    : null}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
      {deleteModal}
    </Stack>
  );
}

