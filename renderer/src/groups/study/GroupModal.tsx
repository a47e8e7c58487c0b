import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import type { StudyGroup, StudyGroupKind } from '../../../../electron/api/types';
import type { OpInput } from '../../../../electron/api/contract';
import { call } from '../../api';
import { useReadOnly } from '../../app/access';
import { useGuardedClose } from '../../app/unsaved';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NumberField } from '../../components/NumberField';
import { focusFirstError } from '../../components/focusError';
import { checkNumber, MAX, missing, numberText, tooLong, type FieldErrors } from '../../lib/checks';
import { fieldError, problemsOf } from '../../lib/errors';
import { useAction } from '../../data/useAction';
import { KIND_OPTIONS, WEEKLY_HOURS, teacherOptions, type Refs } from '../shared';

/** A study group's name, subject, kind, teacher and hours. */
export function GroupModal({ group, refs, onClose, onSaved }: { group: StudyGroup | null; refs: Refs; onClose: () => void; onSaved: (g: StudyGroup, isNew: boolean) => void }) {
  const ro = useReadOnly();
  const [name, setName] = useState(group?.name ?? '');
  const [kind, setKind] = useState<StudyGroupKind>(group?.kind ?? 'elective');
  const [subjectId, setSubjectId] = useState<string | null>(group?.subjectId ?? null);
  const [teacherId, setTeacherId] = useState<string | null>(group?.teacherId ?? null);
  /** The hours as typed: what the field shows is saved, or refused with its message. */
  const [hours, setHours] = useState(numberText(group?.hoursPerWeek ?? 1));
  const [tried, setTried] = useState(false);
  const saving = useAction((input: OpInput<'studyGroups.save'>) => call('studyGroups.save', input), {
    success: (g) => `Группа «${g.name}» сохранена`,
    onSuccess: (g) => onSaved(g, !group),
  });
  const { busy, error } = saving;
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
    return saving.run({ id: group?.id ?? null, name, kind, subjectId, hoursPerWeek: h.value, teacherId: group && teacherId === group.teacherId ? undefined : teacherId });
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

