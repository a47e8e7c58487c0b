// The year-end check's rules (issue 15 point 1; R24; docs/year-end.md «Итоги года»). Pure: no database,
// no clock (tests/yearEnd/check-rules.test.ts).
// - The attestation mark («ПА») decides the debts: '2', '1', «незач» → unsatisfactory; «н/а» → absent
//   (the shared semantics of issue 15, point 1).
// - The year mark decides «одна 3», «одна 4», «отличник», over the class's attested subjects, and only
//   when every one of them has a year mark (a missing one is listed as missing, not guessed).
import type { DebtReason, MarkValue } from '../../../api/enums';

/** The debt an attestation mark makes, or null for a satisfactory (or absent) mark. */
export function debtReason(value: MarkValue | null): DebtReason | null {
  if (value === '2' || value === '1' || value === 'fail') return 'unsatisfactory';
  if (value === 'na') return 'absent';
  return null;
}

/** «зач» and «осв.» neither spoil nor make an отличник. */
const NEUTRAL: ReadonlySet<MarkValue> = new Set(['pass', 'exempt']);

export type YearStanding =
  | { kind: 'excellent' }
  | { kind: 'oneThree'; subjectId: string }
  | { kind: 'oneFour'; subjectId: string }
  /** Another picture (several «4», a «3» and more, a «2», «н/а»…), or no numeric mark at all. */
  | { kind: 'other' }
  /** A year mark is missing: not classified. */
  | { kind: 'incomplete' };

/**
 * Where the year marks put a student: all «5» (with «зач»/«осв.» beside them) — an отличник; exactly
 * one «4», the rest «5» — one «4»; exactly one «3», the rest «4»/«5» — one «3».
 */
export function yearStanding(marks: readonly { subjectId: string; value: MarkValue | null }[]): YearStanding {
  if (!marks.length) return { kind: 'other' };
  if (marks.some((m) => m.value === null)) return { kind: 'incomplete' };
  const counted = marks.filter((m) => !NEUTRAL.has(m.value!));
  if (!counted.length) return { kind: 'other' };
  const of = (v: MarkValue) => counted.filter((m) => m.value === v);
  const fives = of('5').length;
  const fours = of('4');
  const threes = of('3');
  if (fives + fours.length + threes.length !== counted.length) return { kind: 'other' };
  if (!threes.length && !fours.length) return { kind: 'excellent' };
  if (!threes.length && fours.length === 1) return { kind: 'oneFour', subjectId: fours[0]!.subjectId };
  if (threes.length === 1) return { kind: 'oneThree', subjectId: threes[0]!.subjectId };
  return { kind: 'other' };
}

/** The rules as text, under the table and the printed document. */
export const CHECK_RULES: readonly string[] = [
  'Задолженности — по отметкам промежуточной аттестации (ПА): «2», «1», «незач» — неудовлетворительный результат; «н/а» — не прошёл аттестацию (если причина уважительная, задолженность не оформляется).',
  '«Одна 3», «одна 4», отличники — по годовым отметкам всех аттестуемых предметов; «зач» и «осв.» не мешают; ученик без какой-либо годовой отметки не учитывается, пока её нет.',
  '11 класс: итоговая отметка аттестата и претенденты на медаль — по правилам медальной комиссии (среднее полугодовых и годовых отметок 10 и 11 классов, x,5 — в большую сторону). 9 класс: в аттестат — годовые отметки 9 класса; графа «ОГЭ» заполняется вручную.',
];
