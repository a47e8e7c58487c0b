// «Расписание» (issue 11 point 2; R8): the timetable editor. The version by date, four views (a
// class, a teacher, a room, the whole school), the cards still to place, placing by drag and drop,
// by click or by keyboard, each edit checked by the core before it lands (a clash is refused with
// its reason on the cell), undo/redo of the session's edits, the warnings and clashes, the
// teachers' busy times, the rules, the generator. A deputy changes only their parallels' cards.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Group, Kbd, Loader, Menu, SegmentedControl, Select, Stack, Text, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAdjustments, IconArrowBackUp, IconArrowForwardUp, IconCalendarPlus, IconCalendarTime, IconDots, IconListCheck, IconTrash, IconWand } from '@tabler/icons-react';
import { call } from '../api';
import { useReadOnly } from '../app/access';
import { useOwnParallels } from '../app/parallels';
import { PageHeader } from '../components/PageHeader';
import { ErrorAlert } from '../components/ErrorAlert';
import { useConfirmDelete } from '../components/ConfirmDelete';
import { useOp } from '../data/useOp';
import { useAction } from '../data/useAction';
import { ruDate, todayIso } from '../lib/dates';
import type { SlotVerdict, TimetableBoard, TimetableCard, TimetableVersion } from '../../../electron/api/timetable';
import { TimetableGrid, type Cursor } from './TimetableGrid';
import { SidePanel, type Filters } from './SidePanel';
import { VersionModal } from './VersionModal';
import { BusyTimesModal } from './BusyTimesModal';
import { RulesModal } from './RulesModal';
import { GenerateModal } from './GenerateModal';
import { useEdits } from './useEdits';
import { boardRowKey, indexCards, layoutOf, lessonsByShift, placeOf, type Cell, type ViewKind } from './model';

const VIEWS: { value: ViewKind; label: string }[] = [
  { value: 'class', label: 'Класс' },
  { value: 'teacher', label: 'Учитель' },
  { value: 'room', label: 'Кабинет' },
  { value: 'board', label: 'Вся школа' },
];

/** The version in force today, else the latest. */
function currentVersion(list: TimetableVersion[]): TimetableVersion | null {
  const today = todayIso();
  return list.find((v) => v.validFrom <= today && (!v.validTo || today <= v.validTo)) ?? list.at(-1) ?? null;
}

function versionLabel(v: TimetableVersion): string {
  return `${v.name} · с ${ruDate(v.validFrom)}${v.validTo ? ` по ${ruDate(v.validTo)}` : ''}`;
}

export function TimetablePage({ initialVersion }: { initialVersion?: string }) {
  const ro = useReadOnly();
  const own = useOwnParallels();
  const yearsQ = useOp('years.list');
  const year = yearsQ.data ? (yearsQ.data.find((y) => y.isCurrent) ?? yearsQ.data[0] ?? null) : null;
  const versionsQ = useOp('timetable.versions', { yearId: year?.id ?? null }, { enabled: !!year });
  const versions = useMemo(() => [...(versionsQ.data ?? [])].sort((a, b) => a.validFrom.localeCompare(b.validFrom)), [versionsQ.data]);
  const [versionId, setVersionId] = useState<string | null>(initialVersion ?? null);
  const version = versions.find((v) => v.id === versionId) ?? null;
  useEffect(() => {
    if (versionsQ.data && !versions.some((v) => v.id === versionId)) setVersionId(currentVersion(versions)?.id ?? null);
  }, [versionsQ.data, versions, versionId]);

  const [modal, setModal] = useState<'version' | 'busy' | 'rules' | 'generate' | null>(null);
  const [askDelete, deleteModal] = useConfirmDelete();
  const makeCards = useAction((id: string) => call('timetable.makeCards', { timetableId: id }), {
    notify: 'Уроки не созданы',
    onSuccess: (r) =>
      void notifications.show({
        color: r.extraPlaced.length ? 'orange' : 'teal',
        title: 'Уроки по тарификации',
        message: `Добавлено: ${r.added}, убрано: ${r.removed}.${r.extraPlaced.length ? ` Поставлены, но лишние по тарификации: ${r.extraPlaced.slice(0, 5).join('; ')}${r.extraPlaced.length > 5 ? '…' : ''}` : ''}`,
        autoClose: 9000,
      }),
  });
  const boardQ = useOp('timetable.board', { timetableId: versionId ?? '' }, { enabled: !!versionId });
  const board = boardQ.data && boardQ.data.version.id === versionId ? boardQ.data : null;

  return (
    <Stack gap="sm">
      <PageHeader
        title="Расписание"
        actions={
          <>
            <Select
              w={330}
              placeholder={versionsQ.data ? 'Версий расписания нет' : 'Загрузка…'}
              data={versions.map((v) => ({ value: v.id, label: versionLabel(v) }))}
              value={versionId}
              onChange={(v) => v && setVersionId(v)}
              allowDeselect={false}
              aria-label="Версия расписания"
              data-testid="tt-version"
            />
            {ro || !year ? null : (
              <>
                <Tooltip label="Новая версия с даты (копия текущей)">
                  <Button variant="default" leftSection={<IconCalendarPlus size={16} />} onClick={() => setModal('version')} data-testid="tt-version-new">
                    Новая версия
                  </Button>
                </Tooltip>
              </>
            )}
            {version && board ? (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon variant="default" size="lg" aria-label="Ещё" data-testid="tt-more">
                    <IconDots size={18} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  {ro ? null : (
                    <Menu.Item leftSection={<IconListCheck size={16} />} onClick={() => void makeCards.run(version.id)} disabled={makeCards.busy} data-testid="tt-make-cards">
                      Создать уроки по тарификации
                    </Menu.Item>
                  )}
                  <Menu.Item leftSection={<IconCalendarTime size={16} />} onClick={() => setModal('busy')} data-testid="tt-open-busy">
                    Занятость учителей
                  </Menu.Item>
                  <Menu.Item leftSection={<IconAdjustments size={16} />} onClick={() => setModal('rules')} data-testid="tt-open-rules">
                    Нормы и правила
                  </Menu.Item>
                  {ro || own.grades ? null : (
                    <Menu.Item
                      color="red"
                      leftSection={<IconTrash size={16} />}
                      onClick={() => askDelete(`версию расписания «${version.name}»`, async () => void (await call('timetable.removeVersion', { id: version.id })))}
                    >
                      Удалить версию
                    </Menu.Item>
                  )}
                </Menu.Dropdown>
              </Menu>
            ) : null}
          </>
        }
      />
      <ErrorAlert error={yearsQ.error ?? versionsQ.error ?? boardQ.error} title="Не загружено" />
      {yearsQ.data && !year ? <Text c="dimmed">Сначала создайте учебный год (Настройка → Учебный год).</Text> : null}
      {versionsQ.data && !versions.length ? (
        <Alert color="blue" variant="light" title="Расписания ещё нет" data-testid="tt-no-versions">
          Создайте версию расписания с даты, с которой оно действует, затем — уроки по тарификации.
        </Alert>
      ) : null}
      {version && !board && !boardQ.error ? <Loader size="sm" /> : null}
      {board ? <Editor key={board.version.id} board={board} readOnly={ro} onGenerate={() => setModal('generate')} onMakeCards={() => void makeCards.run(board.version.id)} /> : null}
      {modal === 'version' && year ? (
        <VersionModal
          yearId={year.id}
          copyFrom={version}
          onClose={() => setModal(null)}
          onSaved={(v) => {
            setModal(null);
            setVersionId(v.id);
          }}
        />
      ) : null}
      {modal === 'busy' && board ? <BusyTimesModal board={board} readOnly={ro} initialTeacher={null} onClose={() => setModal(null)} /> : null}
      {modal === 'rules' && board ? <RulesModal board={board} readOnly={ro} onClose={() => setModal(null)} /> : null}
      {modal === 'generate' && board ? <GenerateModal board={board} onClose={() => setModal(null)} /> : null}
      {deleteModal}
    </Stack>
  );
}

function Editor({ board, readOnly, onGenerate, onMakeCards }: { board: TimetableBoard; readOnly: boolean; onGenerate: () => void; onMakeCards: () => void }) {
  const own = useOwnParallels();
  const [view, setView] = useState<ViewKind>('class');
  const firstClass = board.classes.find((c) => own.mine(c.grade)) ?? board.classes[0];
  const [classId, setClassId] = useState<string | null>(firstClass?.id ?? null);
  const [teacherId, setTeacherId] = useState<string | null>(board.teachers[0]?.id ?? null);
  const [roomId, setRoomId] = useState<string | null>(board.rooms[0]?.id ?? null);
  const entityId = view === 'class' ? classId : view === 'teacher' ? teacherId : view === 'room' ? roomId : null;
  const entityShift = view === 'class' ? (board.classes.find((c) => c.id === classId)?.shift ?? null) : null;
  const layout = useMemo(() => layoutOf(board, view, entityShift), [board, view, entityShift]);
  const bySh = useMemo(() => lessonsByShift(board), [board]);
  const index = useMemo(() => indexCards(board.cards), [board.cards]);
  const [cursor, setCursor] = useState<Cursor>({ r: 0, c: 0 });
  const [pickedId, setPickedId] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [highlight, setHighlight] = useState<Set<string> | null>(null);
  const [filters, setFilters] = useState<Filters>({ classId: firstClass?.id ?? null, teacherId: null, subjectId: null, search: '' });
  const picked = pickedId ? (index.byId.get(pickedId) ?? null) : null;
  const selected = selectedId ? (index.byId.get(selectedId) ?? null) : null;
  const edits = useEdits(board.version.id, (id) => index.byId.get(id));

  const slotsQ = useOp('timetable.slotsFor', { cardId: pickedId ?? '' }, { enabled: !!pickedId });
  const verdicts = useMemo(() => {
    if (!pickedId || !slotsQ.data) return null;
    return new Map<string, SlotVerdict>(slotsQ.data.map((v) => [`${v.weekday}|${v.lessonNo}`, v]));
  }, [slotsQ.data, pickedId]);

  // The cursor starts again in the first cell of another view or class.
  useEffect(() => setCursor({ r: 0, c: 0 }), [view, entityId]);
  // The panel follows the view: a class's or a teacher's cards.
  useEffect(() => {
    if (view === 'class') setFilters((f) => ({ ...f, classId, teacherId: null }));
    if (view === 'teacher') setFilters((f) => ({ ...f, teacherId, classId: null }));
  }, [view, classId, teacherId]);

  const pick = useCallback(
    (card: TimetableCard | null) => {
      setPickedId(card?.id ?? null);
      edits.clearRefused();
      if (card && view === 'board') {
        // The board: the taken card moves along its class's row.
        const r = layout.rows.findIndex((row) => row.key === boardRowKey(card));
        if (r >= 0) setCursor((c) => ({ ...c, r }));
      }
    },
    [view, layout, edits],
  );
  const place = async (card: TimetableCard, cell: Cell) => {
    if (!cell.exists) return;
    const ok = await edits.edit(card, { ...placeOf(card), weekday: cell.weekday, lessonNo: cell.lessonNo });
    if (ok) setPickedId(null);
  };
  const unplace = async (card: TimetableCard) => {
    const ok = await edits.edit(card, { ...placeOf(card), weekday: null, lessonNo: null });
    if (ok) setPickedId(null);
  };

  useHotkeys([
    ['mod+Z', () => void edits.undo()],
    ['mod+Y', () => void edits.redo()],
    ['mod+shift+Z', () => void edits.redo()],
  ]);

  const entitySelect =
    view === 'class' ? (
      <Select w={130} searchable data={board.classes.map((c) => ({ value: c.id, label: c.name }))} value={classId} onChange={setClassId} aria-label="Класс" data-testid="tt-entity" />
    ) : view === 'teacher' ? (
      <Select w={240} searchable data={board.teachers.map((t) => ({ value: t.id, label: t.name }))} value={teacherId} onChange={setTeacherId} aria-label="Учитель" data-testid="tt-entity" />
    ) : view === 'room' ? (
      <Select w={150} searchable data={board.rooms.map((r) => ({ value: r.id, label: `каб. ${r.number}` }))} value={roomId} onChange={setRoomId} aria-label="Кабинет" data-testid="tt-entity" />
    ) : null;

  const onShow = (w: { classId: string | null; teacherId: string | null; cardIds: string[] }) => {
    if (w.classId) {
      setView('class');
      setClassId(w.classId);
    } else if (w.teacherId) {
      setView('teacher');
      setTeacherId(w.teacherId);
    }
    setHighlight(new Set(w.cardIds));
  };

  const placed = board.cards.filter((c) => c.weekday !== null).length;
  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="nowrap">
        <SegmentedControl size="sm" value={view} onChange={(v) => setView(v as ViewKind)} data={VIEWS} data-testid="tt-view" />
        {entitySelect}
        <Group gap={4} wrap="nowrap">
          <Tooltip label={edits.undoLabel ? `Отменить: ${edits.undoLabel} (Ctrl+Z)` : 'Нечего отменять'}>
            <ActionIcon variant="default" size="lg" disabled={!edits.canUndo || edits.busy} onClick={() => void edits.undo()} aria-label="Отменить" data-testid="tt-undo">
              <IconArrowBackUp size={18} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={edits.redoLabel ? `Вернуть: ${edits.redoLabel} (Ctrl+Y)` : 'Нечего возвращать'}>
            <ActionIcon variant="default" size="lg" disabled={!edits.canRedo || edits.busy} onClick={() => void edits.redo()} aria-label="Вернуть" data-testid="tt-redo">
              <IconArrowForwardUp size={18} />
            </ActionIcon>
          </Tooltip>
        </Group>
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="tt-progress">
          Поставлено {placed} из {board.cards.length}
        </Text>
        {highlight ? (
          <Badge variant="light" color="orange" style={{ cursor: 'pointer' }} onClick={() => setHighlight(null)} rightSection="×">
            подсвечено
          </Badge>
        ) : null}
        {readOnly ? null : (
          <Button ml="auto" leftSection={<IconWand size={16} />} onClick={onGenerate} disabled={!board.cards.length} data-testid="tt-generate">
            Составить расписание
          </Button>
        )}
      </Group>
      {!board.cards.length ? (
        <Alert color="blue" variant="light" title="В версии нет уроков" data-testid="tt-no-cards">
          <Group justify="space-between">
            <Text size="sm">Уроки берутся из тарификации: по одному на каждый час в неделю.</Text>
            {readOnly ? null : (
              <Button size="xs" onClick={onMakeCards}>
                Создать уроки по тарификации
              </Button>
            )}
          </Group>
        </Alert>
      ) : null}
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          {entityId || view === 'board' ? (
            <TimetableGrid
              layout={layout}
              view={view}
              entityId={entityId}
              index={index}
              bySh={bySh}
              cursor={cursor}
              picked={picked}
              verdicts={verdicts}
              refused={edits.refused}
              selectedId={selectedId}
              highlight={highlight}
              readOnly={readOnly}
              onCursor={setCursor}
              onPick={pick}
              onSelect={(c) => setSelectedId(c.id)}
              onPlace={(c, cell) => void place(c, cell)}
              onUnplace={(c) => void unplace(c)}
            />
          ) : (
            <Text c="dimmed">Выберите, чьё расписание показать.</Text>
          )}
          {edits.refused ? (
            <Alert color="red" variant="light" p={6} title="Не поставлено" withCloseButton onClose={edits.clearRefused} data-testid="tt-refused">
              <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                {edits.refused.message}
              </Text>
            </Alert>
          ) : null}
          <Text size="xs" c="dimmed" data-testid="tt-hint">
            {picked ? (
              <>
                Урок взят: <b>{picked.targetName} · {picked.subjectName}</b>. <Kbd size="xs">←↑→↓</Kbd> — куда, <Kbd size="xs">Enter</Kbd> — поставить, <Kbd size="xs">Esc</Kbd> — отмена;
                зелёные клетки свободны, жёлтые — с предупреждением, красные — накладка (причина во всплывающей подсказке).
              </>
            ) : (
              <>
                <Kbd size="xs">←↑→↓</Kbd> — клетка, <Kbd size="xs">Enter</Kbd> — взять урок (или поставить выбранный в списке), <Kbd size="xs">Esc</Kbd> — отмена,{' '}
                <Kbd size="xs">Delete</Kbd> — убрать из расписания, <Kbd size="xs">Ctrl+Z</Kbd>/<Kbd size="xs">Ctrl+Y</Kbd> — отменить/вернуть. Урок можно и перетащить мышью.
              </>
            )}
          </Text>
        </Stack>
        <SidePanel
          board={board}
          filters={filters}
          setFilters={setFilters}
          picked={picked}
          selected={selected}
          readOnly={readOnly}
          busy={edits.busy}
          onPick={pick}
          onSelect={(c) => setSelectedId(c.id)}
          onUnplace={(c) => void unplace(c)}
          onRoom={(c, roomId) => void edits.edit(c, { ...placeOf(c), roomId })}
          onPin={(c, pinned) => void edits.edit(c, { ...placeOf(c), pinned })}
          onShow={onShow}
        />
      </Group>
    </Stack>
  );
}
