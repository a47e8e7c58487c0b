// The medal commission's rules (issue 14 point 5; R22, `004 §2.1`; /work/shared/PRACTICE.md «Medals»):
// the final mark of the 11th-grade certificate is the arithmetic mean of the half-year and year marks
// of grades 10 and 11, rounded by the usual rule (x.5 up); the medal conditions on the final marks.
// Pure functions: no database, no clock (tests/paper/medal-rules.test.ts).
import type { MarkValue } from '../../../api/enums';
import { countOf } from '../../../api/plural';

/**
 * The medal conditions, all thresholds in one place. Source: Приказ Минпросвещения России от
 * 29.09.2023 № 730 «Об утверждении Порядка выдачи медали „За особые успехи в учении“» (I и II степени).
 * The ЕГЭ results are not in the app: the statement leaves their columns to be filled by hand.
 */
export const MEDAL_RULES = {
  source: 'Приказ Минпросвещения России от 29.09.2023 № 730',
  first: {
    /** «4» allowed among the final marks (none: «5» in every subject). */
    maxFours: 0,
    /** ЕГЭ: Russian and one other subject, each at least this many points… */
    egeRussian: 70,
    egeOther: 70,
    /** …or (only Russian and base-level mathematics taken) base mathematics at this mark. */
    baseMath: 5,
  },
  second: { maxFours: 2, egeRussian: 60, egeOther: 60, baseMath: 5 },
} as const;

/** x.5 up, the usual rule: 4.5 → 5, 4.49 → 4 (an integer mean stays). */
export function roundHalfUp(x: number): number {
  // The means are of a few integers (halves, thirds, sixths): a tolerance far below their steps
  // keeps 4.5 computed as 4.4999999… from rounding down.
  return Math.floor(x + 0.5 + 1e-9);
}

/** A mark of the statement's columns, with what it is for («1 полугодие 10 класса»). */
export interface LabelledMark {
  label: string;
  value: MarkValue | null;
}

export type FinalMark =
  /** A number: the mean of the marks and the mark it rounds to. */
  | { kind: 'mark'; value: 1 | 2 | 3 | 4 | 5; mean: number }
  /** «зач» / «осв.»: the subject is not counted toward the medal. */
  | { kind: 'notCounted'; label: string }
  /** «незач» in some column: an unsatisfactory result. */
  | { kind: 'fail'; label: string }
  /** No final mark: the reason names the missing (or «н/а») columns. */
  | { kind: 'none'; reason: string };

/**
 * The final mark of a subject from its half-year and year marks (grades 10 and 11, those the
 * subject was studied in). Every column is needed: a missing one or «н/а» gives no final mark,
 * naming them. A pass/fail subject («зач») or an exemption («осв.») is not counted toward the medal;
 * «незач» is an unsatisfactory result.
 */
export function finalMark(marks: readonly LabelledMark[], passFail = false): FinalMark {
  if (marks.some((m) => m.value === 'fail')) return { kind: 'fail', label: 'незач' };
  if (marks.some((m) => m.value === 'exempt')) return { kind: 'notCounted', label: 'осв.' };
  if (passFail || marks.some((m) => m.value === 'pass')) return { kind: 'notCounted', label: 'зач' };
  if (!marks.length) return { kind: 'none', reason: 'нет отметок' };
  const missing = marks.filter((m) => m.value === null).map((m) => m.label);
  const na = marks.filter((m) => m.value === 'na').map((m) => m.label);
  const why: string[] = [];
  if (missing.length) why.push(`нет отметки за ${missing.join(', ')}`);
  if (na.length) why.push(`«н/а» за ${na.join(', ')}`);
  if (why.length) return { kind: 'none', reason: why.join('; ') };
  const nums = marks.map((m) => Number(m.value));
  const mean = nums.reduce((a, b) => a + b, 0) / nums.length;
  return { kind: 'mark', value: roundHalfUp(mean) as 1 | 2 | 3 | 4 | 5, mean };
}

export type MedalStatusKind = 'first' | 'second' | 'none' | 'incomplete';

export interface MedalStatus {
  kind: MedalStatusKind;
  /** «претендент на медаль I степени (по отметкам)», «не претендует: по предмету Химия итоговая «3»». */
  text: string;
}

/**
 * The medal conditions on the final marks (MEDAL_RULES; the ЕГЭ conditions are checked by the
 * commission on paper). Not a candidate when a final mark is «3» or lower, «незач», or there are
 * more «4» than the II degree allows — naming the subjects; otherwise missing final marks leave
 * the question open, naming them; otherwise I or II degree.
 */
export function medalStatus(subjects: readonly { name: string; final: FinalMark }[]): MedalStatus {
  const low = subjects.filter((s) => s.final.kind === 'mark' && s.final.value <= 3);
  if (low.length) {
    const s = low[0]!;
    const v = s.final.kind === 'mark' ? s.final.value : 0;
    return {
      kind: 'none',
      text: low.length === 1 ? `не претендует: по предмету ${s.name} итоговая «${v}»` : `не претендует: итоговые ниже «4» по предметам ${low.map((x) => `${x.name} «${x.final.kind === 'mark' ? x.final.value : ''}»`).join(', ')}`,
    };
  }
  const failed = subjects.filter((s) => s.final.kind === 'fail');
  if (failed.length) return { kind: 'none', text: `не претендует: по предмету ${failed.map((s) => s.name).join(', ')} «незач»` };
  const fours = subjects.filter((s) => s.final.kind === 'mark' && s.final.value === 4).map((s) => s.name);
  if (fours.length > MEDAL_RULES.second.maxFours) return { kind: 'none', text: `не претендует: итоговые «4» по ${fours.length} предметам (${fours.join(', ')})` };
  const missing = subjects.filter((s) => s.final.kind === 'none');
  if (missing.length) {
    // Grouped by the reason; more than three subjects of one reason counted rather than listed.
    const byReason = new Map<string, string[]>();
    for (const s of missing) {
      const why = s.final.kind === 'none' ? s.final.reason : '';
      (byReason.get(why) ?? byReason.set(why, []).get(why)!).push(s.name);
    }
    const groups = [...byReason].map(([why, names]) => `${names.length > 3 ? countOf(names.length, 'предмет', 'предмета', 'предметов') : names.join(', ')} (${why})`);
    return { kind: 'incomplete', text: `нет итоговой отметки: ${groups.join('; ')}` };
  }
  if (!subjects.some((s) => s.final.kind === 'mark')) return { kind: 'incomplete', text: 'нет итоговых отметок' };
  if (fours.length <= MEDAL_RULES.first.maxFours) return { kind: 'first', text: 'претендент на медаль I степени (по отметкам)' };
  return { kind: 'second', text: `претендент на медаль II степени (по отметкам; «4»: ${fours.join(', ')})` };
}
