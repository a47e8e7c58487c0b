// The personal-file number (номер личного дела) = the entry of «Алфавитная книга записи
// обучающихся» (issue 12, R11): each first letter of the surname has its own numbering; the number
// is given at enrollment and never reused, so the next one is the highest ever given for the letter
// (deleted students included) + 1: «И-12».
import type { Db } from '../../../db';

/** The letter of the alphabetical book a surname belongs to: its first letter, upper case («Ё» its own). */
export function bookLetter(lastName: string): string {
  return (Array.from(lastName.trim())[0] ?? '?').toLocaleUpperCase('ru-RU');
}

/** «И-12» → 12 for the letter «И»; null when the number is not of that letter's numbering. */
function entryOf(fileNo: string, letter: string): number | null {
  const m = /^\s*(\p{L})\s*-\s*(\d{1,9})\s*$/u.exec(fileNo);
  if (!m || m[1]!.toLocaleUpperCase('ru-RU') !== letter) return null;
  return Number(m[2]);
}

/** The next entry of the alphabetical book for the surname's letter: «И-12». Read inside the signing transaction. */
export function nextPersonalFileNo(db: Db, lastName: string): string {
  const letter = bookLetter(lastName);
  // Every number ever written: a student's row keeps its number when removed (tombstone).
  const rows = db.statement(`SELECT personal_file_no AS no FROM student WHERE personal_file_no LIKE ? || '%'`).all(letter) as { no: string }[];
  const lower = db.statement(`SELECT personal_file_no AS no FROM student WHERE personal_file_no LIKE ? || '%'`).all(letter.toLocaleLowerCase('ru-RU')) as { no: string }[];
  let max = 0;
  for (const r of [...rows, ...lower]) {
    const n = entryOf(r.no, letter);
    if (n !== null && n > max) max = n;
  }
  return `${letter}-${max + 1}`;
}
