import { useMemo, useState } from 'react';
import { ActionIcon, Button, EmptyState, Group, Loader, Paper, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { LightTooltip } from '../../components/LightTooltip';
import { useProgressive } from '../../components/useProgressive';
import { IconDoor, IconListNumbers, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useOp } from '../../data/useOp';
import { change } from '../../data/change';
import { useConfirmDelete } from '../../components/ConfirmDelete';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { ExportButton } from '../../components/ExportButton';
import { SearchInput } from '../../components/SearchInput';
import { SortTh, useSort } from '../../components/sort';
import { countOf } from '../../lib/dates';
import { BulkRoomsModal, RoomModal } from './RoomModals';
import { useReadOnly } from '../../app/access';
import type { Room, SchoolClass } from '../../../../electron/api/types';
import { ruFold } from '../../../../electron/api/text';
import { ROOM_KIND_LABELS } from '../../lib/labels';

const fold = ruFold;

const NO_CLASSES: SchoolClass[] = [];

export function RoomsPage() {
  const readOnly = useReadOnly();
  const roomsQ = useOp('rooms.list');
  const classesQ = useOp('classes.list');
  const rooms = roomsQ.data ?? null;
  const classes = classesQ.data ?? NO_CLASSES;
  const error = roomsQ.error ?? classesQ.error;
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Room | null | 'new'>(null);
  const [bulk, setBulk] = useState(false);
  const [ask, confirmModal] = useConfirmDelete();


  const classesOf = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const c of classes) if (c.roomId) m.set(c.roomId, [...(m.get(c.roomId) ?? []), c.name]);
    return m;
  }, [classes]);
  const filtered = useMemo(() => {
    const n = fold(search.trim());
    return (rooms ?? []).filter((r) => !n || fold(`${r.number} ${r.name ?? ''} ${(classesOf.get(r.id) ?? []).join(' ')}`).includes(n));
  }, [rooms, search, classesOf]);
  const { sorted, sort, toggle } = useSort(
    filtered,
    { number: (r) => r.number, name: (r) => r.name, kind: (r) => ROOM_KIND_LABELS[r.kind], capacity: (r) => r.capacity, classes: (r) => (classesOf.get(r.id) ?? []).join(', ') },
    { key: 'number', desc: false },
  );
  const rows = useProgressive(sorted); // hundreds of rooms at a big school: the first screens first

  return (
    <Stack gap="lg" maw={1000}>
      <PageHeader
        title="Кабинеты"
        description="Помещения для уроков; кабинет закрепляется за классом"
        actions={
          <>
            <ExportButton list="rooms" />
            {readOnly ? null : (
            <>
            <Button variant="default" leftSection={<IconListNumbers size={16} />} onClick={() => setBulk(true)} data-testid="rooms-bulk">
              Добавить списком
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="rooms-add">
              Добавить кабинет
            </Button>
            </>
            )}
          </>
        }
      />
      {error ? <ErrorAlert error={error} title="Не удалось загрузить" /> : null}
      {!rooms ? (
        <Loader size="sm" />
      ) : (
        <>
          <SearchInput value={search} onChange={setSearch} w={320} placeholder="Номер, название или класс" />
          <Paper p={0}>
            {rooms.length === 0 ? (
              <EmptyState py={48} icon={<IconDoor size={28} />} withIndicatorBackground title="Кабинетов пока нет" description="Добавьте кабинеты списком: «101–115, 201–215»." />
            ) : (
              <ScrollArea.Autosize mah="calc(100vh - 260px)">
                <Table striped highlightOnHover stickyHeader verticalSpacing={6} data-testid="rooms-table">
                  <Table.Thead>
                    <Table.Tr>
                      <SortTh label="Номер" k="number" sort={sort} onSort={toggle} w={120} />
                      <SortTh label="Название" k="name" sort={sort} onSort={toggle} />
                      <SortTh label="Вид" k="kind" sort={sort} onSort={toggle} w={190} />
                      <SortTh label="Мест" k="capacity" sort={sort} onSort={toggle} w={100} />
                      <SortTh label="Закреплён за классом" k="classes" sort={sort} onSort={toggle} w={220} />
                      {readOnly ? null : <Table.Th w={84} />}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((r) => (
                      <Table.Tr key={r.id} style={{ cursor: readOnly ? undefined : 'pointer' }} onClick={readOnly ? undefined : () => setEditing(r)}>
                        <Table.Td fw={600}>{r.number}</Table.Td>
                        <Table.Td>{r.name ?? <Text span c="dimmed">—</Text>}</Table.Td>
                        <Table.Td>{r.kind === 'regular' ? <Text span c="dimmed" inherit>{ROOM_KIND_LABELS[r.kind]}</Text> : ROOM_KIND_LABELS[r.kind]}</Table.Td>
                        <Table.Td className="tnum">{r.capacity ?? ''}</Table.Td>
                        <Table.Td>{(classesOf.get(r.id) ?? []).join(', ')}</Table.Td>
                        {readOnly ? null : (
                        <Table.Td onClick={(e) => e.stopPropagation()}>
                          <Group gap={2} wrap="nowrap">
                            <LightTooltip label="Изменить">
                              <ActionIcon variant="subtle" color="gray" onClick={() => setEditing(r)} aria-label="Изменить">
                                <IconPencil size={16} />
                              </ActionIcon>
                            </LightTooltip>
                            <LightTooltip label="Удалить">
                              <ActionIcon
                                variant="subtle"
                                color="gray"
                                aria-label="Удалить"
                                onClick={() =>
                                  ask(`кабинет ${r.number}`, async () => {
                                    await change('rooms.remove', { id: r.id });
                                  })
                                }
                              >
                                <IconTrash size={16} />
                              </ActionIcon>
                            </LightTooltip>
                          </Group>
                        </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
            )}
          </Paper>
          <Text size="xs" c="dimmed">
            {countOf(rooms.length, 'кабинет', 'кабинета', 'кабинетов')}
          </Text>
        </>
      )}
      <RoomModal
        opened={editing !== null}
        room={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => setEditing(null)}
      />
      <BulkRoomsModal
        opened={bulk}
        existing={(rooms ?? []).map((r) => r.number)}
        onClose={() => setBulk(false)}
        onSaved={() => setBulk(false)}
      />
      {confirmModal}
    </Stack>
  );
}
