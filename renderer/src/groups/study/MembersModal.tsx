import { useMemo, useState } from 'react';
import { ActionIcon, Button, Checkbox, Group, Modal, Paper, ScrollArea, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import type { StudentRow, StudyGroup, StudyGroupDetails } from '../../../../electron/api/types';
import { call } from '../../api';
import { useReadOnly } from '../../app/access';
import { useGuardedClose } from '../../app/unsaved';
import { SearchInput } from '../../components/SearchInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { countOf } from '../../lib/dates';
import { useOp } from '../../data/useOp';
import { useDraft } from '../../data/useDraft';
import { useAction } from '../../data/useAction';
import { DraftChangedNotice } from '../../data/DraftChangedNotice';
import type { Refs } from '../shared';

type Members = Map<string, string>; // id → «ФИО (класс)»
const sameMembers = (a: Members, b: Members) => a.size === b.size && [...a.keys()].every((id) => b.has(id));
const NO_STUDENTS: StudentRow[] = [];

/**
 * The members of a study group: students picked from a searchable list. The stored members are
 * copied into the choice once (useDraft): a change saved elsewhere is followed, or announced over
 * an unsaved choice.
 */
export function MembersModal({ group, refs, onClose, onSaved }: { group: StudyGroup; refs: Refs; onClose: () => void; onSaved: () => void }) {
  const ro = useReadOnly();
  const details = useOp('studyGroups.get', { id: group.id });
  const d = useDraft<StudyGroupDetails, Members>(
    details.data,
    (g) => new Map(g.members.map((m) => [m.id, `${m.fullName}${m.className ? ` (${m.className})` : ''}`])),
    new Map(),
    { resetKey: group.id, same: sameMembers },
  );
  const selected = d.draft;
  const setSelected = d.setDraft;
  const [classId, setClassId] = useState<string | null>(null);
  const [grade, setGrade] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const filter = useMemo(() => ({ search: search || undefined, classId: classId ?? undefined, grade: grade ? Number(grade) : undefined, sort: 'class' as const, limit: 300 }), [search, classId, grade]);
  const [input] = useDebouncedValue(filter, 200);
  const studentsQ = useOp('students.list', input, { keepPrevious: true });
  const students = studentsQ.data?.rows ?? NO_STUDENTS;
  const saving = useAction((ids: string[]) => call('studyGroups.setMembers', { groupId: group.id, studentIds: ids }), {
    success: (g) => ({ title: 'Состав сохранён', message: `В группе «${g.name}»: ${countOf(g.members.length, 'ученик', 'ученика', 'учеников')} из классов ${g.classNames.join(', ')}` }),
    onSuccess: () => onSaved(),
  });
  const { busy } = saving;
  const error = saving.error ?? details.error ?? studentsQ.error;
  const grades = [...new Set(refs.classes.map((c) => c.grade))].sort((a, b) => a - b);
  const toggle = (s: StudentRow, on: boolean) =>
    setSelected((m) => {
      const n = new Map(m);
      if (on) n.set(s.id, `${s.fullName}${s.className ? ` (${s.className})` : ''}`);
      else n.delete(s.id);
      return n;
    });
  const save = () => saving.run([...selected.keys()]);
  const dirty = !ro && d.dirty;
  const close = useGuardedClose({ opened: true, dirty, onClose, save });
  return (
    <Modal opened onClose={close} title={`Состав группы «${group.name}»`} size="xl" data-testid="members-modal">
      <Stack gap="sm">
        <DraftChangedNotice show={d.changedBehind && !ro} />
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
