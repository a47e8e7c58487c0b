// The register of paper copies («реестр бумажных копий», issue 14 point 4; R21, `001 §4.5`): the
// secretary records each certified copy a deputy hands over — number, date received, class,
// period, sheets, who handed it, who received it. Entries are only added: a mistake is corrected by
// a new entry naming the one it corrects, with the reason. Each entry holds the digest of the
// previous one (a chain), so an entry changed, removed or slipped in behind the program's back is
// found by the register's check. Scans of the signed copy (PDF, JPEG, PNG) attach to an entry with
// their digest. Area `paper` (roles.ts). Handlers: electron/core/paper/register/ops.ts.
import { z } from 'zod';
import * as s from './schemas';
import { MAX } from './limits';
import { change, job, read, view, write } from './ops';
import type { ExportedFile } from './common';

/** A scan is at most this large (bytes). */
export const SCAN_MAX_BYTES = 20 * 1024 * 1024;

export interface RegisterScan {
  id: string;
  fileName: string;
  mime: string;
  size: number;
  /** SHA-256 of the file, hex. */
  digest: string;
  addedAt: string;
  addedBy: string;
}

export interface RegisterEntry {
  id: string;
  number: number;
  receivedOn: string;
  classId: string;
  className: string;
  periodId: string;
  /** «2 четверть 2026/2027». */
  periodName: string;
  sheets: number;
  handedBy: string;
  receivedBy: string;
  note: string | null;
  /** The printed copy the entry records (null: recorded without one). */
  copyId: string | null;
  copyCode: string | null;
  /** Whether that copy still matches the journal (null without a copy). */
  copyUpToDate: boolean | null;
  /** What changed in the journal since the copy was printed. */
  copyChanges: string[];
  /** The entry this one corrects (its number), or null. */
  correctsNumber: number | null;
  correctsId: string | null;
  /** The entries correcting this one (numbers): «исправлена записью № N». */
  correctedBy: number[];
  digest: string;
  recordedAt: string;
  recordedBy: string;
  scans: RegisterScan[];
}

export interface RegisterView {
  entries: RegisterEntry[];
  /** Entries in the register in all (before search and filters). */
  total: number;
  /** The digest of the last entry: the register's check line. */
  checksum: string;
}

/** A printed copy the secretary can record (the select of «Внести запись»). */
export interface RegisterCopyOption {
  id: string;
  code: string;
  classId: string;
  className: string;
  periodId: string;
  periodName: string;
  sheets: number;
  printedAt: string;
  /** Already recorded in the register (entry numbers). */
  recordedIn: number[];
}

export interface RegisterOptions {
  classes: { id: string; name: string; grade: number }[];
  periods: { id: string; name: string; gradeFrom: number; gradeTo: number }[];
  copies: RegisterCopyOption[];
  /** Who receives by default: the acting user's name. */
  receivedBy: string;
  today: string;
}

export interface RegisterVerification {
  ok: boolean;
  entries: number;
  scans: number;
  /** The number of the first broken entry (null: the chain is whole). */
  brokenNumber: number | null;
  /** What is wrong with it: «запись № 7 изменена после внесения». */
  problem: string | null;
  /** Scans whose bytes no longer match their digest: «скан «копия.pdf» (запись № 3) изменён». */
  scanProblems: string[];
  /** The digest of the last entry. */
  checksum: string;
}

const personName = (label: string) => s.required(label, 'personName');

const entryFields = {
  receivedOn: s.dateField('Дата приёма'),
  classId: s.idField('Класс').nullable().optional(),
  periodId: s.idField('Учебный период').nullable().optional(),
  /** A printed copy (paper_copy): its class, period and sheets fill in what is not given. */
  copyId: s.idField('Напечатанная копия').nullable().optional(),
  sheets: s.int('Листов', 1, 10_000).nullable().optional(),
  handedBy: personName('Сдал'),
  /** Empty: the acting user's name. */
  receivedBy: s.optionalText('Принял', 'personName'),
};

export const registerSorts = ['number', 'receivedOn', 'className'] as const;

export const paperRegisterOps = {
  'paper.register': read(
    view('paper'),
    z.object({
      search: s.searchText().optional(),
      periodId: s.idField('Учебный период').nullable().optional(),
      classId: s.idField('Класс').nullable().optional(),
      sort: s.choice('Сортировка', registerSorts).optional(),
      desc: s.flag('По убыванию').optional(),
    }),
  ).returns<RegisterView>(),
  /** Classes, periods and printed copies for «Внести запись». */
  'paper.registerOptions': read(view('paper'), z.object({}).strict().optional().default({})).returns<RegisterOptions>(),
  'paper.registerAdd': write(change('paper'), z.object({ ...entryFields, note: s.optionalText('Примечание', 'note') })).returns<RegisterEntry>(),
  /** A correction: a new entry with the corrected values, naming the entry it corrects, and why. */
  'paper.registerCorrect': write(
    change('paper'),
    z.object({ ...entryFields, correctsId: s.idField('Исправляемая запись'), note: s.required('Причина исправления', 'note') }),
  ).returns<RegisterEntry>(),
  'paper.registerVerify': read(view('paper'), z.object({}).strict().optional().default({})).returns<RegisterVerification>(),
  /** A scan of the signed copy (PDF, JPEG or PNG, at most 20 МБ) attached to an entry with its digest. */
  'paper.attachScan': write(
    change('paper'),
    z.object({
      entryId: s.idField('Запись реестра'),
      /** The file given to the host (an upload, or a file chosen in the dialog): its `InputFile.id`. */
      file: z.string({ error: 'Выберите файл' }).min(1, 'Выберите файл').max(MAX.id, 'Файл не найден: выберите его снова'),
    }),
  ).returns<RegisterScan>(),
  /** A scan as a file to save or open. */
  'paper.scanFile': read(view('paper'), z.object({ id: s.idField('Скан') })).returns<ExportedFile>(),
  /** The register as a printable A4 document for signatures, with the chain's check line. */
  'paper.registerPdf': job(
    'Реестр бумажных копий (PDF)',
    read(view('paper'), z.object({ periodId: s.idField('Учебный период').nullable().optional() })).returns<ExportedFile>(),
  ),
};

