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

/** The page is keyed by the version: its stacks start empty for another version (an undo never reaches into another). */
export function useEdits(timetableId: string | null, cardOf: (id: string) => TimetableCard | undefined): Edits {
  const [undoStack, setUndo] = useState<UndoEntry[]>([]);
  const [redoStack, setRedo] = useState<UndoEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<Refusal | null>(null);
  const running = useRef(false);
  const lookup = useRef(cardOf);
  lookup.current = cardOf;
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

  const run = useCallback(
    async (card: TimetableCard, target: CardPlace, title: string, force = false): Promise<TimetableEdit | null | false> => {
      if (running.current) return false;
      running.current = true;
      setBusy(true);
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
      } finally {
        running.current = false;
        setBusy(false);
        void invalidateAll();
      }
    },
    [landed],
  );

  const edit = useCallback(
    async (card: TimetableCard, target: CardPlace) => {
      const before = placeOf(card);
      if (samePlace(before, target)) return true;
      const e = await run(card, target, `Не изменено: ${cardName(card)}`);
      if (e === false) return false;
      const after = e ? placeOf(e.card) : target;
      setUndo((s) => [...s, { cardId: card.id, before, after, label: `${card.targetName} · ${card.subjectShort || card.subjectName}: ${slotName(after.weekday, after.lessonNo)}` }]);
      setRedo([]);
      return true;
    },
    [run],
  );

  const step = useCallback(
    async (from: UndoEntry[], to: 'undo' | 'redo') => {
      const entry = from.at(-1);
      if (!entry) return;
      const card = lookup.current(entry.cardId);
      if (!card) return;
      const target = to === 'undo' ? entry.before : entry.after;
      const e = await run(card, target, to === 'undo' ? 'Не отменено' : 'Не возвращено', true);
      if (e === false) return;
      if (to === 'undo') {
        setUndo((s) => s.slice(0, -1));
        setRedo((s) => [...s, entry]);
      } else {
        setRedo((s) => s.slice(0, -1));
        setUndo((s) => [...s, entry]);
      }
    },
    [run],
  );

  return {
    edit,
    undo: () => step(undoStack, 'undo'),
    redo: () => step(redoStack, 'redo'),
    canUndo: undoStack.length > 0,
    canRedo: redoStack.length > 0,
    undoLabel: undoStack.at(-1)?.label ?? null,
    redoLabel: redoStack.at(-1)?.label ?? null,
    busy,
    refused,
    clearRefused: () => setRefused(null),
  };
}
