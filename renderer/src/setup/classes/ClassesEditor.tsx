import { useImperativeHandle, useMemo, useState } from 'react';
import { useReadOnly } from '../../app/access';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  EmptyState,
  Group,
  Loader,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { LightTooltip } from '../../components/LightTooltip';
import { IconDoor, IconInfoCircle, IconTrash, IconUsersGroup, IconWand } from '@tabler/icons-react';
import { call } from '../../api';
import { useOp } from '../../data/useOp';
import { useAction } from '../../data/useAction';
import { change } from '../../data/change';
import { opKey, queryClient } from '../../data/client';
import { useConfirmDelete } from '../../components/ConfirmDelete';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { GradeSelect } from '../../components/GradeSelect';
import { LazySelect } from '../../components/LazySelect';
import { useProgressive } from '../../components/useProgressive';
import { SearchInput } from '../../components/SearchInput';
import { SortTh, useSort } from '../../components/sort';
import type { EditorProps } from '../../components/stepHandle';
import { countOf } from '../../lib/dates';
import { fieldError, problemsOf } from '../../lib/errors';
import { SHIFT_OPTIONS } from '../../lib/labels';
import { classLettersError } from '../../lib/checks';
import { BulkRoomsModal } from '../rooms/RoomModals';
import { useCurrentYear } from '../currentYear';
import type { Room, SchoolClass, Staff } from '../../../../electron/api/types';

const fold = (s: string) => s.toLowerCase().replace(/ё/g, 'е');
const splitLetters = (t: string) => [...new Set(t.split(/[\s,;]+/).map((x) => x.trim().toUpperCase()).filter(Boolean))];


/** Классы: create parallels in bulk, then give every class its class teacher, room and shift. */
const NO_STAFF: Staff[] = [];
const NO_ROOMS: Room[] = [];

export function ClassesEditor({ handleRef, inWizard }: EditorProps) {
  const { year } = useCurrentYear();
  const classesQ = useOp('classes.list');
  const staffQ = useOp('staff.list', {});
  const roomsQ = useOp('rooms.list');
  const classes = classesQ.data ?? null;
  const staff = staffQ.data ?? NO_STAFF;
  const readOnly = useReadOnly();
  const rooms = roomsQ.data ?? NO_ROOMS;
  const error = classesQ.error ?? staffQ.error ?? roomsQ.error;
  const [from, setFrom] = useState(1);
  const [to, setTo] = useState(11);
  const [letters, setLetters] = useState('А, Б, В');
  const [shift, setShift] = useState('1');
  const [search, setSearch] = useState('');
  const [bulkRooms, setBulkRooms] = useState(false);
  const [ask, confirmModal] = useConfirmDelete();

  useImperativeHandle(handleRef, () => ({ save: async () => true }));

  const createAction = useAction(() => call('classes.createMany', { gradeFrom: from, gradeTo: to, letters: splitLetters(letters), shift: Number(shift) }), {
    success: (r) => ({ title: 'Параллели созданы', message: `Создано ${countOf(r.created, 'класс', 'класса', 'классов')}${r.skipped ? `; уже были: ${r.skipped}` : ''}` }),
  });
  const creating = createAction.busy;
  const createError = createAction.error;
  const create = async () => {
    if (classLettersError(splitLetters(letters))) return;
    await createAction.run();
  };

  // A choice in a row is saved at once: shown at once, put back when the core refuses it.
  const setList = (f: (list: SchoolClass[]) => SchoolClass[]) => queryClient.setQueryData<SchoolClass[]>(opKey('classes.list'), (l) => l && f(l));
  const patching = useAction(
    async (c: SchoolClass, next: SchoolClass) => {
      setList((list) => list.map((x) => (x.id === c.id ? next : x)));
      try {
        const saved = await call('classes.save', { id: c.id, grade: c.grade, letter: c.letter, shift: next.shift, classTeacherId: next.classTeacherId, roomId: next.roomId });
        setList((list) => list.map((x) => (x.id === c.id ? saved : x)));
      } catch (e) {
        setList((list) => list.map((x) => (x.id === c.id ? c : x)));
        throw e;
      }
    },
    { notify: 'Не выполнено' },
  );
  const patch = (c: SchoolClass, change: Partial<Pick<SchoolClass, 'classTeacherId' | 'roomId' | 'shift'>>) => patching.run(c, { ...c, ...change });

  const filtered = useMemo(() => {
    const n = fold(search.trim());
    return (classes ?? []).filter((c) => !n || fold(`${c.name} ${c.classTeacherName ?? ''} ${c.roomNumber ?? ''}`).includes(n));
  }, [classes, search]);
  const { sorted, sort, toggle } = useSort(
    filtered,
    {
      name: (c) => c.grade * 100 + c.letter.charCodeAt(0),
      shift: (c) => c.shift,
      teacher: (c) => c.classTeacherName,
      room: (c) => c.roomNumber,
      students: (c) => c.studentCount,
      hours: (c) => c.weeklyHours,
    },
    { key: 'name', desc: false },
  );
  const rows = useProgressive(sorted); // 200 classes at a big school: the first screens first

  const teacherData = useMemo(() => {
    const busy = new Map<string, string[]>();
    for (const c of classes ?? []) if (c.classTeacherId) busy.set(c.classTeacherId, [...(busy.get(c.classTeacherId) ?? []), c.name]);
    const teachers = [...staff].sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru'));
    const free = teachers.filter((s) => !busy.has(s.id)).map((s) => ({ value: s.id, label: s.fullName }));
    const taken = teachers.filter((s) => busy.has(s.id)).map((s) => ({ value: s.id, label: s.fullName }));
    return {
      busy,
      data: [...(free.length ? [{ group: 'Без класса', items: free }] : []), ...(taken.length ? [{ group: 'Уже классные руководители', items: taken }] : [])],
    };
  }, [staff, classes]);
  const roomData = useMemo(() => rooms.map((r) => ({ value: r.id, label: r.number })), [rooms]);
  const roomName = useMemo(() => new Map(rooms.map((r) => [r.id, r.name])), [rooms]);
  const teacherOption = ({ option }: { option: { value: string; label: string } }) => {
    const cls = teacherData.busy.get(option.value);
    return (
      <Group gap={6} wrap="nowrap" justify="space-between" w="100%">
        <Text size="xs">{option.label}</Text>
        {cls ? (
          <Text size="xs" c="dimmed">
            {cls.join(', ')}
          </Text>
        ) : null}
      </Group>
    );
  };
  const roomOption = ({ option }: { option: { value: string; label: string } }) => (
    <Group gap={6} wrap="nowrap">
      <Text size="xs" fw={600}>
        {option.label}
      </Text>
      {roomName.get(option.value) ? (
        <Text size="xs" c="dimmed">
          {roomName.get(option.value)}
        </Text>
      ) : null}
    </Group>
  );

  if (year === null)
    return (
      <Alert color="yellow" icon={<IconInfoCircle size={18} />} title="Нет учебного года">
        Классы создаются в учебном году. Сначала создайте его: <Anchor href={inWizard ? '#/wizard/2' : '#/setup/year'}>Учебный год</Anchor>.
      </Alert>
    );
  if (!classes) return error ? <ErrorAlert error={error} title="Не удалось загрузить" /> : <Loader size="sm" />;

  const ls = splitLetters(letters);
  const badLetters = classLettersError(ls);
  const count = to >= from && !badLetters ? (to - from + 1) * ls.length : 0;
  const cp = problemsOf(createError);
  const withoutTeacher = classes.filter((c) => !c.classTeacherId).length;

  return (
    <Stack gap="md">
      {readOnly ? null : (
      <Paper p="lg">
        <Title order={4} mb={4}>
          Создать параллели
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          Например, с 1 по 11 класс, литеры А, Б, В — это 33 класса. Уже существующие классы пропускаются.
        </Text>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <Group align="flex-start" gap="sm">
            <GradeSelect label="С класса" value={from} onChange={setFrom} w={100} data-testid="classes-from" />
            <GradeSelect label="По класс" value={to} onChange={setTo} w={100} data-testid="classes-to" error={to < from ? 'Меньше «с»' : undefined} />
            <TextInput
              label="Литеры"
              description={undefined}
              value={letters}
              onChange={(e) => setLetters(e.currentTarget.value)}
              w={180}
              error={badLetters ?? fieldError(cp, 'letters', 'Литера') ?? cp.find((x) => x.column?.startsWith('letters.'))?.message}
              data-testid="classes-letters"
            />
            <Select label="Смена" data={SHIFT_OPTIONS} value={shift} onChange={(v) => v && setShift(v)} w={120} data-testid="classes-shift" />
            <Button type="submit" mt={25} leftSection={<IconWand size={16} />} loading={creating} disabled={count === 0} data-testid="classes-create" style={{ alignSelf: 'flex-start' }}>
              Создать {count ? countOf(count, 'класс', 'класса', 'классов') : ''}
            </Button>
          </Group>
        </form>
        {count > 0 ? (
          <Text size="xs" c="dimmed" mt={6}>
            {Array.from({ length: to - from + 1 }, (_, i) => from + i)
              .flatMap((g) => ls.map((l) => `${g}${l}`))
              .slice(0, 40)
              .join(', ')}
            {count > 40 ? ', …' : ''}
          </Text>
        ) : null}
        {createError ? (
          <div style={{ marginTop: 12 }}>
            <ErrorAlert error={createError} title="Классы не созданы" />
          </div>
        ) : null}
      </Paper>
      )}

      <Group justify="space-between">
        <Group gap="sm">
          <SearchInput value={search} onChange={setSearch} w={inWizard ? 220 : 280} placeholder={inWizard ? 'Класс или учитель' : 'Класс, учитель, кабинет'} data-testid="classes-search" />
          {classes.length ? (
            withoutTeacher ? (
              <Badge color="orange" variant="light" size="lg" data-testid="classes-without-teacher">
                Без классного руководителя: {withoutTeacher}
              </Badge>
            ) : (
              <Badge color="teal" variant="light" size="lg">
                У всех классов есть классный руководитель
              </Badge>
            )
          ) : null}
        </Group>
        <Group gap="xs">
          {readOnly ? null : (
            <Button variant="default" leftSection={<IconDoor size={16} />} onClick={() => setBulkRooms(true)} data-testid="classes-add-rooms">
              Добавить кабинеты
            </Button>
          )}
          {!inWizard ? <ExportButton list="classes" /> : null}
        </Group>
      </Group>

      <Paper p={0}>
        {classes.length === 0 ? (
          <EmptyState py={48} icon={<IconUsersGroup size={28} />} withIndicatorBackground title="Пока нет ни одного класса — создайте параллели выше" />
        ) : (
          <ScrollArea.Autosize mah={inWizard ? 520 : readOnly ? 'calc(100vh - 260px)' : 'calc(100vh - 420px)'} miw={0}>
            <Table layout="fixed" highlightOnHover stickyHeader verticalSpacing={5} data-testid="classes-table">
              <Table.Thead>
                <Table.Tr>
                  <SortTh label="Класс" k="name" sort={sort} onSort={toggle} w={80} />
                  <SortTh label="Смена" k="shift" sort={sort} onSort={toggle} w={110} />
                  <SortTh label="Классный руководитель" k="teacher" sort={sort} onSort={toggle} />
                  <SortTh label="Кабинет" k="room" sort={sort} onSort={toggle} w={inWizard ? 120 : 150} />
                  <SortTh label="Учеников" k="students" sort={sort} onSort={toggle} w={104} />
                  <SortTh label="Ч/нед." k="hours" sort={sort} onSort={toggle} w={100} title="Часов в неделю по учебному плану" style={{ whiteSpace: 'nowrap' }} />
                  {readOnly ? null : <Table.Th w={44} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((c) => (
                  <Table.Tr key={c.id} data-testid={`class-row-${c.name}`}>
                    <Table.Td>
                      <Text fw={700}>{c.name}</Text>
                    </Table.Td>
                    <Table.Td>
                      <LazySelect size="xs" readOnly={readOnly} data={SHIFT_OPTIONS} value={String(c.shift)} onChange={(v) => v && void patch(c, { shift: Number(v) })} aria-label={`Смена ${c.name}`} />
                    </Table.Td>
                    <Table.Td>
                      <LazySelect
                        size="xs"
                        readOnly={readOnly}
                        data={teacherData.data}
                        renderOption={teacherOption}
                        value={c.classTeacherId}
                        onChange={(v) => void patch(c, { classTeacherId: v })}
                        searchable
                        clearable
                        allowDeselect
                        placeholder={staff.length ? 'Не назначен' : 'Нет сотрудников'}
                        nothingFoundMessage="Никого не найдено"
                        error={!c.classTeacherId}
                        aria-label={`Классный руководитель ${c.name}`}
                        data-testid={`class-teacher-${c.name}`}
                        maxDropdownHeight={320}
                      />
                    </Table.Td>
                    <Table.Td>
                      <LazySelect
                        size="xs"
                        readOnly={readOnly}
                        data={roomData}
                        renderOption={roomOption}
                        value={c.roomId}
                        onChange={(v) => void patch(c, { roomId: v })}
                        searchable
                        clearable
                        allowDeselect
                        placeholder={rooms.length ? '—' : 'Нет кабинетов'}
                        nothingFoundMessage="Нет такого кабинета"
                        aria-label={`Кабинет ${c.name}`}
                        data-testid={`class-room-${c.name}`}
                      />
                    </Table.Td>
                    <Table.Td className="tnum">{c.studentCount}</Table.Td>
                    <Table.Td className="tnum">{c.weeklyHours ? String(c.weeklyHours).replace('.', ',') : <Text span c="dimmed" size="sm">—</Text>}</Table.Td>
                    {readOnly ? null : (
                    <Table.Td>
                      <LightTooltip label="Удалить класс">
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label="Удалить класс"
                          onClick={() =>
                            ask(`класс ${c.name}`, async () => {
                              await change('classes.remove', { id: c.id });
                            })
                          }
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </LightTooltip>
                    </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
      </Paper>
      {classes.length ? (
        <Text size="xs" c="dimmed">
          {countOf(classes.length, 'класс', 'класса', 'классов')}, учеников: {classes.reduce((n, c) => n + c.studentCount, 0)}.{readOnly ? '' : ' Изменения в таблице сохраняются сразу.'}
        </Text>
      ) : null}
      <BulkRoomsModal
        opened={bulkRooms}
        existing={rooms.map((r) => r.number)}
        onClose={() => setBulkRooms(false)}
        onSaved={() => setBulkRooms(false)}
      />
      {confirmModal}
    </Stack>
  );
}
