import { useMemo, useState } from 'react';
import { Button, Group, Modal, SegmentedControl, Select, Stack } from '@mantine/core';
import type { Assignment, StudyGroup } from '../../../../electron/api/types';
import type { OpInput } from '../../../../electron/api/contract';
import { call } from '../../api';
import { useGuardedClose } from '../../app/unsaved';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NumberField } from '../../components/NumberField';
import { focusFirstError } from '../../components/focusError';
import { checkNumber, numberText, sameData, type FieldErrors } from '../../lib/checks';
import { fieldError, problemsOf } from '../../lib/errors';
import { useOp } from '../../data/useOp';
import { useAction } from '../../data/useAction';
import { WEEKLY_HOURS, teacherOptions, type Refs } from '../shared';

export interface Draft {
  id?: string;
  teacherId: string | null;
  target: 'class' | 'subgroup' | 'group';
  classId: string | null;
  subjectId: string | null;
  subgroupId: string | null;
  studyGroupId: string | null;
  hours: number;
}


const NO_GROUPS: StudyGroup[] = [];

export function draftOf(a: Assignment): Draft {
  return {
    id: a.id,
    teacherId: a.teacherId,
    target: a.target,
    classId: a.classId,
    subjectId: a.subjectId,
    subgroupId: a.subgroupId,
    studyGroupId: a.studyGroupId,
    hours: a.hoursPerWeek,
  };
}

/** One assignment: a teacher, a class (whole, a subgroup) or a study group, the hours. */
export function AssignmentModal({ draft, refs, onClose, onSaved }: { draft: Draft; refs: Refs; onClose: () => void; onSaved: () => void }) {
  const [d, setD] = useState<Draft>(draft);
  /** The hours as typed: −3 stays −3 and is refused with its message, never saved as something else. */
  const [hours, setHours] = useState(numberText(draft.hours));
  const [tried, setTried] = useState(false);
  const groupsQ = useOp('studyGroups.list');
  const groups = groupsQ.data ?? NO_GROUPS;
  const subQ = useOp('subgroups.forClass', { classId: d.classId ?? '' }, { enabled: !!d.classId });
  const sub = d.classId ? subQ.data : undefined;
  const saving = useAction((input: OpInput<'assignments.save'>) => call('assignments.save', input), { success: 'Нагрузка сохранена', onSuccess: () => onSaved() });
  const { busy } = saving;
  const error = saving.error;
  const loadError = groupsQ.error ?? (d.classId ? subQ.error : null);
  const subgroupOptions = useMemo(
    () =>
      (sub?.subjects ?? [])
        .filter((s) => s.division)
        .flatMap((s) => s.division!.subgroups.map((g) => ({ value: g.id, label: `${s.subjectName}: ${g.name}`, subjectId: s.subjectId }))),
    [sub],
  );
  const subjectName = refs.subjects.find((s) => s.id === (d.target === 'group' ? groups.find((g) => g.id === d.studyGroupId)?.subjectId : d.target === 'subgroup' ? subgroupOptions.find((o) => o.value === d.subgroupId)?.subjectId : d.subjectId))?.name;
  const h = checkNumber(hours, WEEKLY_HOURS);
  const need = (v: string | null, message: string) => (tried && !v ? message : undefined);
  const local: FieldErrors = {
    teacherId: need(d.teacherId, 'Выберите учителя'),
    classId: d.target !== 'group' ? need(d.classId, 'Выберите класс') : undefined,
    subjectId: d.target === 'class' ? need(d.subjectId, 'Выберите предмет') : undefined,
    subgroupId: d.target === 'subgroup' ? need(d.subgroupId, 'Выберите подгруппу') : undefined,
    studyGroupId: d.target === 'group' ? need(d.studyGroupId, 'Выберите учебную группу') : undefined,
  };
  const p = problemsOf(error);
  const save = async (): Promise<boolean> => {
    setTried(true);
    const missingChoice =
      !d.teacherId || (d.target !== 'group' && !d.classId) || (d.target === 'class' && !d.subjectId) || (d.target === 'subgroup' && !d.subgroupId) || (d.target === 'group' && !d.studyGroupId);
    if (missingChoice || !h.ok || h.value === null) return focusFirstError(document.querySelector('[data-testid="assignment-modal"]'));
    return saving.run({
      id: d.id ?? null,
      teacherId: d.teacherId ?? '',
      subjectId: d.target === 'class' ? d.subjectId : null,
      classId: d.target === 'class' ? d.classId : null,
      subgroupId: d.target === 'subgroup' ? d.subgroupId : null,
      studyGroupId: d.target === 'group' ? d.studyGroupId : null,
      hoursPerWeek: h.value,
    });
  };
  const close = useGuardedClose({ opened: true, dirty: !sameData(d, draft) || hours !== numberText(draft.hours), onClose, save });
  return (
    <Modal opened onClose={close} title={d.id ? 'Нагрузка' : 'Назначить нагрузку'} data-testid="assignment-modal">
      <Stack gap="sm">
        <Select label="Учитель" data={teacherOptions(refs.staff, subjectName)} value={d.teacherId} onChange={(v) => setD({ ...d, teacherId: v })} searchable withAsterisk error={local.teacherId ?? fieldError(p, 'teacherId')} data-testid="as-teacher" />
        <SegmentedControl
          value={d.target}
          onChange={(v) => setD({ ...d, target: v as Draft['target'] })}
          data={[
            { value: 'class', label: 'Весь класс' },
            { value: 'subgroup', label: 'Подгруппа' },
            { value: 'group', label: 'Учебная группа' },
          ]}
          data-testid="as-target"
        />
        {d.target !== 'group' ? (
          <Select label="Класс" data={refs.classes.map((c) => ({ value: c.id, label: c.name }))} value={d.classId} onChange={(v) => setD({ ...d, classId: v, subgroupId: null })} searchable withAsterisk error={local.classId ?? fieldError(p, 'classId')} data-testid="as-class" />
        ) : null}
        {d.target === 'class' ? (
          <Select label="Предмет" data={refs.subjects.map((s) => ({ value: s.id, label: s.name }))} value={d.subjectId} onChange={(v) => setD({ ...d, subjectId: v })} searchable withAsterisk error={local.subjectId ?? fieldError(p, 'subjectId')} data-testid="as-subject" />
        ) : null}
        {d.target === 'subgroup' ? (
          <Select
            label="Подгруппа"
            data={subgroupOptions.map(({ value, label }) => ({ value, label }))}
            value={d.subgroupId}
            onChange={(v) => setD({ ...d, subgroupId: v })}
            nothingFoundMessage="Класс не разделён на подгруппы"
            withAsterisk
            error={local.subgroupId ?? fieldError(p, 'subgroupId')}
            data-testid="as-subgroup"
          />
        ) : null}
        {d.target === 'group' ? (
          <Select label="Учебная группа" data={groups.map((g) => ({ value: g.id, label: `${g.name} (${g.subjectName})` }))} value={d.studyGroupId} onChange={(v) => setD({ ...d, studyGroupId: v })} searchable withAsterisk error={local.studyGroupId ?? fieldError(p, 'studyGroupId')} data-testid="as-group" />
        ) : null}
        <NumberField
          label="Часов в неделю"
          description="От 0,5 до 40, целое или с половиной"
          withAsterisk
          value={hours}
          onChange={setHours}
          rule={WEEKLY_HOURS}
          error={tried && !h.ok ? h.error : fieldError(p, 'hoursPerWeek')}
          data-testid="as-hours"
        />
        <ErrorAlert error={loadError} title="Не загружено" />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-testid="as-cancel">
            Отмена
          </Button>
          <Button loading={busy} onClick={() => void save()} data-testid="as-save">
            Сохранить
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
