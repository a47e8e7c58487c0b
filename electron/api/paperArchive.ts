// The archive of the paper copies and the journal data (issue 14 point 5; R21, R22 `002 §5.13`,
// `004 §2.1`): for a study period or the whole year one self-verifying ZIP file — every class's copy
// PDF, the сводные ведомости, the journal data as XLSX, manifest.json with the digest of every file
// and SHA256SUMS (`sha256sum -c`); its verification naming each damaged file; the archives built,
// with the storage period of each kind of document and a reminder when it runs out. Area `paper`.
// Handlers: electron/core/paper/archive/ops.ts; docs/paper-copies.md «Архив».
import { z } from 'zod';
import * as s from './schemas';
import { MAX } from './limits';
import { change, job, none, read, view, write } from './ops';
import type { ExportedFile } from './common';
import type { PaperArchiveKind } from './enums';

/** A kind of document in an archive and how long it is kept (Росархив order № 236 of 20.12.2019). */
export interface ArchiveStorageKind {
  kind: 'copies' | 'statements' | 'data';
  /** «Сводные ведомости успеваемости» */
  label: string;
  years: number;
  source: string;
}

/** The storage of one kind of document of an archive: kept until the end of `until` (ISO day). */
export interface ArchiveStorage extends ArchiveStorageKind {
  until: string;
  /** 'due': within 90 days of `until`; 'expired': `until` has passed. */
  state: 'ok' | 'due' | 'expired';
}

export interface ArchiveRow {
  id: string;
  kind: PaperArchiveKind;
  yearName: string;
  /** null: the year's archive. */
  periodName: string | null;
  fileName: string;
  size: number;
  digest: string;
  builtAt: string;
  builtBy: string;
  storage: ArchiveStorage[];
}

/** A kind of document whose storage runs out within 90 days, or has run out (the home page too). */
export interface ArchiveReminder {
  archiveId: string;
  fileName: string;
  label: string;
  until: string;
  expired: boolean;
  /** «Сводные ведомости успеваемости, архив «…zip»: срок хранения истёк 31.12.2031 — можно составить акт о выделении к уничтожению» */
  text: string;
}

export interface ArchivesView {
  today: string;
  /** The current year and its periods (what an archive may be built for). */
  year: { id: string; name: string; endDate: string } | null;
  periods: { id: string; name: string; grades: string; startDate: string; endDate: string; ended: boolean }[];
  kinds: ArchiveStorageKind[];
  archives: ArchiveRow[];
  reminders: ArchiveReminder[];
}

/** One problem of an archive file, naming the file inside it. */
export interface ArchiveProblem {
  /** The file inside the archive («copies/7Б — 2 четверть.pdf»); null: the archive as a whole. */
  file: string | null;
  problem: string;
  /** «copies/7Б — 2 четверть.pdf: содержимое изменено» */
  text: string;
}

export interface ArchiveVerifyResult {
  ok: boolean;
  fileName: string;
  /** Files listed by the manifest (checked). */
  files: number;
  problems: ArchiveProblem[];
  /** What the manifest says (null: unreadable). */
  manifest: { school: string; kind: PaperArchiveKind; title: string; builtAt: string; builtBy: string; appVersion: string } | null;
  /** The archive as this program recorded it when it built it (the file's digest found), else null. */
  recorded: { builtAt: string; builtBy: string; fileName: string } | null;
  digest: string;
}

export const archiveBuildInput = z.object({
  kind: s.choice('Вид архива', ['period', 'year']),
  /** The study period (kind 'period'). */
  periodId: s.idField('Учебный период').nullable().optional(),
});

export const paperArchiveOps = {
  'paper.archives': read(view('paper'), none).returns<ArchivesView>(),
  'paper.archiveBuild': job('Архив журналов', write(change('paper'), archiveBuildInput).returns<ExportedFile>()),
  'paper.archiveVerify': job(
    'Проверка архива',
    read(
      view('paper'),
      z.object({
        /** The archive file given to the host (an upload, or a file chosen in the dialog): its `InputFile.id`. */
        file: z.string({ error: 'Выберите файл архива' }).min(1, 'Выберите файл архива').max(MAX.id, 'Файл не найден: выберите его снова'),
      }),
    ).returns<ArchiveVerifyResult>(),
  ),
};
