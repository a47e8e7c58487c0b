// Maximum lengths of every text the program stores (issue 8: every text has a maximum length in
// the core). The core's zod schemas enforce them; the renderer reads the same numbers to say so
// next to the field while the user types. Plain data: shared by the core and the renderer.

export const MAX = {
  /** One part of a person's name: Фамилия, Имя or Отчество. */
  namePart: 60,
  /** A name written in one field: «Фамилия Имя Отчество» of an app user, a reporter. */
  personName: 200,
  schoolFullName: 500,
  schoolShortName: 150,
  /** Names of things: subjects, study groups, years, periods, holidays, bell schedules, rooms, positions. */
  title: 150,
  /** Short subject name for narrow columns. */
  shortTitle: 30,
  roomNumber: 20,
  address: 300,
  phone: 40,
  email: 254,
  snils: 14,
  personalFileNo: 20,
  /** Relation of a guardian: «мать», «отец», «опекун»… */
  relation: 40,
  /** Free text: a correction's description and resolution. */
  note: 2000,
  /** A search box or a filter's text. */
  search: 200,
  /** A file name given by the user or by the browser. */
  fileName: 255,
  /** A file path on this computer (backup folder, backup file). */
  path: 1024,
  /** Class letters: one or two Cyrillic letters («А», «ИТ»). */
  classLetter: 2,
  password: 200,
} as const;

export type TextKind = keyof typeof MAX;

/** «Поле «Фамилия» — не более 60 символов» («не более 1 символа», «21 символа»: the genitive after «не более»). */
export function tooLongMessage(label: string, max: number): string {
  const one = max % 10 === 1 && max % 100 !== 11;
  return `Поле «${label}» — не более ${max} ${one ? 'символа' : 'символов'}`;
}
