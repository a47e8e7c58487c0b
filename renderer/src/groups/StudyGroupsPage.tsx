import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconEdit, IconFileTypePdf, IconPlus, IconTrash, IconUsers } from '@tabler/icons-react';
import type { StudentRow, StudyGroup, StudyGroupKind } from '../../../electron/api/types';
import { call, saveFile } from '../api';
import { ReadOnlyScope, useReadOnly } from '../app/access';
import { gradeOfName, useOwnParallels } from '../app/parallels';
import { PageHeader } from '../components/PageHeader';
import { SearchInput } from '../components/SearchInput';
import { ErrorAlert } from '../components/ErrorAlert';
import { useConfirmDelete } from '../components/ConfirmDelete';
import { notifyError, notifyOk } from '../lib/notify';
import { KIND_OPTIONS, PDF, WEEKLY_HOURS, groupsChanged, hoursLabel, teacherOptions, useRefs, type Refs } from './shared';
import { useGuardedClose } from '../app/unsaved';
import { NumberField } from '../components/NumberField';
import { focusFirstError } from '../components/focusError';
import { checkNumber, MAX, missing, numberText, tooLong, type FieldErrors } from '../lib/checks';
import { fieldError, problemsOf } from '../lib/errors';
import { countOf } from '../lib/dates';

type SortKey = 'name' | 'subjectName' | 'kindLabel' | 'teacherName' | 'hoursPerWeek' | 'memberCount';

export function StudyGroupsPage({ openId }: { openId?: string }) {
  const ro = useReadOnly();
  const own = useOwnParallels();
  /** R8: a group belongs to the parallels of its students; a deputy sees another's read-only. */
  const lockedReason = (g: StudyGroup) => {
    const other = g.classNames.find((n) => !own.mine(gradeOfName(n)));
    return other ? `${own.reason(other)}: в группе есть его ученики` : null;
  };
  const refs = useRefs();
  const [list, setList] = useState<StudyGroup[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'name', desc: false });
  const [editing, setEditing] = useState<StudyGroup | 'new' | null>(null);
  const [members, setMembers] = useState<StudyGroup | null>(null);
  const [askDelete, deleteModal] = useConfirmDelete();
  const [pdfBusy, setPdfBusy] = useState(false);
  const load = useCallback(() => {
    call('studyGroups.list')
      .then((l) => {
        setList(l);
        setError(null);
      })
      .catch(setError);
  }, []);
  useEffect(load, [load]);
  useEffect(() => {
    if (openId && list) {
      const g = list.find((x) => x.id === openId);
      if (g) setEditing(g);
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
  const pdf = async (groupId: string | null) => {
    setPdfBusy(true);
    try {
      const f = await call('reports.studyGroupListsPdf', { groupId });
      await saveFile(f.fileName, f.id, PDF);
      notifyOk('Списки групп сохранены', f.fileName);
    } catch (e) {
      notifyError(e, 'PDF не создан');
    } finally {
      setPdfBusy(false);
    }
  };
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
                              await call('studyGroups.remove', { id: g.id });
                              load();
                              groupsChanged();
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
              <Table.Tr>
                <Table.Td colSpan={8}>
                  <Text c="dimmed" ta="center" py="md">
                    {search ? 'Ничего не найдено' : 'Учебных групп пока нет'}
                  </Text>
                </Table.Td>
              </Table.Tr>
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
            load();
            groupsChanged();
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
          onSaved={() => {
            setMembers(null);
            load();
            groupsChanged();
          }}
        />
        </ReadOnlyScope>
      ) : null}
      {deleteModal}
    </Stack>
  );
}

function GroupModal({ group, refs, onClose, onSaved }: { group: StudyGroup | null; refs: Refs; onClose: () => void; onSaved: (g: StudyGroup, isNew: boolean) => void }) {
  const ro = useReadOnly();
  const [name, setName] = useState(group?.name ?? '');
  const [kind, setKind] = useState<StudyGroupKind>(group?.kind ?? 'elective');
  const [subjectId, setSubjectId] = useState<string | null>(group?.subjectId ?? null);
  const [teacherId, setTeacherId] = useState<string | null>(group?.teacherId ?? null);
  /** The hours as typed: what the field shows is saved, or refused with its message. */
  const [hours, setHours] = useState(numberText(group?.hoursPerWeek ?? 1));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const subjectName = refs.subjects.find((s) => s.id === subjectId)?.name;
  const h = checkNumber(hours, WEEKLY_HOURS);
  const local: FieldErrors = {
    name: tooLong(name, MAX.title, 'Название') ?? (tried ? missing(name, 'Название') : undefined),
    subjectId: tried && !subjectId ? 'Выберите предмет' : undefined,
  };
  const p = problemsOf(error);
  const save = async (): Promise<boolean> => {
    setTried(true);
    if (tooLong(name, MAX.title, 'Название') || missing(name, 'Название') || !subjectId || !h.ok || h.value === null) return focusFirstError(document.querySelector('[data-testid="group-modal"]'));
    setBusy(true);
    setError(null);
    try {
      const g = await call('studyGroups.save', { id: group?.id ?? null, name, kind, subjectId, hoursPerWeek: h.value, teacherId: group && teacherId === group.teacherId ? undefined : teacherId });
      notifyOk(`Группа «${g.name}» сохранена`);
      onSaved(g, !group);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const dirty =
    !ro &&
    (name !== (group?.name ?? '') ||
      kind !== (group?.kind ?? 'elective') ||
      subjectId !== (group?.subjectId ?? null) ||
      teacherId !== (group?.teacherId ?? null) ||
      hours !== numberText(group?.hoursPerWeek ?? 1));
  const close = useGuardedClose({ opened: true, dirty, onClose, save });
  return (
    <Modal opened onClose={close} title={group ? 'Учебная группа' : 'Новая учебная группа'} data-testid="group-modal">
      <Stack gap="sm">
        <TextInput label="Название" value={name} onChange={(e) => setName(e.currentTarget.value)} readOnly={ro} withAsterisk error={local.name ?? fieldError(p, 'name', 'Название')} data-testid="group-name" data-autofocus />
        <Select
          label="Предмет"
          data={refs.subjects.map((s) => ({ value: s.id, label: s.name }))}
          value={subjectId}
          onChange={setSubjectId}
          searchable
          readOnly={ro}
          withAsterisk
          error={local.subjectId ?? fieldError(p, 'subjectId')}
          data-testid="group-subject"
        />
        <Select label="Вид" data={KIND_OPTIONS} value={kind} onChange={(v) => v && setKind(v as StudyGroupKind)} allowDeselect={false} readOnly={ro} data-testid="group-kind" />
        <Select label="Учитель" data={teacherOptions(refs.staff, subjectName)} value={teacherId} onChange={setTeacherId} searchable clearable readOnly={ro} error={fieldError(p, 'teacherId')} data-testid="group-teacher" />
        <NumberField
          label="Часов в неделю"
          description="От 0,5 до 40, целое или с половиной"
          value={hours}
          onChange={setHours}
          rule={WEEKLY_HOURS}
          readOnly={ro}
          error={tried && !h.ok ? h.error : fieldError(p, 'hoursPerWeek')}
          data-testid="group-hours"
        />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-testid="group-cancel">
            {ro ? 'Закрыть' : 'Отмена'}
          </Button>
          {ro ? null : (
            <Button loading={busy} onClick={() => void save()} data-testid="group-save">
              Сохранить
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

function MembersModal({ group, refs, onClose, onSaved }: { group: StudyGroup; refs: Refs; onClose: () => void; onSaved: () => void }) {
  const ro = useReadOnly();
  const [selected, setSelected] = useState<Map<string, string>>(new Map()); // id → «ФИО (класс)»
  /** The members as stored: the form asks before closing while the choice differs. */
  const [loaded, setLoaded] = useState<Set<string> | null>(null);
  const [students, setStudents] = useState<StudentRow[]>([]);
  const [classId, setClassId] = useState<string | null>(null);
  const [grade, setGrade] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    call('studyGroups.get', { id: group.id })
      .then((d) => {
        const members = new Map(d.members.map((m) => [m.id, `${m.fullName}${m.className ? ` (${m.className})` : ''}`]));
        setSelected(members);
        setLoaded(new Set(members.keys()));
      })
      .catch(setError);
  }, [group.id]);
  useEffect(() => {
    const t = setTimeout(() => {
      call('students.list', { search: search || undefined, classId: classId ?? undefined, grade: grade ? Number(grade) : undefined, sort: 'class', limit: 300 })
        .then((p) => setStudents(p.rows))
        .catch(setError);
    }, 200);
    return () => clearTimeout(t);
  }, [search, classId, grade]);
  const grades = [...new Set(refs.classes.map((c) => c.grade))].sort((a, b) => a - b);
  const toggle = (s: StudentRow, on: boolean) =>
    setSelected((m) => {
      const n = new Map(m);
      if (on) n.set(s.id, `${s.fullName}${s.className ? ` (${s.className})` : ''}`);
      else n.delete(s.id);
      return n;
    });
  const save = async (): Promise<boolean> => {
    setBusy(true);
    try {
      const d = await call('studyGroups.setMembers', { groupId: group.id, studentIds: [...selected.keys()] });
      notifyOk(`В группе «${d.name}»: ${countOf(d.members.length, 'ученик', 'ученика', 'учеников')} из классов ${d.classNames.join(', ')}`, 'Состав сохранён');
      onSaved();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const dirty = !ro && loaded !== null && (loaded.size !== selected.size || [...selected.keys()].some((id) => !loaded.has(id)));
  const close = useGuardedClose({ opened: true, dirty, onClose, save });
  return (
    <Modal opened onClose={close} title={`Состав группы «${group.name}»`} size="xl" data-testid="members-modal">
      <Stack gap="sm">
        <Group grow>
          <Select label="Параллель" placeholder="Все" data={grades.map((g) => ({ value: String(g), label: `${g} классы` }))} value={grade} onChange={(v) => { setGrade(v); setClassId(null); }} clearable data-testid="members-grade" />
          <Select
            label="Класс"
            placeholder="Все"
            data={refs.classes.filter((c) => !grade || c.grade === Number(grade)).map((c) => ({ value: c.id, label: c.name }))}
            value={classId}
            onChange={setClassId}
            searchable
            clearable
            data-testid="members-class"
          />
          <SearchInput label="Ученик" value={search} onChange={setSearch} data-testid="members-search" />
        </Group>
        <Group align="flex-start" grow wrap="nowrap">
          <Paper withBorder>
            <ScrollArea h={360} p="xs">
              <Stack gap={4}>
                {students.map((s) => (
                  <Checkbox
                    key={s.id}
                    label={`${s.fullName} — ${s.className ?? 'без класса'}`}
                    checked={selected.has(s.id)}
                    disabled={ro}
                    onChange={(e) => toggle(s, e.currentTarget.checked)}
                    wrapperProps={{ 'data-testid': 'member-option' }}
                  />
                ))}
                {students.length === 0 ? <Text c="dimmed" size="sm">Никого не найдено</Text> : null}
              </Stack>
            </ScrollArea>
          </Paper>
          <Paper withBorder>
            <Text fw={600} size="sm" px="xs" pt="xs" data-testid="members-count">
              Выбрано: {selected.size}
            </Text>
            <ScrollArea h={330} p="xs">
              <Stack gap={2}>
                {[...selected.entries()].sort((a, b) => a[1].localeCompare(b[1], 'ru')).map(([id, label]) => (
                  <Group key={id} justify="space-between" wrap="nowrap" gap={4}>
                    <Text size="sm">{label}</Text>
                    {ro ? null : (
                      <ActionIcon size="sm" variant="subtle" color="red" aria-label="Убрать" onClick={() => setSelected((m) => { const n = new Map(m); n.delete(id); return n; })}>
                        <IconTrash size={14} />
                      </ActionIcon>
                    )}
                  </Group>
                ))}
              </Stack>
            </ScrollArea>
          </Paper>
        </Group>
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {ro ? 'Закрыть' : 'Отмена'}
          </Button>
          {ro ? null : (
            <Button loading={busy} onClick={() => void save()} data-testid="members-save">
              Сохранить состав
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
