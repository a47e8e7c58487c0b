import { useCallback, useEffect, useMemo, useState, type DragEvent, type KeyboardEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Kbd,
  Loader,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowsSplit, IconFileTypePdf, IconGripVertical, IconUserPlus, IconWand, IconX } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import type { ClassSubgroups, ClassSubjectDivision, Division, PendingPlacement, SplitBy, Subgroup } from '../../../electron/api/types';
import { call, saveFile } from '../api';
import { ReadOnlyScope, useReadOnly } from '../app/access';
import { gradeOfName, useOwnParallels } from '../app/parallels';
import { go } from '../app/useHashRoute';
import { PageHeader } from '../components/PageHeader';
import { ErrorAlert } from '../components/ErrorAlert';
import { useConfirm } from '../components/Confirm';
import { notifyError, notifyOk } from '../lib/notify';
import { GENDER_SHORT } from '../lib/labels';
import { PDF, METHOD_LABELS, SPLIT_OPTIONS, groupsChanged, teacherOptions, useRefs, type Refs } from './shared';
import { RuleCard } from './RuleCard';
import { NumberField } from '../components/NumberField';
import { checkNumber, PARTS, type NumberRule } from '../lib/checks';
import { fieldError, problemsOf } from '../lib/errors';

const SPLIT_PARTS: NumberRule = { min: 2, max: 10, step: 1, unit: PARTS };
import { countOf } from '../lib/dates';

export function SubgroupsPage({ classId }: { classId?: string }) {
  const refs = useRefs();
  const ro = useReadOnly();
  const own = useOwnParallels();
  const [tab, setTab] = useState<string | null>('classes');
  // Once opened, the rule's card stays mounted: its unsaved edits survive a look at the other tab.
  const [ruleOpened, setRuleOpened] = useState(false);
  const [busyAll, setBusyAll] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  const classOptions = refs.classes.map((c) => ({ value: c.id, label: `${c.name} (${c.studentCount})` }));
  const splitAll = async () => {
    setBusyAll(true);
    try {
      const r = await call('subgroups.splitAllEligible', { replace: false });
      notifications.show({
        color: 'teal',
        title: 'Классы разделены по правилу',
        message: `Разделено: ${r.divided}, уже были разделены: ${r.kept}, классов затронуто: ${r.classes}`,
        autoClose: 8000,
      });
      setReloadKey((k) => k + 1);
      groupsChanged();
    } catch (e) {
      notifyError(e, 'Не разделено');
    } finally {
      setBusyAll(false);
    }
  };
  return (
    <Stack gap="md">
      <PageHeader
        title="Подгруппы"
        description="Деление классов на подгруппы по предметам: состав, учителя, новые ученики."
        actions={
          ro ? null : (
            <Button leftSection={<IconWand size={16} />} loading={busyAll} onClick={() => void splitAll()} data-testid="split-all">
              {own.grades ? 'Разделить классы своих параллелей по правилу' : 'Разделить все классы по правилу'}
            </Button>
          )
        }
      />
      <PendingPanel key={`p${reloadKey}`} classId={classId} onPlaced={() => setReloadKey((k) => k + 1)} />
      <Tabs
        value={tab}
        onChange={(v) => {
          setTab(v);
          if (v === 'rule') setRuleOpened(true);
        }}
      >
        <Tabs.List>
          <Tabs.Tab value="classes">Подгруппы класса</Tabs.Tab>
          <Tabs.Tab value="rule" data-testid="tab-rule">
            Правило деления
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="classes" pt="md">
          <Stack gap="md">
            <Select
              label="Класс"
              placeholder="Выберите класс"
              searchable
              data={classOptions}
              value={classId ?? null}
              onChange={(v) => go(v ? `/subgroups/${v}` : '/subgroups')}
              maw={320}
              nothingFoundMessage="Нет такого класса"
              data-testid="sg-class"
            />
            {classId ? <ClassView key={`${classId}-${reloadKey}`} classId={classId} refs={refs} /> : <Text c="dimmed">Выберите класс, чтобы увидеть его подгруппы.</Text>}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="rule" pt="md">
          {tab === 'rule' || ruleOpened ? <RuleCard subjects={refs.subjects} /> : null}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function ClassView({ classId, refs }: { classId: string; refs: Refs }) {
  const ro = useReadOnly();
  const own = useOwnParallels();
  const [data, setData] = useState<ClassSubgroups | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    call('subgroups.forClass', { classId })
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch(setError);
  }, [classId]);
  useEffect(load, [load]);
  if (error) return <ErrorAlert error={error} title="Не загружено" />;
  if (!data) return <Loader size="sm" />;
  const setDivision = (subjectId: string, d: Division | null) =>
    setData((prev) => (prev ? { ...prev, subjects: prev.subjects.map((s) => (s.subjectId === subjectId ? { ...s, division: d } : s)) } : prev));
  const divided = data.subjects.filter((s) => s.division);
  // R8: a deputy director sees another parallel's class read-only (the core refuses its changes).
  const foreign = !own.mine(gradeOfName(data.className));
  return (
    <ReadOnlyScope readOnly={ro || foreign}>
      <Stack gap="md" data-testid="class-subgroups">
        {foreign && !ro ? (
          <Alert color="gray" variant="light" data-testid="class-foreign">
            {own.reason(data.className)}: подгруппы класса показаны только для просмотра.
          </Alert>
        ) : null}
        <Text size="sm" c="dimmed">
          {data.className}: {countOf(data.studentCount, 'ученик', 'ученика', 'учеников')}, разделено предметов: {divided.length} из {data.subjects.length}
        </Text>
        {data.subjects.map((s) => (
          <SubjectCard key={s.subjectId} classId={classId} item={s} all={data.subjects} refs={refs} onDivision={(d) => setDivision(s.subjectId, d)} reload={load} />
        ))}
      </Stack>
    </ReadOnlyScope>
  );
}

function SubjectCard({
  classId,
  item,
  all,
  refs,
  onDivision,
  reload,
}: {
  classId: string;
  item: ClassSubjectDivision;
  all: ClassSubjectDivision[];
  refs: Refs;
  onDivision: (d: Division | null) => void;
  reload: () => void;
}) {
  const ro = useReadOnly();
  const [splitOpen, setSplitOpen] = useState(false);
  const [ask, confirmModal] = useConfirm();
  const [pdfBusy, setPdfBusy] = useState(false);
  const d = item.division;
  const slug = item.subjectName;

  const move = async (studentId: string, to: Subgroup) => {
    if (!d) return;
    const from = d.subgroups.find((g) => g.members.some((m) => m.id === studentId));
    if (from?.id === to.id) return;
    try {
      const next = await call('subgroups.move', { studentId, subgroupId: to.id });
      onDivision(next);
      const name = from?.members.find((m) => m.id === studentId)?.fullName ?? 'Ученик';
      notifyOk(`${name} → ${to.name}`, `${item.subjectName}: ученик перемещён`);
      groupsChanged();
    } catch (e) {
      notifyError(e, 'Не перемещено');
    }
  };

  const pdf = async () => {
    setPdfBusy(true);
    try {
      const f = await call('reports.subgroupListsPdf', { classId, subjectId: item.subjectId });
      await saveFile(f.fileName, f.id, PDF);
      notifyOk('Списки подгрупп сохранены', f.fileName);
    } catch (e) {
      notifyError(e, 'PDF не создан');
    } finally {
      setPdfBusy(false);
    }
  };

  return (
    <Paper p="md" withBorder data-testid={`subject-${slug}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={4} fz={17}>
              {item.subjectName}
            </Title>
            <Text size="sm" c="dimmed">
              {item.hoursPerWeek} ч/нед
            </Text>
            {d ? (
              <Badge variant="light" color="blue" data-testid="division-badge">
                {countOf(d.subgroups.length, 'подгруппа', 'подгруппы', 'подгрупп')}, {METHOD_LABELS[d.method] ?? d.method}
              </Badge>
            ) : (
              <Badge variant="light" color="gray" data-testid="division-badge">
                не делится
              </Badge>
            )}
            {!d && item.rule ? (
              <Badge variant="outline" color="orange">
                по правилу: на {item.rule.parts}
              </Badge>
            ) : null}
          </Group>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          {ro ? null : (
            <Button size="xs" variant="default" leftSection={<IconArrowsSplit size={14} />} onClick={() => setSplitOpen(true)} data-testid="split-open">
              Разделить…
            </Button>
          )}
          {d && !ro ? (
            <Button
              size="xs"
              variant="default"
              color="red"
              leftSection={<IconX size={14} />}
              data-testid="undivide"
              onClick={() =>
                ask({
                  title: 'Не делить',
                  message: `Отменить деление класса по предмету «${item.subjectName}»? Подгруппы будут удалены, учитель первой подгруппы будет вести весь класс.`,
                  confirmLabel: 'Не делить',
                  color: 'red',
                  errorTitle: 'Не выполнено',
                  run: async () => {
                    await call('subgroups.remove', { classId, subjectId: item.subjectId });
                    onDivision(null);
                    groupsChanged();
                    notifyOk(`${item.subjectName}: класс больше не делится`);
                  },
                })
              }
            >
              Не делить
            </Button>
          ) : null}
          {d ? (
            <Button size="xs" variant="default" leftSection={<IconFileTypePdf size={14} color="var(--mantine-color-red-7)" />} loading={pdfBusy} onClick={() => void pdf()} data-testid="subgroup-pdf">
              Списки подгрупп (PDF)
            </Button>
          ) : null}
        </Group>
      </Group>
      {d ? (
        <>
          {d.unplaced.length ? (
            <Alert color="orange" variant="light" mt="sm" p="xs">
              Без подгруппы: {d.unplaced.map((u) => u.fullName).join(', ')} — см. панель «Новые ученики без подгруппы».
            </Alert>
          ) : null}
          <SimpleGrid cols={Math.min(d.subgroups.length, 4)} mt="md" spacing="md">
            {d.subgroups.map((g, gi) => (
              <SubgroupColumn key={g.id} g={g} index={gi} d={d} refs={refs} subjectName={item.subjectName} onMove={move} onDivision={onDivision} />
            ))}
          </SimpleGrid>
          {ro ? null : (
            <Text size="xs" c="dimmed" mt="xs">
              Перетащите ученика в другую подгруппу или выберите карточку и нажмите цифру подгруппы (1, 2…) либо ← / →.
            </Text>
          )}
        </>
      ) : null}
      {splitOpen ? (
      <SplitModal
        opened={splitOpen}
        onClose={() => setSplitOpen(false)}
        classId={classId}
        item={item}
        others={all.filter((s) => s.division && s.subjectId !== item.subjectId)}
        onDone={(next) => {
          onDivision(next);
          setSplitOpen(false);
          groupsChanged();
          reload();
        }}
      />
      ) : null}
      {confirmModal}
    </Paper>
  );
}

function SubgroupColumn({
  g,
  index,
  d,
  refs,
  subjectName,
  onMove,
  onDivision,
}: {
  g: Subgroup;
  index: number;
  d: Division;
  refs: Refs;
  subjectName: string;
  onMove: (studentId: string, to: Subgroup) => Promise<void>;
  onDivision: (d: Division) => void;
}) {
  const ro = useReadOnly();
  const [over, setOver] = useState(false);
  const options = useMemo(() => teacherOptions(refs.staff, subjectName), [refs.staff, subjectName]);
  const setTeacher = async (teacherId: string | null) => {
    try {
      const next = await call('subgroups.setTeacher', { subgroupId: g.id, teacherId });
      onDivision(next);
      groupsChanged();
      notifyOk(teacherId ? `Учитель подгруппы «${g.name}» назначен` : `Учитель подгруппы «${g.name}» снят`);
    } catch (e) {
      notifyError(e, 'Учитель не назначен');
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const id = e.dataTransfer.getData('text/plain');
    if (id) void onMove(id, g);
  };
  const onKey = (e: KeyboardEvent, studentId: string) => {
    if (ro) return;
    let target: Subgroup | undefined;
    if (/^[1-9]$/.test(e.key)) target = d.subgroups[Number(e.key) - 1];
    else if (e.key === 'ArrowRight') target = d.subgroups[index + 1];
    else if (e.key === 'ArrowLeft') target = d.subgroups[index - 1];
    if (!target) return;
    e.preventDefault();
    const t = target;
    void onMove(studentId, t).then(() => {
      // Keep the focus on the moved card in its new column.
      setTimeout(() => document.querySelector<HTMLElement>(`[data-student-card="${d.id}:${studentId}"]`)?.focus(), 50);
    });
  };
  return (
    <Paper
      p="sm"
      radius="md"
      bg={over ? 'blue.0' : 'gray.0'}
      style={{ border: `1px ${over ? 'dashed var(--mantine-color-blue-5)' : 'solid var(--mantine-color-gray-3)'}` }}
      onDragOver={(e) => {
        if (ro) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid={`subgroup-col-${g.number}`}
    >
      <Group justify="space-between" mb={6}>
        <Group gap={6}>
          {ro ? null : (
            <Kbd size="xs" title={`Клавиша ${index + 1} переносит выбранного ученика сюда`}>
              {index + 1}
            </Kbd>
          )}
          <Text fw={600}>{g.name}</Text>
        </Group>
        <Badge variant="filled" color={g.members.length ? 'blue' : 'red'} data-testid="subgroup-size">
          {g.members.length}
        </Badge>
      </Group>
      <Select
        size="xs"
        placeholder="Учитель не назначен"
        data={options}
        value={g.teacherId}
        searchable
        clearable
        readOnly={ro}
        error={g.teachers.length === 0 ? 'Нет учителя' : undefined}
        onChange={(v) => void setTeacher(v)}
        mb="xs"
        data-testid="subgroup-teacher"
        aria-label={`Учитель: ${g.name}`}
      />
      {g.teachers.length > 1 ? (
        <Text size="xs" c="dimmed" mb={4}>
          {g.teachers.map((t) => `${t.fullName} (${t.hours} ч)`).join(', ')}
        </Text>
      ) : null}
      <Stack gap={4} mih={40}>
        {g.members.map((m) => (
          <Paper
            key={m.id}
            px={8}
            py={4}
            radius="sm"
            withBorder
            tabIndex={0}
            draggable={!ro}
            onDragStart={(e) => {
              e.dataTransfer.setData('text/plain', m.id);
              e.dataTransfer.effectAllowed = 'move';
            }}
            onKeyDown={(e) => onKey(e, m.id)}
            style={{ cursor: ro ? 'default' : 'grab', display: 'flex', alignItems: 'center', gap: 6 }}
            data-testid="student-card"
            data-student-id={m.id}
            data-student-card={`${d.id}:${m.id}`}
            aria-label={`${m.fullName}, ${g.name}`}
          >
            {ro ? null : <IconGripVertical size={14} color="var(--mantine-color-gray-5)" />}
            <Text size="sm" style={{ flex: 1 }}>
              {m.fullName}
            </Text>
            {m.gender ? (
              <Text size="xs" c="dimmed">
                {GENDER_SHORT[m.gender]}
              </Text>
            ) : null}
          </Paper>
        ))}
      </Stack>
    </Paper>
  );
}

function SplitModal({
  opened,
  onClose,
  classId,
  item,
  others,
  onDone,
}: {
  opened: boolean;
  onClose: () => void;
  classId: string;
  item: ClassSubjectDivision;
  others: ClassSubjectDivision[];
  onDone: (d: Division) => void;
}) {
  /** As typed: refused with its message when not 2–10, never replaced by another number. */
  const [parts, setParts] = useState(String(item.rule?.parts ?? 2));
  const [by, setBy] = useState<SplitBy>(item.rule?.by ?? 'balanced');
  const [copyFrom, setCopyFrom] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const partsCheck = checkNumber(parts, SPLIT_PARTS);
  const run = async () => {
    const n = by === 'gender' || by === 'copy' ? 2 : partsCheck.ok ? partsCheck.value : null;
    if (n === null) return;
    setBusy(true);
    setError(null);
    try {
      const d = await call('subgroups.split', { classId, subjectId: item.subjectId, parts: n, by, copyFromSubjectId: by === 'copy' ? copyFrom : null });
      notifyOk(`${item.subjectName}: ${d.subgroups.map((g) => `${g.name} — ${g.members.length}`).join(', ')}`, 'Класс разделён');
      onDone(d);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`Разделить: ${item.subjectName}`} data-testid="split-modal">
      <Stack gap="sm">
        {item.division ? <Alert color="orange" variant="light">Класс уже разделён по этому предмету: состав подгрупп будет составлен заново.</Alert> : null}
        <Text size="sm" fw={500}>
          Способ
        </Text>
        <SegmentedControl
          orientation="vertical"
          fullWidth
          value={by}
          onChange={(v) => setBy(v as SplitBy)}
          data={SPLIT_OPTIONS.map((o) => ({ ...o, disabled: o.value === 'copy' && others.length === 0 }))}
          data-testid="split-method"
        />
        {by === 'copy' ? (
          <Select label="Как в предмете" data={others.map((o) => ({ value: o.subjectId, label: o.subjectName }))} value={copyFrom} onChange={setCopyFrom} data-testid="split-copy-from" />
        ) : null}
        {by !== 'gender' && by !== 'copy' ? (
          <NumberField label="Подгрупп" description="От 2 до 10" rule={SPLIT_PARTS} value={parts} onChange={setParts} error={fieldError(problemsOf(error), 'parts')} data-testid="split-parts" />
        ) : null}
        <ErrorAlert error={error} title="Не разделено" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Отмена
          </Button>
          <Button loading={busy} onClick={() => void run()} disabled={(by === 'copy' && !copyFrom) || (by !== 'gender' && by !== 'copy' && !partsCheck.ok)} data-testid="split-run">
            Разделить
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PendingPanel({ classId, onPlaced }: { classId?: string; onPlaced: () => void }) {
  const ro = useReadOnly();
  const own = useOwnParallels();
  const [rows, setRows] = useState<PendingPlacement[] | null>(null);
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    call('subgroups.pending', {})
      .then(setRows)
      .catch(() => setRows([]));
  }, []);
  useEffect(load, [load, classId]);
  if (!rows || rows.length === 0) return null;
  const key = (p: PendingPlacement) => `${p.studentId}:${p.divisionId}`;
  const place = async (p: PendingPlacement) => {
    try {
      const to = choice[key(p)] ?? p.suggestedSubgroupId;
      await call('subgroups.place', { studentId: p.studentId, subgroupId: to });
      notifyOk(`${p.studentName} → ${p.subgroups.find((g) => g.id === to)?.name ?? ''} (${p.subjectName})`, 'Ученик помещён в подгруппу');
      load();
      onPlaced();
      groupsChanged();
    } catch (e) {
      notifyError(e, 'Не помещено');
    }
  };
  const placeAll = async () => {
    setBusy(true);
    try {
      const r = await call('subgroups.placeSuggested', {});
      notifyOk(`Помещено: ${r.placed}`, 'Новые ученики распределены');
      load();
      onPlaced();
      groupsChanged();
    } catch (e) {
      notifyError(e, 'Не помещено');
    } finally {
      setBusy(false);
    }
  };
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
