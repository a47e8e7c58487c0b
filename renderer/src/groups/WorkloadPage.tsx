import { Fragment, useCallback, useEffect, useMemo, useState } from 'react';
import { ActionIcon, Badge, Button, Group, Loader, Modal, Paper, SegmentedControl, Select, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconEdit, IconFileSpreadsheet, IconPlus, IconTrash, IconWand } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import type { Assignment, ClassCoverage, ClassSubgroups, StudyGroup, TeacherWorkload } from '../../../electron/api/types';
import { call, saveFile } from '../api';
import { useReadOnly } from '../app/access';
import { gradeOfName, useOwnParallels } from '../app/parallels';
import { PageHeader } from '../components/PageHeader';
import { SearchInput } from '../components/SearchInput';
import { ErrorAlert } from '../components/ErrorAlert';
import { useProgressive } from '../components/useProgressive';
import { useConfirmDelete } from '../components/ConfirmDelete';
import { notifyError, notifyOk } from '../lib/notify';
import { XLSX, WEEKLY_HOURS, groupsChanged, hoursLabel, teacherOptions, useRefs, type Refs } from './shared';
import { declineFullName } from '../../../electron/api/declension';
import { useGuardedClose } from '../app/unsaved';
import { NumberField } from '../components/NumberField';
import { focusFirstError } from '../components/focusError';
import { checkNumber, numberText, sameData, type FieldErrors } from '../lib/checks';
import { fieldError, problemsOf } from '../lib/errors';

interface Draft {
  id?: string;
  teacherId: string | null;
  target: 'class' | 'subgroup' | 'group';
  classId: string | null;
  subjectId: string | null;
  subgroupId: string | null;
  studyGroupId: string | null;
  hours: number;
}

export function WorkloadPage({ teacherId, classId }: { teacherId?: string; classId?: string }) {
  const own = useOwnParallels();
  const ro = useReadOnly();
  const [tab, setTab] = useState<string | null>(classId ? 'classes' : 'teachers');
  const [teachers, setTeachers] = useState<TeacherWorkload[] | null>(null);
  const [coverage, setCoverage] = useState<ClassCoverage[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [xlsxBusy, setXlsxBusy] = useState(false);
  const [fromBusy, setFromBusy] = useState(false);
  const load = useCallback(() => {
    // Each table as soon as it comes: the teachers' one (the page opens on it) does not wait for the coverage.
    call('workload.byTeacher', {})
      .then((t) => {
        setTeachers(t);
        setError(null);
      })
      .catch(setError);
    call('workload.byClass', {}).then(setCoverage).catch(setError);
  }, []);
  useEffect(load, [load]);
  // After the tables' requests (effects run in this order): the lists for the form come next.
  const refs = useRefs();
  const changed = () => {
    load();
    groupsChanged();
  };
  const exportXlsx = async () => {
    setXlsxBusy(true);
    try {
      const f = await call('reports.workloadXlsx');
      await saveFile(f.fileName, f.id, XLSX);
      notifyOk(`Выгружено строк: ${f.rows}`, f.fileName);
    } catch (e) {
      notifyError(e, 'Тарификация не выгружена');
    } finally {
      setXlsxBusy(false);
    }
  };
  const fromCurriculum = async (cid: string | null) => {
    setFromBusy(true);
    try {
      const r = await call('assignments.fromCurriculum', { classId: cid });
      notifications.show({
        color: r.unassigned.length ? 'orange' : 'teal',
        title: 'Распределено по учебному плану',
        message: `Назначений: ${r.created}, часов: ${hoursLabel(r.hours)}${r.unassigned.length ? `. Некому вести: ${r.unassigned.map((u) => `${u.label} — ${u.subjectName} (${u.hours} ч)`).slice(0, 5).join('; ')}` : ''}`,
        autoClose: 9000,
      });
      changed();
    } catch (e) {
      notifyError(e, 'Не распределено');
    } finally {
      setFromBusy(false);
    }
  };
  return (
    <Stack gap="md">
      <PageHeader
        title="Тарификация"
        description="Нагрузка учителей по классам и предметам."
        actions={
          <>
            <Button variant="default" leftSection={<IconFileSpreadsheet size={16} color="var(--mantine-color-teal-7)" />} loading={xlsxBusy} onClick={() => void exportXlsx()} data-testid="workload-xlsx">
              Выгрузить тарификацию (Excel)
            </Button>
            {ro ? null : (
              <>
                <Button variant="default" leftSection={<IconWand size={16} />} loading={fromBusy} onClick={() => void fromCurriculum(null)} data-testid="from-curriculum">
                  {own.grades ? 'Распределить по учебному плану своих параллелей' : 'Распределить по учебному плану'}
                </Button>
                <Button
                  leftSection={<IconPlus size={16} />}
                  onClick={() => setDraft({ teacherId: teacherId ?? null, target: 'class', classId: classId ?? null, subjectId: null, subgroupId: null, studyGroupId: null, hours: 1 })}
                  data-testid="assignment-add"
                >
                  Назначить
                </Button>
              </>
            )}
          </>
        }
      />
      <ErrorAlert error={error} title="Не загружено" />
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="teachers" data-testid="tab-teachers">
            По учителям
          </Tabs.Tab>
          <Tabs.Tab value="classes" data-testid="tab-classes">
            По классам (покрытие плана)
            {coverage ? (
              <Badge ml={6} size="sm" color={coverage.every((c) => c.complete) ? 'teal' : 'red'} variant="light">
                {coverage.filter((c) => !c.complete).length}
              </Badge>
            ) : null}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="teachers" pt="md">
          {teachers ? <TeachersTable rows={teachers} initial={teacherId} onEdit={(a) => setDraft(draftOf(a))} onChanged={changed} /> : <Loader size="sm" />}
        </Tabs.Panel>
        <Tabs.Panel value="classes" pt="md">
          {coverage ? <CoverageView rows={coverage} initial={classId} busy={fromBusy} onFill={(cid) => void fromCurriculum(cid)} /> : <Loader size="sm" />}
        </Tabs.Panel>
      </Tabs>
      {draft ? (
        <AssignmentModal
          draft={draft}
          refs={refs}
          onClose={() => setDraft(null)}
          onSaved={() => {
            setDraft(null);
            changed();
          }}
        />
      ) : null}
    </Stack>
  );
}

function draftOf(a: Assignment): Draft {
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

function TeachersTable({ rows, initial, onEdit, onChanged }: { rows: TeacherWorkload[]; initial?: string; onEdit: (a: Assignment) => void; onChanged: () => void }) {
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
                                      await call('assignments.remove', { id: a.id });
                                      onChanged();
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

function CoverageView({ rows, initial, busy, onFill }: { rows: ClassCoverage[]; initial?: string; busy: boolean; onFill: (classId: string) => void }) {
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

function AssignmentModal({ draft, refs, onClose, onSaved }: { draft: Draft; refs: Refs; onClose: () => void; onSaved: () => void }) {
  const [d, setD] = useState<Draft>(draft);
  /** The hours as typed: −3 stays −3 and is refused with its message, never saved as something else. */
  const [hours, setHours] = useState(numberText(draft.hours));
  const [tried, setTried] = useState(false);
  const [sub, setSub] = useState<ClassSubgroups | null>(null);
  const [groups, setGroups] = useState<StudyGroup[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    call('studyGroups.list').then(setGroups).catch(() => undefined);
  }, []);
  useEffect(() => {
    if (!d.classId) return setSub(null);
    call('subgroups.forClass', { classId: d.classId }).then(setSub).catch(() => setSub(null));
  }, [d.classId]);
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
    setBusy(true);
    setError(null);
    try {
      await call('assignments.save', {
        id: d.id ?? null,
        teacherId: d.teacherId ?? '',
        subjectId: d.target === 'class' ? d.subjectId : null,
        classId: d.target === 'class' ? d.classId : null,
        subgroupId: d.target === 'subgroup' ? d.subgroupId : null,
        studyGroupId: d.target === 'group' ? d.studyGroupId : null,
        hoursPerWeek: h.value,
      });
      notifyOk('Нагрузка сохранена');
      onSaved();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
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
