// Every edit of the timetable made in this session, and its undo/redo (issue 11 point 2): an edit
// keeps the card's place before (TimetableEdit.before) and after; undo puts the card back where it
// was through the same API (a place, an unplace, a change of room or pin), redo puts it again.
// Each call is checked by the core: a clash refuses it and nothing changes.
import { useCallback, useRef, useState } from 'react';
import { notifications } from '@mantine/notifications';
import { AppError, call } from '../api';
import { invalidateAll, opKey, queryClient } from '../data/client';
import type { CardPlace, TimetableBoard, TimetableCard, TimetableEdit } from '../../../electron/api/timetable';
import { cardName, placeOf, samePlace, slotName } from './model';
import { errorMessage } from '../lib/errors';

export interface UndoEntry {
  cardId: string;
  before: CardPlace;
  after: CardPlace;
  /** «5А · Алгебра: вт, 3-й урок» */
  label: string;
}

/** A refused edit: the cell it aimed at and the core's reasons (the clashes). */
export interface Refusal {
  cardId: string;
  weekday: number | null;
  lessonNo: number | null;
  message: string;
}

/** The core's reasons of a refusal: each clash's message («Петрова А. С. в это время ведёт урок в 6Б…»). */
export function reasonsOf(e: unknown): string {
  if (e instanceof AppError && e.problems.length) return e.problems.map((p) => p.message).join('\n');
  return errorMessage(e);
}

/**
 * Puts a card at `target` through the API: a place or an unplace, then the room or the pin if they
 * differ. `force` (undo, redo): the place or unplace is sent whatever the board on screen says (it
 * may not yet show the last edit), so that the card ends where the stack says.
 */
async function apply(card: TimetableCard, target: CardPlace, force = false): Promise<TimetableEdit | null> {
  let last: TimetableEdit | null = null;
  let now: CardPlace = placeOf(card);
  if (target.weekday === null || target.lessonNo === null) {
    if (now.weekday !== null || force) {
      last = await call('timetable.unplace', { cardId: card.id });
      now = placeOf(last.card);
    }
  } else if (force || now.weekday !== target.weekday || now.lessonNo !== target.lessonNo || now.roomId !== target.roomId) {
    last = await call('timetable.place', { cardId: card.id, weekday: target.weekday, lessonNo: target.lessonNo, roomId: target.roomId });
    now = placeOf(last.card);
  }
  if (now.roomId !== target.roomId || now.pinned !== target.pinned)
    last = await call('timetable.updateCard', { cardId: card.id, roomId: target.roomId, pinned: target.pinned });
  return last;
}

export interface Edits {
  /** Moves, places or unplaces a card, or changes its room or pin; resolves false when refused. */
  edit: (card: TimetableCard, target: CardPlace) => Promise<boolean>;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
  canUndo: boolean;
  canRedo: boolean;
  /** The next undo's and redo's descriptions, for the buttons' titles. */
  undoLabel: string | null;
  redoLabel: string | null;
  busy: boolean;
  refused: Refusal | null;
  clearRefused: () => void;
}

/**
 * The page is keyed by the version: its stacks start empty for another version (an undo never
 * reaches into another). Edits, undos and redos run one after another in the order asked: a Ctrl+Z
 * pressed while the last edit is still on its way undoes that edit once it has landed.
 */
export function useEdits(timetableId: string | null, cardOf: (id: string) => TimetableCard | undefined): Edits {
  const [undoStack, setUndoState] = useState<UndoEntry[]>([]);
  const [redoStack, setRedoState] = useState<UndoEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<Refusal | null>(null);
  const stacks = useRef<{ undo: UndoEntry[]; redo: UndoEntry[] }>({ undo: [], redo: [] });
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const pending = useRef(0);
  const lookup = useRef(cardOf);
  lookup.current = cardOf;
  const setStacks = useCallback((undo: UndoEntry[], redo: UndoEntry[]) => {
    stacks.current = { undo, redo };
    setUndoState(undo);
    setRedoState(redo);
  }, []);
  /** Shows the edit's card and check at once (the board is fetched again behind). */
  const landed = useCallback(
    (e: TimetableEdit | null) => {
      if (!e || !timetableId) return;
      queryClient.setQueryData<TimetableBoard>(opKey('timetable.board', { timetableId }), (b) =>
        b ? { ...b, cards: b.cards.map((c) => (c.id === e.card.id ? e.card : c)), check: e.check } : b,
      );
    },
    [timetableId],
  );

  /** Runs `work` after everything asked before it. */
  const serial = useCallback(<T,>(work: () => Promise<T>): Promise<T> => {
    pending.current++;
    setBusy(true);
    const next = queue.current.then(work).finally(() => {
      if (--pending.current === 0) {
        setBusy(false);
        void invalidateAll();
      }
    });
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  const run = useCallback(
    async (card: TimetableCard, target: CardPlace, title: string, force = false): Promise<TimetableEdit | null | false> => {
      setRefused(null);
      try {
        const e = await apply(card, target, force);
        landed(e);
        return e;
      } catch (err) {
        const message = reasonsOf(err);
        setRefused({ cardId: card.id, weekday: target.weekday, lessonNo: target.lessonNo, message });
        notifications.show({ color: 'red', title, message, autoClose: 8000 });
        return false;
      }
    },
    [landed],
  );

  const edit = useCallback(
    (asked: TimetableCard, target: CardPlace) =>
      serial(async () => {
        // The card as it is now (an edit queued behind another sees that one's result).
        const card = lookup.current(asked.id) ?? asked;
        const before = placeOf(card);
        if (samePlace(before, target)) return true;
        const e = await run(card, target, `Не изменено: ${cardName(card)}`);
        if (e === false) return false;
        const after = e ? placeOf(e.card) : target;
        const entry = { cardId: card.id, before, after, label: `${card.targetName} · ${card.subjectShort || card.subjectName}: ${slotName(after.weekday, after.lessonNo)}` };
        setStacks([...stacks.current.undo, entry], []);
        return true;
      }),
    [run, serial, setStacks],
  );

  const step = useCallback(
    (to: 'undo' | 'redo') =>
      serial(async () => {
        const { undo, redo } = stacks.current;
        const entry = (to === 'undo' ? undo : redo).at(-1);
        if (!entry) return;
        const card = lookup.current(entry.cardId);
        if (!card) return;
        const target = to === 'undo' ? entry.before : entry.after;
        const e = await run(card, target, to === 'undo' ? 'Не отменено' : 'Не возвращено', true);
        if (e === false) return;
        if (to === 'undo') setStacks(undo.slice(0, -1), [...redo, entry]);
        else setStacks([...undo, entry], redo.slice(0, -1));
      }),
    [run, serial, setStacks],
  );

  return {
    edit,
    undo: () => step('undo'),
    redo: () => step('redo'),
    canUndo: undoStack.length > 0,
    canRedo: redoStack.length > 0,
    undoLabel: undoStack.at(-1)?.label ?? null,
    redoLabel: redoStack.at(-1)?.label ?? null,
    busy,
    refused,
    clearRefused: () => setRefused(null),
  };
}
