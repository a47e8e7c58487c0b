// The secretary's books and reports (issue 12, R10, R11): «Алфавитная книга записи обучающихся»,
// «Книга движения учащихся», «Сведения о прибывших и выбывших» and the movement summary per class
// and parallel, on screen and as PDF and XLSX. Handlers: electron/core/books/. They only read:
// students, dated class memberships and the signed orders' items (docs/contingent.md).
import { z } from 'zod';
import * as s from './schemas';
import { job, none, read, view } from './ops';
import type { ExportedFile } from './common';
import type { OrderKind } from './enums';

/** The books, as the PDF/XLSX operations name them. */
export const BOOKS = ['alphabet', 'movement', 'arrivals', 'summary'] as const;
export type BookKind = (typeof BOOKS)[number];
export const BOOK_TITLES: Record<BookKind, string> = {
  alphabet: 'Алфавитная книга записи обучающихся',
  movement: 'Книга движения учащихся',
  arrivals: 'Сведения о прибывших и выбывших',
  summary: 'Движение учащихся по классам и параллелям',
};

/** A period, both days included. */
const from = s.dateField('Начало периода');
const to = s.dateField('Конец периода');
const period = z.object({ from, to });
const file = z.object({ book: s.choice('Книга', BOOKS), from: from.optional(), to: to.optional() });

/** An order as a line of a book shows it: «от 10.11.2026 № 12» and its kind. */
export interface OrderRef {
  id: string;
  kind: OrderKind;
  number: number | null;
  date: string;
  /** «от 10.11.2026 № 12». */
  text: string;
}

/** One entry of the alphabetical book: a student ever enrolled (those who left too). */
export interface AlphabetEntry {
  studentId: string;
  /** The personal-file number, the entry's number: «И-12»; null for a student without one. */
  fileNo: string | null;
  /** The letter's page the entry is on (the file number's letter, else the surname's). */
  letter: string;
  /** The number within the letter (12 of «И-12»). */
  number: number | null;
  fullName: string;
  birthDate: string;
  /** The parents' (legal representatives') ФИО with their relation. */
  parents: string;
  address: string | null;
  /** The class and the day the student came into the school. */
  entryClass: string | null;
  entryDate: string | null;
  entryOrder: OrderRef | null;
  /** The school the student came from (an arrival by transfer). */
  cameFrom: string | null;
  /** Set when the student is no longer in the school: the day of leaving, the order, the reason, where to. */
  leftDate: string | null;
  leftOrder: OrderRef | null;
  leftReason: string | null;
  wentTo: string | null;
  /** The class today (null: left or never placed). */
  currentClass: string | null;
}

export interface AlphabetBook {
  letters: { letter: string; entries: AlphabetEntry[] }[];
  total: number;
  /** Of them no longer in the school. */
  left: number;
}

/** A movement of a student as the books record it: into or out of the school, or between its classes. */
export type MovementKind = 'arrived' | 'left' | 'moved_in' | 'moved_out';
export const MOVEMENT_LABELS: Record<MovementKind, string> = { arrived: 'Прибыл', left: 'Выбыл', moved_in: 'Переведён в класс', moved_out: 'Переведён из класса' };

export interface Movement {
  studentId: string;
  fileNo: string | null;
  fullName: string;
  birthDate: string;
  address: string | null;
  kind: MovementKind;
  /** The first day in the class (arrived, moved in) or the day of leaving it (left, moved out). */
  date: string;
  classId: string;
  className: string;
  /** A move inside the school: the other class. */
  otherClass: string | null;
  /** Arrived: the school the student came from; left: where to. */
  place: string | null;
  order: OrderRef | null;
  reason: string | null;
}

export interface MovementBook {
  from: string;
  to: string;
  classes: { classId: string; className: string; grade: number; start: number; end: number; rows: Movement[] }[];
}

export interface ArrivalsReport {
  from: string;
  to: string;
  /** Arrivals and departures only (moves between classes are not counted), by date. */
  rows: Movement[];
  arrived: number;
  left: number;
}

/** The numbers of one class, parallel or the school: end = start + arrived − left + movedIn − movedOut. */
export interface SummaryRow {
  label: string;
  grade: number | null;
  classId: string | null;
  start: number;
  arrived: number;
  left: number;
  movedIn: number;
  movedOut: number;
  end: number;
}

export interface MovementSummary {
  from: string;
  to: string;
  classes: SummaryRow[];
  parallels: SummaryRow[];
  total: SummaryRow;
}

export const booksOps = {
  'books.alphabet': read(view('contingent'), none).returns<AlphabetBook>(),
  'books.movement': read(view('contingent'), period).returns<MovementBook>(),
  'books.arrivals': read(view('contingent'), period).returns<ArrivalsReport>(),
  'books.summary': read(view('contingent'), period).returns<MovementSummary>(),
  // The alphabetical book needs no period; the others do.
  'books.pdf': job('Книга контингента (PDF)', read(view('contingent'), file).returns<ExportedFile>()),
  'books.xlsx': job('Книга контингента (Excel)', read(view('contingent'), file).returns<ExportedFile>()),
};
