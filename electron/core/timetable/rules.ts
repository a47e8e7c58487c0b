// The editable limits of the timetable's warnings (TimetableRules), their defaults from practice
// (/work/shared/PRACTICE.md «Timetable»: СанПиН 1.2.3685-21 table 6.6 for the weekly and daily
// load; the difficulty scale of СанПиН 2.4.2.2821-10 annex 3, matched to the school's subjects by
// name; the peak on Tuesday/Wednesday; first grade's step mode), and the check of a saved rules
// object: every field validated with a Russian message, nothing coerced.
import { z } from 'zod';
import type { TimetableRules } from '../../api/timetable';
import { invalid, type Problem } from '../../api/errors';
import { ruFold } from '../../api/text';

const GRADES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'] as const;

/** Weekly maximum (5-day, 6-day week), СанПиН 1.2.3685-21 table 6.6. */
const WEEKLY: Record<string, [number | null, number | null]> = {
  '1': [21, null], '2': [23, 26], '3': [23, 26], '4': [23, 26], '5': [29, 32], '6': [30, 33],
  '7': [32, 35], '8': [33, 36], '9': [33, 36], '10': [34, 37], '11': [34, 37],
};
/** Lessons a day at most (grade 1: 4; the one day a week with 5 including PE is not told apart). */
const DAILY: Record<string, number> = { '1': 4, '2': 5, '3': 5, '4': 5, '5': 6, '6': 6, '7': 7, '8': 7, '9': 7, '10': 7, '11': 7 };
/** First grade's step mode: September–October 3 lessons, November–December 4, January–May 4. */
const FIRST_GRADE: Record<string, number> = { '09': 3, '10': 3, '11': 4, '12': 4, '01': 4, '02': 4, '03': 4, '04': 4, '05': 4 };

/**
 * The difficulty scale by name pattern: points for grades 1–4, then 5, 6, 7, 8, 9 (null: not in
 * the table). Grades 10–11: not in the source: no defaults (editable).
 */
const SCALE: [RegExp, number | null, (number | null)[]][] = [
  [/^математика/, 8, [10, 13, null, null, null]],
  [/^алгебра/, null, [null, null, 10, 9, 7]],
  [/^геометрия/, null, [null, null, 12, 10, 8]],
  [/^химия/, null, [null, null, 13, 10, 12]],
  [/^физика/, null, [null, null, 8, 9, 13]],
  [/^биология/, null, [10, 8, 7, 7, 7]],
  [/^(иностранный|английский|немецкий|французский)/, 7, [9, 11, 10, 8, 9]],
  [/^русский/, 7, [8, 12, 11, 7, 6]],
  [/^родной/, 7, [null, null, null, null, null]],
  [/^(литературное чтение)/, 5, [null, null, null, null, null]],
  [/^литература/, 5, [4, 6, 4, 4, 7]],
  [/^(окружающий мир|природоведение)/, 6, [null, null, null, null, null]],
  [/^информатика/, 6, [null, null, null, null, null]],
  [/^география/, null, [null, 7, 6, 6, 5]],
  [/^история/, 4, [5, 8, 6, 8, 10]],
  [/^(изобразительное|рисование|изо$)/, 3, [3, 3, 1, 3, null]],
  [/^музыка/, 3, [2, 1, 1, 1, null]],
  [/^(труд|технология)/, 2, [4, 3, 2, 1, 4]],
  [/^физическая культура|^физкультура/, 1, [3, 4, 2, 2, 2]],
  [/^(мхк|мировая художественная)/, null, [null, null, 8, 5, 5]],
  [/^черчение/, null, [null, null, null, 5, 4]],
];

/** The default difficulty of one subject by its name: points by grade ('1'…'9'). */
export function defaultDifficulty(subjectName: string): Record<string, number> {
  const name = ruFold(subjectName.trim());
  const row = SCALE.find(([re]) => re.test(name));
  const out: Record<string, number> = {};
  if (!row) return out;
  const [, primary, middle] = row;
  if (primary !== null) for (const g of ['1', '2', '3', '4']) out[g] = primary;
  middle.forEach((p, i) => {
    if (p !== null) out[String(5 + i)] = p;
  });
  return out;
}

/** The defaults for a school's subjects. */
export function defaultRules(subjects: readonly { id: string; name: string }[]): TimetableRules {
  const difficulty: Record<string, Record<string, number>> = {};
  for (const s of subjects) {
    const d = defaultDifficulty(s.name);
    if (Object.keys(d).length) difficulty[s.id] = d;
  }
  return {
    weeklyMax: structuredClone(WEEKLY),
    dailyMax: { ...DAILY },
    difficulty,
    hardFrom: 10,
    maxHardInRow: 1,
    peakDays: [2, 3],
    maxTeacherWindows: 1,
    firstGradeDaily: { ...FIRST_GRADE },
  };
}

// ---------------------------------------------------------------------------------------------
// Validation of a saved rules object (timetable.saveRules): each given field replaces the stored one.

const gradeKey = z.enum(GRADES, { error: 'Параллель — от 1 до 11' });
const whole = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}: нужно число` })
    .refine((v) => Number.isInteger(v), `${label} — целое число`)
    .refine((v) => v >= min && v <= max, `${label} — от ${min} до ${max}`);
const strictRecord = <V extends z.ZodType>(key: z.ZodType<string>, value: V, label: string) =>
  z.record(z.string({ error: `${label}: нужен список` }), value, { error: `${label}: нужен список` }).superRefine((r, ctx) => {
    for (const k of Object.keys(r)) if (!key.safeParse(k).success) ctx.addIssue({ code: 'custom', message: `${label}: неизвестный ключ «${k.slice(0, 40)}»`, path: [k] });
  });
const monthKey = z.enum(['09', '10', '11', '12', '01', '02', '03', '04', '05', '06', '07', '08']);

export const rulesSchema = z
  .object({
    weeklyMax: strictRecord(
      gradeKey,
      z.tuple([whole('Часов в неделю (5 дней)', 1, 60).nullable(), whole('Часов в неделю (6 дней)', 1, 60).nullable()], { error: 'Часов в неделю: нужны два числа (5 и 6 дней)' }),
      'Часов в неделю',
    ),
    dailyMax: strictRecord(gradeKey, whole('Уроков в день', 1, 12), 'Уроков в день'),
    difficulty: z.record(
      z.string({ error: 'Трудность: нужен предмет' }).max(64, 'Трудность: неизвестный предмет'),
      strictRecord(gradeKey, whole('Баллы трудности', 0, 20), 'Баллы трудности'),
      { error: 'Трудность предметов: нужен список' },
    ),
    hardFrom: whole('Трудный предмет — от баллов', 1, 20),
    maxHardInRow: whole('Трудных уроков подряд', 1, 12),
    peakDays: z
      .array(whole('День пика трудности', 1, 6), { error: 'Дни пика трудности: нужен список' })
      .max(6, 'Дней пика трудности — не больше 6')
      .refine((xs) => new Set(xs).size === xs.length, 'Дни пика трудности повторяются'),
    maxTeacherWindows: whole('Окон у учителя в день', 0, 12),
    firstGradeDaily: strictRecord(monthKey, whole('Уроков в день в 1 классе', 1, 12), 'Ступенчатый режим 1 класса'),
  })
  .partial()
  .strict();

/** The stored rules over the defaults: fields stored replace the default ones. */
export function effectiveRules(stored: string, subjects: readonly { id: string; name: string }[]): TimetableRules {
  const defaults = defaultRules(subjects);
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored || '{}');
  } catch {
    return defaults;
  }
  const r = rulesSchema.safeParse(parsed);
  if (!r.success) return defaults;
  return { ...defaults, ...(r.data as Partial<TimetableRules>) };
}

/** Validates the fields to save; unknown subjects in the difficulty table are refused. */
export function parseRules(input: Record<string, unknown>, subjectIds: ReadonlySet<string>): Partial<TimetableRules> {
  const r = rulesSchema.safeParse(input);
  if (!r.success) {
    const problems: Problem[] = r.error.issues.slice(0, 20).map((i) => ({ column: i.path.join('.'), message: i.message === 'Unrecognized key' || i.code === 'unrecognized_keys' ? `Неизвестная настройка расписания: ${(i as { keys?: string[] }).keys?.join(', ').slice(0, 80) ?? ''}` : i.message }));
    throw invalid(problems[0]?.message ?? 'Неверные настройки расписания', problems);
  }
  const data = r.data as Partial<TimetableRules>;
  for (const id of Object.keys(data.difficulty ?? {}))
    if (!subjectIds.has(id)) throw invalid('Трудность: такого предмета нет в школе', [{ column: `difficulty.${id.slice(0, 64)}`, message: 'Такого предмета нет в школе' }]);
  return data;
}

/** Grades a rules change touches (for a deputy's parallels): every grade for the school-wide fields. */
export function touchedGrades(before: TimetableRules, patch: Partial<TimetableRules>): number[] {
  const out = new Set<number>();
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const byGrade = (a: Record<string, unknown>, b: Record<string, unknown>) => {
    for (const g of new Set([...Object.keys(a), ...Object.keys(b)])) if (!same(a[g], b[g])) out.add(Number(g));
  };
  if (patch.weeklyMax) byGrade(before.weeklyMax, patch.weeklyMax);
  if (patch.dailyMax) byGrade(before.dailyMax, patch.dailyMax);
  if (patch.difficulty)
    for (const id of new Set([...Object.keys(before.difficulty), ...Object.keys(patch.difficulty)])) byGrade(before.difficulty[id] ?? {}, patch.difficulty[id] ?? {});
  if (patch.firstGradeDaily && !same(before.firstGradeDaily, patch.firstGradeDaily)) out.add(1);
  for (const k of ['hardFrom', 'maxHardInRow', 'peakDays', 'maxTeacherWindows'] as const)
    if (patch[k] !== undefined && !same(before[k], patch[k])) for (let g = 1; g <= 11; g++) out.add(g);
  return [...out].sort((a, b) => a - b);
}
