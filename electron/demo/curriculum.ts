// Subjects and weekly hours of the federal curriculum (ФОП НОО/ООО/СОО, 5-day week).
import type { GradingScheme } from '../../db/schema';

export type SubjectKey =
  | 'rus' | 'litread' | 'lit' | 'eng' | 'ger' | 'math' | 'alg' | 'geom' | 'prob' | 'inf' | 'world'
  | 'hist' | 'soc' | 'geo' | 'bio' | 'phys' | 'chem' | 'art' | 'music' | 'tech' | 'pe' | 'obzr'
  | 'orkse' | 'odnknr' | 'project' | 'talks';

export interface SubjectDef {
  key: SubjectKey;
  name: string;
  short: string;
  grading: GradingScheme;
  noAttestation: boolean;
}

export const SUBJECTS: readonly SubjectDef[] = [
  { key: 'rus', name: 'Русский язык', short: 'Рус. яз.', grading: 'five_point', noAttestation: false },
  { key: 'litread', name: 'Литературное чтение', short: 'Лит. чт.', grading: 'five_point', noAttestation: false },
  { key: 'lit', name: 'Литература', short: 'Лит-ра', grading: 'five_point', noAttestation: false },
  { key: 'eng', name: 'Иностранный язык (английский)', short: 'Англ. яз.', grading: 'five_point', noAttestation: false },
  { key: 'ger', name: 'Второй иностранный язык (немецкий)', short: 'Нем. яз.', grading: 'five_point', noAttestation: false },
  { key: 'math', name: 'Математика', short: 'Матем.', grading: 'five_point', noAttestation: false },
  { key: 'alg', name: 'Алгебра', short: 'Алгебра', grading: 'five_point', noAttestation: false },
  { key: 'geom', name: 'Геометрия', short: 'Геом.', grading: 'five_point', noAttestation: false },
  { key: 'prob', name: 'Вероятность и статистика', short: 'Вер. и стат.', grading: 'five_point', noAttestation: false },
  { key: 'inf', name: 'Информатика', short: 'Информ.', grading: 'five_point', noAttestation: false },
  { key: 'world', name: 'Окружающий мир', short: 'Окр. мир', grading: 'five_point', noAttestation: false },
  { key: 'hist', name: 'История', short: 'История', grading: 'five_point', noAttestation: false },
  { key: 'soc', name: 'Обществознание', short: 'Общ-во', grading: 'five_point', noAttestation: false },
  { key: 'geo', name: 'География', short: 'Геогр.', grading: 'five_point', noAttestation: false },
  { key: 'bio', name: 'Биология', short: 'Биол.', grading: 'five_point', noAttestation: false },
  { key: 'phys', name: 'Физика', short: 'Физика', grading: 'five_point', noAttestation: false },
  { key: 'chem', name: 'Химия', short: 'Химия', grading: 'five_point', noAttestation: false },
  { key: 'art', name: 'Изобразительное искусство', short: 'ИЗО', grading: 'five_point', noAttestation: false },
  { key: 'music', name: 'Музыка', short: 'Музыка', grading: 'five_point', noAttestation: false },
  { key: 'tech', name: 'Труд (технология)', short: 'Труд', grading: 'five_point', noAttestation: false },
  { key: 'pe', name: 'Физическая культура', short: 'Физ-ра', grading: 'five_point', noAttestation: false },
  { key: 'obzr', name: 'Основы безопасности и защиты Родины', short: 'ОБЗР', grading: 'five_point', noAttestation: false },
  { key: 'orkse', name: 'Основы религиозных культур и светской этики', short: 'ОРКСЭ', grading: 'pass_fail', noAttestation: false },
  { key: 'odnknr', name: 'Основы духовно-нравственной культуры народов России', short: 'ОДНКНР', grading: 'five_point', noAttestation: false },
  { key: 'project', name: 'Индивидуальный проект', short: 'Инд. проект', grading: 'five_point', noAttestation: true },
  { key: 'talks', name: 'Разговоры о важном', short: 'Разг. о важном', grading: 'none', noAttestation: true },
];

export const SUBJECT_NAME: Readonly<Record<SubjectKey, string>> = Object.fromEntries(
  SUBJECTS.map((s) => [s.key, s.name]),
) as Record<SubjectKey, string>;

/** Maximum weekly load (5-day week, SanPiN 1.2.3685-21), «Разговоры о важном» included. */
export const WEEKLY_LIMIT: Readonly<Record<number, number>> = {
  1: 21, 2: 23, 3: 23, 4: 23, 5: 29, 6: 30, 7: 32, 8: 33, 9: 33, 10: 34, 11: 34,
};

type Plan = readonly (readonly [SubjectKey, number])[];

const PRIMARY_2_3: Plan = [
  ['rus', 5], ['litread', 4], ['eng', 2], ['math', 4], ['world', 2], ['art', 1], ['music', 1],
  ['tech', 1], ['pe', 2], ['talks', 1],
];

const BASE: Readonly<Record<number, Plan>> = {
  1: [['rus', 5], ['litread', 4], ['math', 4], ['world', 2], ['art', 1], ['music', 1], ['tech', 1], ['pe', 2], ['talks', 1]],
  2: PRIMARY_2_3,
  3: PRIMARY_2_3,
  4: [['rus', 5], ['litread', 3], ['eng', 2], ['math', 4], ['world', 2], ['orkse', 1], ['art', 1], ['music', 1], ['tech', 1], ['pe', 2], ['talks', 1]],
  5: [['rus', 5], ['lit', 3], ['eng', 3], ['math', 5], ['hist', 2], ['geo', 1], ['bio', 1], ['art', 1], ['music', 1], ['tech', 2], ['pe', 2], ['odnknr', 1], ['talks', 1]],
  6: [['rus', 6], ['lit', 3], ['eng', 3], ['math', 5], ['hist', 2], ['soc', 1], ['geo', 1], ['bio', 1], ['art', 1], ['music', 1], ['tech', 2], ['pe', 2], ['odnknr', 1], ['talks', 1]],
  7: [['rus', 4], ['lit', 2], ['eng', 3], ['alg', 3], ['geom', 2], ['prob', 1], ['inf', 1], ['hist', 2], ['soc', 1], ['geo', 2], ['bio', 1], ['phys', 2], ['art', 1], ['music', 1], ['tech', 2], ['pe', 2], ['talks', 1]],
  8: [['rus', 3], ['lit', 2], ['eng', 3], ['alg', 3], ['geom', 2], ['prob', 1], ['inf', 1], ['hist', 2], ['soc', 1], ['geo', 2], ['bio', 1], ['phys', 2], ['chem', 2], ['music', 1], ['tech', 1], ['pe', 2], ['obzr', 1], ['talks', 1]],
  9: [['rus', 3], ['lit', 3], ['eng', 3], ['alg', 3], ['geom', 2], ['prob', 1], ['inf', 1], ['hist', 2], ['soc', 1], ['geo', 2], ['bio', 2], ['phys', 3], ['chem', 2], ['tech', 1], ['pe', 2], ['obzr', 1], ['talks', 1]],
};

/** Senior school: «А» is the technological profile, «Б» the social-humanitarian one, the rest
 *  the universal profile. */
const SENIOR_UNIVERSAL: Plan = [
  ['rus', 2], ['lit', 3], ['eng', 3], ['alg', 3], ['geom', 2], ['prob', 1], ['inf', 1], ['hist', 2],
  ['soc', 2], ['geo', 1], ['bio', 1], ['phys', 2], ['chem', 1], ['pe', 2], ['obzr', 1], ['project', 1],
  ['talks', 1],
];
const SENIOR_TECH: Partial<Record<SubjectKey, number>> = { alg: 4, geom: 3, inf: 2, phys: 4 };
const SENIOR_SOC: Partial<Record<SubjectKey, number>> = { eng: 4, hist: 3, soc: 4 };

/** Weekly hours per subject for a class of `grade` whose letter is the `letterIndex`-th. */
export function classPlan(grade: number, letterIndex: number): Plan {
  if (grade >= 10) {
    const over = letterIndex === 0 ? SENIOR_TECH : letterIndex === 1 ? SENIOR_SOC : {};
    return SENIOR_UNIVERSAL.map(([k, h]) => [k, over[k] ?? h] as const);
  }
  const base = BASE[grade];
  if (!base) throw new Error(`No curriculum for grade ${grade}`);
  // The «А» classes of grades 7–8 learn German as a second foreign language.
  if ((grade === 7 || grade === 8) && letterIndex === 0) return [...base, ['ger', 1]];
  return base;
}
