import { useEffect, useMemo, useRef, useState } from 'react';
import { ActionIcon, Badge, Button, Group, Paper, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconEdit, IconFileTypePdf, IconPlus, IconTrash, IconUsers } from '@tabler/icons-react';
import type { StudyGroup } from '../../../electron/api/types';
import { call, saveFile } from '../api';
import { ReadOnlyScope, useReadOnly } from '../app/access';
import { gradeOfName, useOwnParallels } from '../app/parallels';
import { PageHeader } from '../components/PageHeader';
import { SearchInput } from '../components/SearchInput';
import { ErrorAlert } from '../components/ErrorAlert';
import { EmptyRow } from '../components/EditorRows';
import { useConfirmDelete } from '../components/ConfirmDelete';
import { useOp } from '../data/useOp';
import { useAction } from '../data/useAction';
import { change } from '../data/change';
import { PDF, hoursLabel, useRefs } from './shared';
import { GroupModal } from './study/GroupModal';
import { MembersModal } from './study/MembersModal';

type SortKey = 'name' | 'subjectName' | 'kindLabel' | 'teacherName' | 'hoursPerWeek' | 'memberCount';

/** «Учебные группы»: groups of students from several classes, their teachers and members. */
export function StudyGroupsPage({ openId }: { openId?: string }) {
  const ro = useReadOnly();
  const own = useOwnParallels();
  /** R8: a group belongs to the parallels of its students; a deputy sees another's read-only. */
  const lockedReason = (g: StudyGroup) => {
    const other = g.classNames.find((n) => !own.mine(gradeOfName(n)));
    return other ? `${own.reason(other)}: в группе есть его ученики` : null;
  };
  const refs = useRefs();
  const listQ = useOp('studyGroups.list');
  const list = listQ.data ?? null;
  const error = listQ.error ?? refs.error;
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'name', desc: false });
  const [editing, setEditing] = useState<StudyGroup | 'new' | null>(null);
  const [members, setMembers] = useState<StudyGroup | null>(null);
  const [askDelete, deleteModal] = useConfirmDelete();
  // «К учебной группе» (the check's link) opens its card once the list is there.
  const opened = useRef<string | null>(null);
  useEffect(() => {
    if (openId && list && opened.current !== openId) {
      const g = list.find((x) => x.id === openId);
      if (g) {
        opened.current = openId;
        setEditing(g);
      }
    }
  }, [openId, list]);
  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    const f = (list ?? []).filter((g) => !q || `${g.name} ${g.subjectName} ${g.teacherName ?? ''} ${g.classNames.join(' ')}`.toLowerCase().includes(q));
    const k = sort.key;
    f.sort((a, b) => {
      const x = a[k] ?? '';
      const y = b[k] ?? '';
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'ru');
      return sort.desc ? -c : c;
    });
    return f;
  }, [list, search, sort]);
  const th = (key: SortKey, label: string) => (
    <Table.Th>
      <UnstyledButton onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : false }))} fw={600} fz="sm">
        <Group gap={4} wrap="nowrap">
          {label}
          {sort.key === key ? sort.desc ? <IconChevronUp size={14} /> : <IconChevronDown size={14} /> : null}
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
  const pdfAction = useAction(
    async (groupId: string | null) => {
      const f = await call('reports.studyGroupListsPdf', { groupId });
      await saveFile(f.fileName, f.id, PDF);
      return f;
    },
    { invalidates: false, notify: 'PDF не создан', success: (f) => ({ title: f.fileName, message: 'Списки групп сохранены' }) },
  );
  const pdf = pdfAction.run;
  const pdfBusy = pdfAction.busy;
  return (
    <Stack gap="md">
      <PageHeader
        title="Учебные группы"
        description="Элективные курсы, профильные и другие группы из учеников разных классов."
        actions={
          <>
            <Button variant="default" leftSection={<IconFileTypePdf size={16} color="var(--mantine-color-red-7)" />} loading={pdfBusy} onClick={() => void pdf(null)} data-testid="groups-pdf">
              Списки групп (PDF)
            </Button>
            {ro ? null : (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="group-add">
                Новая группа
              </Button>
            )}
          </>
        }
      />
      <Group>
        <SearchInput value={search} onChange={setSearch} w={360} data-testid="groups-search" />
        <Text size="sm" c="dimmed" data-testid="groups-total">
          Групп: {rows.length}
        </Text>
      </Group>
      <ErrorAlert error={error} title="Не загружено" />
      <Paper withBorder>
        <Table striped highlightOnHover data-testid="groups-table">
          <Table.Thead>
            <Table.Tr>
              {th('name', 'Название')}
              {th('subjectName', 'Предмет')}
              {th('kindLabel', 'Вид')}
              {th('teacherName', 'Учитель')}
              {th('hoursPerWeek', 'Часов')}
              {th('memberCount', 'Учеников')}
              <Table.Th>Классы</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((g) => (
              <Table.Tr key={g.id} data-testid="group-row">
                <Table.Td fw={500}>{g.name}</Table.Td>
                <Table.Td>{g.subjectName}</Table.Td>
                <Table.Td>{g.kindLabel}</Table.Td>
                <Table.Td>{g.teacherName ?? (g.teachers.length ? g.teachers.map((t) => t.fullName).join(', ') : <Text c="red" size="sm">не назначен</Text>)}</Table.Td>
                <Table.Td className="tnum">{hoursLabel(g.hoursPerWeek)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={g.memberCount ? 'blue' : 'red'}>
                    {g.memberCount}
                  </Badge>
                </Table.Td>
                <Table.Td>{g.classNames.join(', ')}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    <ActionIcon variant="subtle" aria-label="Состав группы" onClick={() => setMembers(g)} data-testid="group-members">
                      <IconUsers size={16} />
                    </ActionIcon>
                    <ActionIcon variant="subtle" aria-label="Список (PDF)" onClick={() => void pdf(g.id)}>
                      <IconFileTypePdf size={16} />
                    </ActionIcon>
                    {ro ? null : lockedReason(g) ? (
                      <Group gap={4} wrap="nowrap" title={lockedReason(g)!}>
                        <ActionIcon variant="subtle" aria-label="Изменить" disabled>
                          <IconEdit size={16} />
                        </ActionIcon>
                        <ActionIcon variant="subtle" color="red" aria-label="Удалить" disabled>
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Group>
                    ) : (
                      <>
                        <ActionIcon variant="subtle" aria-label="Изменить" onClick={() => setEditing(g)} data-testid="group-edit">
                          <IconEdit size={16} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label="Удалить"
                          onClick={() =>
                            askDelete(`учебную группу «${g.name}»`, async () => {
                              await change('studyGroups.remove', { id: g.id });
                            })
                          }
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
            {list && rows.length === 0 ? (
              <EmptyRow colSpan={8} size="md">
                {search ? 'Ничего не найдено' : 'Учебных групп пока нет'}
              </EmptyRow>
            ) : null}
          </Table.Tbody>
        </Table>
      </Paper>
      {editing ? (
        <ReadOnlyScope readOnly={ro || (editing !== 'new' && lockedReason(editing) !== null)}>
        <GroupModal
          group={editing === 'new' ? null : editing}
          refs={refs}
          onClose={() => setEditing(null)}
          onSaved={(g, isNew) => {
            setEditing(null);
            if (isNew) setMembers(g);
          }}
        />
        </ReadOnlyScope>
      ) : null}
      {members ? (
        <ReadOnlyScope readOnly={ro || lockedReason(members) !== null}>
        <MembersModal
          group={members}
          refs={refs}
          onClose={() => setMembers(null)}
          onSaved={() => setMembers(null)}
        />
        </ReadOnlyScope>
      ) : null}
      {deleteModal}
    </Stack>
  );
}

