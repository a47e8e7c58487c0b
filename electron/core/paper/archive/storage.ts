// The storage periods of the documents an archive holds (issue 14 point 5; R22), per kind, with
// their source: «Перечень типовых управленческих архивных документов, образующихся в процессе
// деятельности государственных органов, органов местного самоуправления и организаций, с указанием
// сроков их хранения», утв. приказом Росархива от 20.12.2019 № 236 (PRACTICE.md «Paper copies and
// archive»: class journals 5 years, summary statements of marks 25 years).
// TODO(archive): the article numbers of the Перечень are not verified here; name them («ст. …»)
// once checked against the order's text (docs/paper-copies.md «Архив»).
//
// How «хранить до» is counted: a storage period runs from 1 January of the year after the case was
// closed (the rules of archival storage); the copies of a school year are one case closed with the
// year, so a document of the year ending in Y is kept until 31.12 of Y + years, and may be
// selected for destruction (акт о выделении к уничтожению) from the next day.
import type { ArchiveStorage, ArchiveStorageKind } from '../../../api/paperArchive';

export const STORAGE_SOURCE = 'Приказ Росархива от 20.12.2019 № 236 (Перечень типовых управленческих архивных документов)';

export const STORAGE_KINDS: readonly ArchiveStorageKind[] = [
  { kind: 'copies', label: 'Классные журналы — бумажные копии электронного журнала', years: 5, source: STORAGE_SOURCE },
  { kind: 'statements', label: 'Сводные ведомости успеваемости', years: 25, source: STORAGE_SOURCE },
  { kind: 'data', label: 'Данные электронного журнала — XLSX', years: 5, source: STORAGE_SOURCE },
];

/** A reminder this many days before a storage period ends. */
export const REMIND_DAYS = 90;

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The last day of storage of a document of the school year ending on `yearEnd`. */
export function keptUntil(yearEnd: string, years: number): string {
  return `${Number(yearEnd.slice(0, 4)) + years}-12-31`;
}

export function storageOf(yearEnd: string, today: string): ArchiveStorage[] {
  return STORAGE_KINDS.map((k) => {
    const until = keptUntil(yearEnd, k.years);
    const state = today > until ? 'expired' : addDays(today, REMIND_DAYS) >= until ? 'due' : 'ok';
    return { ...k, until, state };
  });
}
