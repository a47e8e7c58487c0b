// The timetable's grid (issue 11 point 2): one component for the class, teacher and room views
// (lessons × days) and the whole-school board (classes × every lesson of the week, compact cells).
// Placing: drag and drop (HTML5), a click on a card then on a cell, or the keyboard (arrows move the
// cursor, Enter takes the card under it or places the taken one, Esc cancels, Delete unplaces).
// While a card is taken, each cell of its shift shows what timetable.slotsFor says: free, a clash
// (red, the reasons in its title) or warnings (amber).
import { memo, useEffect, useRef, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { SlotVerdict, TimetableCard } from '../../../electron/api/timetable';
import { boardRowKey, boardShort, cardName, cellAt, initials, lessonsByShift, ownerKey, targetOf, WEEKDAYS, type Cell, type CardIndex, type GridCol, type GridRow, type Layout, type ViewKind } from './model';
import type { Refusal } from './useEdits';
import classes from './Timetable.module.css';

export const CARD_MIME = 'application/x-timetable-card';

export interface Cursor {
  r: number;
  c: number;
}

export interface GridProps {
  layout: Layout;
  view: ViewKind;
  /** The class, teacher or room the view shows (not the board). */
  entityId: string | null;
  index: CardIndex;
  bySh: ReturnType<typeof lessonsByShift>;
  cursor: Cursor;
  picked: TimetableCard | null;
  verdicts: Map<string, SlotVerdict> | null;
  refused: Refusal | null;
  selectedId: string | null;
  highlight: Set<string> | null;
  readOnly: boolean;
  onCursor: (c: Cursor) => void;
  onPick: (card: TimetableCard | null) => void;
  onSelect: (card: TimetableCard) => void;
  onPlace: (card: TimetableCard, cell: Cell) => void;
  onUnplace: (card: TimetableCard) => void;
}

const editableBy = (readOnly: boolean) => (c: TimetableCard) => c.editable && !readOnly;

export function TimetableGrid(p: GridProps) {
  const { layout, view, index, cursor, picked } = p;
  const compact = view === 'board';
  const scroller = useRef<HTMLDivElement>(null);
  const dropped = useRef(false);
  const dragging = useRef<TimetableCard | null>(null);
  const canEdit = editableBy(p.readOnly);
  const pickedRow = compact && picked ? boardRowKey(picked) : null;
  const rowOfCard = (id: string) => {
    const c = index.byId.get(id);
    return c ? boardRowKey(c) : null;
  };

  useEffect(() => {
    const el = scroller.current?.querySelector<HTMLElement>(`[data-r="${cursor.r}"][data-c="${cursor.c}"]`);
    el?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [cursor.r, cursor.c]);

  const cellOf = (r: number, c: number) => cellAt(layout, r, c, p.bySh);
  const cardsAt = (r: number, c: number): TimetableCard[] => {
    const row = layout.rows[r];
    const cell = cellOf(r, c);
    if (!row || !cell) return [];
    const owner = ownerKey(layout, row, view, p.entityId);
    return owner ? index.at(owner, cell) : [];
  };
  const rowOk = (r: number, card: TimetableCard) => !compact || layout.rows[r]?.key === boardRowKey(card);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const { r, c } = cursor;
    const move = (dr: number, dc: number) => {
      e.preventDefault();
      if (compact && picked && dr !== 0) return; // the board: a taken card stays in its class's row
      p.onCursor({ r: Math.max(0, Math.min(layout.rows.length - 1, r + dr)), c: Math.max(0, Math.min(layout.cols.length - 1, c + dc)) });
    };
    switch (e.key) {
      case 'ArrowUp':
        return move(-1, 0);
      case 'ArrowDown':
        return move(1, 0);
      case 'ArrowLeft':
        return move(0, -1);
      case 'ArrowRight':
        return move(0, 1);
      case 'Home':
        e.preventDefault();
        return p.onCursor({ r, c: 0 });
      case 'End':
        e.preventDefault();
        return p.onCursor({ r, c: layout.cols.length - 1 });
      case 'Enter':
      case ' ': {
        e.preventDefault();
        const cell = cellOf(r, c);
        if (!cell) return;
        if (picked) {
          if (rowOk(r, picked)) p.onPlace(picked, cell);
          return;
        }
        const card = cardsAt(r, c).find(canEdit);
        if (card) {
          p.onSelect(card);
          p.onPick(card);
        }
        return;
      }
      case 'Escape':
        if (picked) {
          e.preventDefault();
          p.onPick(null);
        }
        return;
      case 'Delete':
      case 'Backspace': {
        e.preventDefault();
        const card = picked && picked.weekday !== null ? picked : cardsAt(r, c).find(canEdit);
        if (card) p.onUnplace(card);
        return;
      }
    }
  };

  const cellFrom = (target: EventTarget | null): { r: number; c: number } | null => {
    const el = (target as HTMLElement | null)?.closest?.<HTMLElement>('[data-cell]');
    if (!el) return null;
    return { r: Number(el.dataset.r), c: Number(el.dataset.c) };
  };
  const cardFrom = (target: EventTarget | null): TimetableCard | null => {
    const el = (target as HTMLElement | null)?.closest?.<HTMLElement>('[data-card]');
    return el ? (index.byId.get(el.dataset.card!) ?? null) : null;
  };

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const at = cellFrom(e.target);
    if (!at) return;
    p.onCursor(at);
    scroller.current?.focus({ preventScroll: true });
    const card = cardFrom(e.target);
    if (picked) {
      if (card?.id === picked.id) p.onPick(null);
      else if (rowOk(at.r, picked)) {
        const cell = cellOf(at.r, at.c);
        if (cell) p.onPlace(picked, cell);
      }
      return;
    }
    if (card) {
      p.onSelect(card);
      if (canEdit(card)) p.onPick(card);
    }
  };

  const onDragStart = (e: DragEvent<HTMLDivElement>) => {
    const card = cardFrom(e.target);
    if (!card || !canEdit(card)) {
      e.preventDefault();
      return;
    }
    dropped.current = false;
    dragging.current = card;
    e.dataTransfer.setData(CARD_MIME, card.id);
    e.dataTransfer.setData('text/plain', card.id);
    e.dataTransfer.effectAllowed = 'move';
    p.onSelect(card);
    p.onPick(card);
  };
  const onDragOver = (e: DragEvent<HTMLDivElement>) => {
    const at = cellFrom(e.target);
    const cell = at && cellOf(at.r, at.c);
    if (!cell?.exists) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    dropped.current = true;
    const at = cellFrom(e.target);
    const id = e.dataTransfer.getData(CARD_MIME) || e.dataTransfer.getData('text/plain');
    const card = index.byId.get(id) ?? dragging.current ?? picked;
    dragging.current = null;
    if (!at || !card) return;
    p.onCursor(at);
    const cell = cellOf(at.r, at.c);
    if (cell) p.onPlace(card, cell);
  };
  const onDragEnd = () => {
    if (!dropped.current && dragging.current) p.onPick(null);
    dragging.current = null;
  };

  const rowHead = compact ? 52 : 92;
  const template = compact ? `${rowHead}px repeat(${layout.cols.length}, 38px)` : `${rowHead}px repeat(${layout.cols.length}, minmax(118px, 1fr))`;
  const rowH = compact ? 30 : 56;

  return (
    <div
      ref={scroller}
      className={`${classes.scroller} ${compact ? classes.compact : ''}`}
      tabIndex={0}
      role="grid"
      aria-label="Расписание"
      data-testid="tt-grid"
      data-scroll-x=""
      data-view={view}
      onKeyDown={onKeyDown}
      onClick={onClick}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onDragEnd={onDragEnd}
    >
      <div className={classes.grid} style={{ gridTemplateColumns: template, gridAutoRows: `${rowH}px`, width: compact ? 'max-content' : '100%' }}>
        <Header layout={layout} compact={compact} />
        {layout.rows.map((row, r) => {
          // The board re-renders only the rows a change touches (memo): the taken, chosen or refused card's.
          const here = (id: string | null | undefined) => (id && (!compact || rowOfCard(id) === row.key) ? id : null);
          return (
            <RowView
              key={row.key}
              row={row}
              r={r}
              layout={layout}
              view={view}
              entityId={p.entityId}
              index={index}
              bySh={p.bySh}
              cursorC={cursor.r === r ? cursor.c : -1}
              picked={picked && (!compact || pickedRow === row.key) ? picked : null}
              pickedId={here(picked?.id)}
              verdicts={!compact || (picked && pickedRow === row.key) ? p.verdicts : null}
              refused={here(p.refused?.cardId) ? p.refused : null}
              selectedId={here(p.selectedId)}
              highlight={p.highlight}
              readOnly={p.readOnly}
            />
          );
        })}
      </div>
    </div>
  );
}

function Header({ layout, compact }: { layout: Layout; compact: boolean }) {
  if (!compact)
    return (
      <>
        <div className={classes.corner} style={{ gridRow: 1 }}>
          &nbsp;
        </div>
        {layout.cols.map((c) => (
          <div key={c.key} className={classes.head} role="columnheader" style={{ gridRow: 1 }}>
            {c.label}
          </div>
        ))}
      </>
    );
  // The board: the days over their lessons (two sticky header rows).
  const days: GridCol[][] = [];
  for (const c of layout.cols) (c.dayStart ? days[days.push([]) - 1]! : days[days.length - 1]!).push(c);
  return (
    <>
      <div className={classes.corner} style={{ gridRow: '1 / span 2', gridColumn: 1 }}>
        &nbsp;
      </div>
      {days.map((d) => (
        <div key={d[0]!.weekday} className={`${classes.head} ${classes.day}`} style={{ gridRow: 1, gridColumn: `span ${d.length}`, height: 22 }}>
          {WEEKDAYS[d[0]!.weekday - 1]}
        </div>
      ))}
      {layout.cols.map((c) => (
        <div key={c.key} className={`${classes.head} ${c.dayStart ? classes.day : ''}`} role="columnheader" style={{ gridRow: 2, top: 22 }} data-weekday={c.weekday} data-lesson={c.lessonNo}>
          {c.label}
        </div>
      ))}
    </>
  );
}

interface RowProps {
  row: GridRow;
  r: number;
  layout: Layout;
  view: ViewKind;
  entityId: string | null;
  index: CardIndex;
  bySh: Map<number, number[]>;
  cursorC: number;
  /** The taken card when this row may receive it. */
  picked: TimetableCard | null;
  pickedId: string | null;
  verdicts: Map<string, SlotVerdict> | null;
  refused: Refusal | null;
  selectedId: string | null;
  highlight: Set<string> | null;
  readOnly: boolean;
}

const RowView = memo(function RowView(p: RowProps) {
  const { row, r, layout, view } = p;
  const compact = view === 'board';
  const owner = ownerKey(layout, row, view, p.entityId);
  return (
    <div style={{ display: 'contents' }} role="row" data-testid="tt-row" data-row={row.key}>
      <div className={classes.rowHead} title={row.title ?? row.label} role="rowheader">
        <span>{row.label}</span>
        {row.time && !compact ? <span className={classes.time}>{row.time}</span> : null}
      </div>
      {layout.cols.map((col, c) => {
        const cell = cellAt(layout, r, c, p.bySh)!;
        const cards = owner && cell.exists ? p.index.at(owner, cell) : [];
        const t = targetOf(p.picked, cell, p.verdicts);
        const refused = p.refused && p.refused.weekday === cell.weekday && p.refused.lessonNo === cell.lessonNo;
        const lit = p.highlight && cards.some((x) => p.highlight!.has(x.id));
        const title = refused ? `Не поставлено: ${p.refused!.message}` : t.state === 'clash' ? `Нельзя: ${t.reasons.join('; ')}` : t.state === 'warn' ? `Можно, но: ${t.reasons.join('; ')}` : t.state === 'free' ? 'Свободно' : cards.map((x) => `${cardName(x)}${x.roomNumber ? `, каб. ${x.roomNumber}` : ''}${x.pinned ? ' (закреплён)' : ''}`).join('\n') || undefined;
        return (
          <div
            key={col.key}
            className={`${classes.cell} ${col.dayStart ? classes.dayStart : ''} ${cell.exists ? '' : classes.noBell}`}
            role="gridcell"
            data-cell=""
            data-testid="tt-cell"
            data-r={r}
            data-c={c}
            data-weekday={cell.weekday}
            data-lesson={cell.lessonNo}
            data-row={row.key}
            data-target={t.state === 'none' ? undefined : t.state}
            data-refused={refused ? 'true' : undefined}
            data-cursor={p.cursorC === c ? 'true' : undefined}
            data-highlight={lit ? 'true' : undefined}
            title={title}
          >
            {cards.map((x) => (
              <CardView key={x.id} card={x} view={view} picked={x.id === p.pickedId} selected={x.id === p.selectedId} draggable={x.editable && !p.readOnly} />
            ))}
          </div>
        );
      })}
    </div>
  );
});

function CardView({ card, view, picked, selected, draggable }: { card: TimetableCard; view: ViewKind; picked: boolean; selected: boolean; draggable: boolean }) {
  const sub = view === 'class' ? (card.subgroupId ? `${card.targetName.split(' · ').slice(1).join(' · ')} · ${card.teacherName}` : card.teacherName) : view === 'teacher' ? card.targetName : `${card.targetName} · ${card.teacherName}`;
  return (
    <div
      className={classes.card}
      data-testid="tt-card"
      data-card={card.id}
      data-editable={draggable ? 'true' : 'false'}
      data-picked={picked ? 'true' : undefined}
      data-selected={selected ? 'true' : undefined}
      data-pinned={card.pinned ? 'true' : undefined}
      draggable={draggable}
      style={{ position: 'relative' }}
    >
      {view === 'board' ? (
        <>
          <div className={classes.subject}>{boardShort(card.subjectShort, card.subjectName)}</div>
          <div className={classes.sub}>{initials(card.teacherName)}</div>
        </>
      ) : (
        <>
          <div className={classes.subject}>
            {card.subjectName}
            {card.roomNumber && view !== 'room' ? <span className={classes.time}> · каб. {card.roomNumber}</span> : null}
          </div>
          <div className={classes.sub}>{sub}</div>
        </>
      )}
    </div>
  );
}
