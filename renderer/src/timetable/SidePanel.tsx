// The editor's side panel: the cards still to place (filters, search; drag from here, or a click
// and then a cell; a card dragged back here leaves the timetable), the chosen card (room, pin), the
// warnings counted by kind and the clashes (issue 11 point 2).
import { useMemo, useState, type DragEvent } from 'react';
import { Badge, Button, Group, ScrollArea, Select, Stack, Switch, Tabs, Text, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconPinned, IconTrash } from '@tabler/icons-react';
import type { TimetableBoard, TimetableCard, TimetableWarning, WarningKind } from '../../../electron/api/timetable';
import { weekParities } from '../../../electron/api/enums';
import { ruFold } from '../../../electron/api/text';
import { SearchInput } from '../components/SearchInput';
import { CARD_MIME } from './TimetableGrid';
import { cardName, slotName, WARNING_LABELS } from './model';
import classes from './Timetable.module.css';

/** The panel shows this many cards; a longer list asks for a filter. */
const SHOWN = 150;

export interface Filters {
  classId: string | null;
  teacherId: string | null;
  subjectId: string | null;
  search: string;
}

export interface SidePanelProps {
  board: TimetableBoard;
  filters: Filters;
  setFilters: (f: Filters) => void;
  picked: TimetableCard | null;
  selected: TimetableCard | null;
  readOnly: boolean;
  busy: boolean;
  onPick: (card: TimetableCard | null) => void;
  onSelect: (card: TimetableCard) => void;
  onUnplace: (card: TimetableCard) => void;
  onRoom: (card: TimetableCard, roomId: string | null) => void;
  onPin: (card: TimetableCard, pinned: boolean) => void;
  /** A warning or a clash clicked: show its class or teacher, its cards lit. */
  onShow: (w: { classId: string | null; teacherId: string | null; cardIds: string[] }) => void;
}

export function SidePanel(p: SidePanelProps) {
  const { board, filters, setFilters } = p;
  const [tab, setTab] = useState<string | null>('cards');
  const [over, setOver] = useState(false);
  const unplaced = useMemo(() => board.cards.filter((c) => c.weekday === null), [board.cards]);
  const shown = useMemo(() => {
    const q = ruFold(filters.search.trim());
    return unplaced.filter(
      (c) =>
        (!filters.classId || c.classId === filters.classId) &&
        (!filters.teacherId || c.teacherId === filters.teacherId) &&
        (!filters.subjectId || c.subjectId === filters.subjectId) &&
        (!q || ruFold(cardName(c)).includes(q)),
    );
  }, [unplaced, filters]);
  const subjects = useMemo(() => {
    const m = new Map<string, string>();
    for (const c of board.cards) m.set(c.subjectId, c.subjectName);
    return [...m].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'ru'));
  }, [board.cards]);
  const check = board.check;
  const warnCount = check.warnings.length;

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    const id = e.dataTransfer.getData(CARD_MIME);
    const card = board.cards.find((c) => c.id === id);
    if (card && card.weekday !== null) p.onUnplace(card);
  };
  const startDrag = (e: DragEvent<HTMLButtonElement>, card: TimetableCard) => {
    if (!card.editable || p.readOnly) return e.preventDefault();
    e.dataTransfer.setData(CARD_MIME, card.id);
    e.dataTransfer.setData('text/plain', card.id);
    e.dataTransfer.effectAllowed = 'move';
    p.onSelect(card);
    p.onPick(card);
  };

  return (
    <Stack gap="xs" w={300} style={{ flex: 'none' }} data-testid="tt-panel">
      {p.selected ? <SelectedCard {...p} card={p.selected} /> : null}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List grow>
          <Tabs.Tab value="cards" data-testid="tt-tab-cards" px={4} fz={13} title="Уроки, которые ещё не поставлены">
            Уроки <Badge size="xs" variant="light" ml={2}>{unplaced.length}</Badge>
          </Tabs.Tab>
          <Tabs.Tab value="warnings" data-testid="tt-tab-warnings" px={4} fz={13} title="Предупреждения">
            Предупр. <Badge size="xs" variant="light" color={warnCount ? 'yellow' : 'teal'} ml={2}>{warnCount}</Badge>
          </Tabs.Tab>
          <Tabs.Tab value="clashes" data-testid="tt-tab-clashes" px={4} fz={13}>
            Накладки <Badge size="xs" variant={check.clashes.length ? 'filled' : 'light'} color={check.clashes.length ? 'red' : 'teal'} ml={2}>{check.clashes.length}</Badge>
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="cards" pt={6}>
          <Stack gap={6}>
            <SearchInput value={filters.search} onChange={(search) => setFilters({ ...filters, search })} placeholder="Поиск: класс, предмет, учитель" size="xs" data-testid="tt-search" />
            <Group gap={4} grow wrap="nowrap">
              <Select size="xs" placeholder="Класс" clearable searchable data={board.classes.map((c) => ({ value: c.id, label: c.name }))} value={filters.classId} onChange={(classId) => setFilters({ ...filters, classId })} data-testid="tt-filter-class" />
              <Select size="xs" placeholder="Предмет" clearable searchable data={subjects} value={filters.subjectId} onChange={(subjectId) => setFilters({ ...filters, subjectId })} data-testid="tt-filter-subject" />
            </Group>
            <Select size="xs" placeholder="Учитель" clearable searchable data={board.teachers.map((t) => ({ value: t.id, label: t.name }))} value={filters.teacherId} onChange={(teacherId) => setFilters({ ...filters, teacherId })} data-testid="tt-filter-teacher" />
            <div
              className={classes.dropZone}
              data-over={over ? 'true' : undefined}
              data-testid="tt-unplaced"
              onDragOver={(e) => {
                e.preventDefault();
                setOver(true);
              }}
              onDragLeave={() => setOver(false)}
              onDrop={onDrop}
            >
              <ScrollArea.Autosize mah="calc(100vh - 420px)" type="auto" offsetScrollbars>
                <Stack gap={4}>
                  {shown.slice(0, SHOWN).map((c) => (
                    <button
                      key={c.id}
                      type="button"
                      className={classes.panelCard}
                      data-testid="tt-panel-card"
                      data-card={c.id}
                      data-editable={c.editable && !p.readOnly ? 'true' : 'false'}
                      data-picked={p.picked?.id === c.id ? 'true' : undefined}
                      draggable={c.editable && !p.readOnly}
                      onDragStart={(e) => startDrag(e, c)}
                      onClick={() => {
                        p.onSelect(c);
                        if (c.editable && !p.readOnly) p.onPick(p.picked?.id === c.id ? null : c);
                        // The keyboard goes on in the grid: arrows to the cell, Enter places.
                        if (c.editable && !p.readOnly) document.querySelector<HTMLElement>('[data-testid="tt-grid"]')?.focus({ preventScroll: true });
                      }}
                      title={c.editable || p.readOnly ? cardName(c) : `${cardName(c)} — не ваша параллель`}
                    >
                      <Text span fw={600} size="sm">
                        {c.targetName} · {c.subjectName}
                      </Text>
                      {c.duration > 1 ? <Badge size="xs" ml={4} variant="light">{c.duration} урока</Badge> : null}
                      {c.weeks !== 'every' ? <Badge size="xs" ml={4} variant="light" color="grape">{weekParities.labels[c.weeks]}</Badge> : null}
                      <Text size="xs" c="dimmed">
                        {c.teacherName}
                        {c.roomNumber ? ` · каб. ${c.roomNumber}` : ''}
                      </Text>
                    </button>
                  ))}
                  {shown.length > SHOWN ? (
                    <Text size="xs" c="dimmed">
                      Ещё {shown.length - SHOWN}: уточните фильтр.
                    </Text>
                  ) : null}
                  {!shown.length ? (
                    <Text size="sm" c="dimmed" data-testid="tt-unplaced-empty">
                      {unplaced.length ? 'Под фильтр не подходит ни один урок.' : 'Все уроки поставлены.'}
                    </Text>
                  ) : null}
                </Stack>
              </ScrollArea.Autosize>
            </div>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="warnings" pt={6}>
          <Warnings warnings={check.warnings} counts={check.counts} onShow={p.onShow} />
        </Tabs.Panel>
        <Tabs.Panel value="clashes" pt={6}>
          {check.clashes.length ? (
            <ScrollArea.Autosize mah="calc(100vh - 330px)" type="auto">
              <Stack gap={4} data-testid="tt-clashes">
                {check.clashes.map((c, i) => {
                  const card = board.cards.find((x) => x.id === c.cardId);
                  return (
                    <UnstyledButton key={i} onClick={() => p.onShow({ classId: card?.classId ?? null, teacherId: card?.teacherId ?? null, cardIds: [c.cardId, ...(c.otherCardId ? [c.otherCardId] : [])] })}>
                      <Text size="sm" c="red.8">
                        {c.message}
                      </Text>
                    </UnstyledButton>
                  );
                })}
              </Stack>
            </ScrollArea.Autosize>
          ) : (
            <Text size="sm" c="dimmed" data-testid="tt-no-clashes">
              Накладок нет: ни учитель, ни класс, ни кабинет не стоят в двух местах сразу.
            </Text>
          )}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Warnings({ warnings, counts, onShow }: { warnings: TimetableWarning[]; counts: Record<WarningKind, number>; onShow: SidePanelProps['onShow'] }) {
  const [open, setOpen] = useState<WarningKind | null>(null);
  const kinds = (Object.keys(WARNING_LABELS) as WarningKind[]).filter((k) => (counts[k] ?? 0) > 0);
  if (!kinds.length)
    return (
      <Text size="sm" c="dimmed">
        Предупреждений нет: нормы СанПиН соблюдены, окон у учителей не больше допустимого.
      </Text>
    );
  return (
    <ScrollArea.Autosize mah="calc(100vh - 330px)" type="auto">
      <Stack gap={4} data-testid="tt-warnings">
        {kinds.map((k) => (
          <Stack key={k} gap={2}>
            <UnstyledButton onClick={() => setOpen(open === k ? null : k)} data-testid="tt-warning-kind" data-kind={k}>
              <Group gap={6} wrap="nowrap">
                <IconAlertTriangle size={14} color="var(--mantine-color-yellow-7)" />
                <Text size="sm" fw={500} style={{ flex: 1 }}>
                  {WARNING_LABELS[k]}
                </Text>
                <Badge size="sm" variant="light" color="yellow">
                  {counts[k]}
                </Badge>
              </Group>
            </UnstyledButton>
            {open === k
              ? warnings
                  .filter((w) => w.kind === k)
                  .slice(0, 100)
                  .map((w, i) => (
                    <UnstyledButton key={i} pl={20} onClick={() => onShow(w)} data-testid="tt-warning">
                      <Text size="xs">{w.message}</Text>
                    </UnstyledButton>
                  ))
              : null}
          </Stack>
        ))}
      </Stack>
    </ScrollArea.Autosize>
  );
}

function SelectedCard(p: SidePanelProps & { card: TimetableCard }) {
  const { card, board } = p;
  const can = card.editable && !p.readOnly;
  return (
    <Stack gap={4} p={8} style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 6 }} data-testid="tt-selected">
      <Text size="sm" fw={600} lineClamp={2}>
        {card.targetName} · {card.subjectName}
      </Text>
      <Text size="xs" c="dimmed">
        {card.teacherName} · {slotName(card.weekday, card.lessonNo)}
        {!card.editable ? ' · не ваша параллель' : ''}
      </Text>
      <Group gap={6} wrap="nowrap">
        <Select
          size="xs"
          style={{ flex: 1 }}
          placeholder="Без кабинета"
          clearable
          searchable
          disabled={!can || p.busy}
          data={board.rooms.map((r) => ({ value: r.id, label: `каб. ${r.number}` }))}
          value={card.roomId}
          onChange={(v) => p.onRoom(card, v)}
          aria-label="Кабинет"
          data-testid="tt-room"
        />
        <Switch
          size="xs"
          label={<IconPinned size={14} />}
          title="Закрепить: составление расписания его не передвинет"
          checked={card.pinned}
          disabled={!can || p.busy}
          onChange={(e) => p.onPin(card, e.currentTarget.checked)}
          data-testid="tt-pin"
        />
        {card.weekday !== null ? (
          <Button size="compact-xs" variant="subtle" color="red" disabled={!can || p.busy} onClick={() => p.onUnplace(card)} title="Убрать из расписания (Delete)" data-testid="tt-unplace">
            <IconTrash size={14} />
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}
