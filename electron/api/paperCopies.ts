// Paper copies of the journal (issue 14 points 3 and 6; R21, `001 §4.2`): a class's copy of a study
// period printed as one PDF with its short code and the digest of the data it was made from; the
// whole school, a parallel or one class printed as a job with progress and cancel (one class: the
// PDF; several: a ZIP of one PDF per class), each copy recorded with the board's step «Копия
// напечатана»; the period's printed copies with whether each still matches the journal, naming what
// changed since. Area `paper` (roles.ts): the secretary, the deputies and the administrator print;
// the director looks. Handlers: electron/core/paper/copy/ops.ts.
import { z } from 'zod';
import * as s from './schemas';
import { change, job, none, read, view, write } from './ops';
import type { ExportedFile } from './common';

/** A study period a copy can be printed for, with the classes it applies to (its parallels). */
export interface PaperCopyPeriod {
  id: string;
  name: string;
  yearName: string;
  startDate: string;
  endDate: string;
  gradeFrom: number;
  gradeTo: number;
  classes: { id: string; name: string; grade: number }[];
  /** The period has ended (its copies are due); false: still going, a copy would be partial. */
  ended: boolean;
}

/** One printed copy of the period. */
export interface PaperCopyRow {
  id: string;
  classId: string;
  className: string;
  grade: number;
  code: string;
  sheets: number;
  printedAt: string;
  printedBy: string;
  /** The first 12 hex digits of the data's digest, as printed on the sheets. */
  digest: string;
  /** The newest copy of its class for the period (older ones are superseded). */
  latest: boolean;
  upToDate: boolean;
  /** What changed in the journal since printing: «3 отметки изменены (Алгебра, Физика)». */
  changes: string[];
}

export interface PrintedCopies extends ExportedFile {
  /** The copies printed and recorded: one per class. */
  copies: { classId: string; className: string; code: string; sheets: number }[];
  sheets: number;
}

export const paperCopiesOps = {
  /** The current year's study periods with their classes (the print page's choice). */
  'paper.copyPeriods': read(view('paper'), none).returns<PaperCopyPeriod[]>(),
  /** The period's printed copies, newest first, each with whether it still matches the journal. */
  'paper.copies': read(view('paper'), z.object({ periodId: s.idField('Учебный период') })).returns<PaperCopyRow[]>(),
  /** Prints the copies of one class, a parallel or the whole school (no class, no parallel) and records them. */
  'paper.printCopies': job(
    'Бумажные копии журнала',
    write(
      change('paper'),
      z.object({
        periodId: s.idField('Учебный период'),
        classId: s.idField('Класс').nullable().optional(),
        grade: s.int('Параллель', 1, 11).nullable().optional(),
      }),
    ).returns<PrintedCopies>(),
  ),
};
