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
  /** Issue 12: an enrollment application's number, status and the child's birth certificate as the module writes them. */
  regNumber: 50,
  applicationStatus: 150,
  birthCertificate: 40,
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
  /** A login of an app user. */
  login: 40,
  /** How to reach a person: a phone, an e-mail or a few words («через классного руководителя»). */
  contact: 254,
  /** An id of a record (UUIDv7: 36 characters). */
  id: 64,
  /** The central system's address (sync, issue 10). */
  serverUrl: 500,
  /** A one-time enrollment code of the central system. */
  enrollmentCode: 64,
  /** How this installation calls itself to the central system. */
  installationName: 200,
  /** The title of an order (приказ) about students (issue 12). */
  orderTitle: 300,
} as const;

export type TextKind = keyof typeof MAX;

/** «Поле «Фамилия» — не более 60 символов» («не более 1 символа», «21 символа»: the genitive after «не более»). */
export function tooLongMessage(label: string, max: number): string {
  const one = max % 10 === 1 && max % 100 !== 11;
  return `Поле «${label}» — не более ${max} ${one ? 'символа' : 'символов'}`;
}

/**
 * Maximum numbers of items in the lists an operation carries (issue 8: nothing unbounded reaches the
 * core). Each is well above what a school has: the numbers a real screen sends stay far below.
 */
export const MAX_ITEMS = {
  /** Study periods of one year: quarters, halves or trimesters for several ranges of parallels. */
  periods: 30,
  /** Holidays of one year. */
  holidays: 50,
  /** Lessons of one bell schedule: lesson numbers 0..12. */
  bells: 13,
  /** Cells of the curriculum saved at once: a 5000-student school has about 200 classes × 30 subjects. */
  curriculumCells: 10_000,
  /** Parents and other legal representatives of one student. */
  guardians: 10,
  /** Members of one study group. */
  studyGroupMembers: 1000,
  /** Class letters created at once (the Russian alphabet has 33 letters). */
  letters: 33,
  /** Parallels a deputy director is responsible for. */
  grades: 11,
  /** Roles on a staff card. */
  staffRoles: 5,
  /** Subjects a teacher may teach. */
  staffSubjects: 50,
  /** Lines of the rule of division into subgroups. */
  ruleItems: 500,
  /** Fields of an import's column mapping. */
  mappingFields: 64,
  /** Students (items) of one order: a whole first-grade intake and more. */
  orderItems: 2000,
  /** Copies of parent statements marked handed at once (a whole school's batch). */
  statementCopies: 5000,
} as const;

/** «Каникул — не более 50» */
export function tooManyMessage(what: string, max: number): string {
  return `${what} — не более ${max.toLocaleString('ru-RU')}`;
}

/** The biggest column index an import mapping may name (Excel has 16 384 columns). */
export const MAX_COLUMN_INDEX = 16_383;

const LOOKALIKES: Record<string, string> = { A: 'А', B: 'В', E: 'Е', K: 'К', M: 'М', H: 'Н', O: 'О', P: 'Р', C: 'С', T: 'Т', X: 'Х' };

/**
 * A class letter as stored: trimmed, upper case, Latin letters that look like Cyrillic ones (typed
 * with the wrong keyboard layout) written as those Cyrillic ones — the same letter on the screen.
 */
export function normalizeClassLetter(letter: string): string {
  return letter
    .trim()
    .toUpperCase()
    .replace(/[ABEKMHOPCTX]/g, (ch) => LOOKALIKES[ch] ?? ch);
}

/** Why a (normalized) class letter is refused, in Russian; null when it is one or two Cyrillic letters. */
export function classLetterProblem(letter: string): string | null {
  if (letter === '') return 'Поле «Литера» не заполнено';
  if (letter.length > MAX.classLetter || !/^[А-ЯЁ]{1,2}$/.test(letter))
    return `Литера класса — одна или две русские буквы, например «А» или «ИТ»; указано «${letter.length > 10 ? `${letter.slice(0, 10)}…` : letter}»`;
  return null;
}
