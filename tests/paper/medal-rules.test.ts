// The medal commission's rules as pure functions (issue 14 point 5; electron/core/paper/medal/rules.ts):
// the usual rounding (x.5 up), the final mark from the half-year and year marks, and the medal
// conditions on the final marks, by hand.
import { describe, expect, it } from 'vitest';
import type { MarkValue } from '../../electron/api/enums';
import { MEDAL_RULES, finalMark, medalStatus, roundHalfUp, type FinalMark } from '../../electron/core/paper/medal/rules';

const L = ['1 полугодие 10 класса', '2 полугодие 10 класса', 'год 10 класса', '1 полугодие 11 класса', '2 полугодие 11 класса', 'год 11 класса'];
const six = (...v: (MarkValue | null)[]) => v.map((value, i) => ({ label: L[i]!, value }));
const mark = (value: 1 | 2 | 3 | 4 | 5): FinalMark => ({ kind: 'mark', value, mean: value });

describe('roundHalfUp: the usual rule', () => {
  it('rounds x.5 up and below it down', () => {
    expect(roundHalfUp(4.5)).toBe(5);
    expect(roundHalfUp(4.49)).toBe(4);
    expect(roundHalfUp(4.4999)).toBe(4);
    expect(roundHalfUp(3.5)).toBe(4);
    expect(roundHalfUp(4)).toBe(4);
    expect(roundHalfUp(4.51)).toBe(5);
    expect(roundHalfUp(27 / 6)).toBe(5); // 4.5 as a computed mean
    expect(roundHalfUp(26 / 6)).toBe(4); // 4.33…
    expect(roundHalfUp(0.1 + 0.2 + 4.2)).toBe(5); // 4.5000000000000001-ish floating sums
  });
});

describe('finalMark: the mean of the half-year and year marks of grades 10 and 11', () => {
  it('gives the rounded mean with the mean itself', () => {
    expect(finalMark(six('5', '5', '5', '5', '5', '5'))).toEqual({ kind: 'mark', value: 5, mean: 5 });
    expect(finalMark(six('5', '4', '5', '4', '5', '4'))).toEqual({ kind: 'mark', value: 5, mean: 4.5 });
    expect(finalMark(six('4', '4', '4', '5', '5', '4'))).toMatchObject({ kind: 'mark', value: 4 });
    expect(finalMark(six('3', '4', '4', '3', '4', '4'))).toMatchObject({ kind: 'mark', value: 4 }); // 3.67
    expect(finalMark(six('3', '3', '4', '3', '4', '3'))).toMatchObject({ kind: 'mark', value: 3 }); // 3.33
    expect(finalMark(six('5', '4', '5').slice(0, 3))).toMatchObject({ kind: 'mark', value: 5 }); // a subject of grade 10 only: 4.67
  });

  it('gives no final mark when a mark is missing or «н/а», naming which', () => {
    expect(finalMark(six('5', '5', '5', '5', null, '5'))).toEqual({ kind: 'none', reason: 'нет отметки за 2 полугодие 11 класса' });
    expect(finalMark(six('5', '5', '5', '5', null, null))).toEqual({ kind: 'none', reason: 'нет отметки за 2 полугодие 11 класса, год 11 класса' });
    expect(finalMark(six('na', '5', '5', '5', '5', null))).toEqual({ kind: 'none', reason: 'нет отметки за год 11 класса; «н/а» за 1 полугодие 10 класса' });
    expect(finalMark([])).toEqual({ kind: 'none', reason: 'нет отметок' });
  });

  it('does not count «зач» and «осв.» toward the medal; «незач» is a failure', () => {
    expect(finalMark(six('pass', 'pass', 'pass', 'pass', 'pass', 'pass'))).toEqual({ kind: 'notCounted', label: 'зач' });
    expect(finalMark(six(null, null, null, null, null, null), true)).toEqual({ kind: 'notCounted', label: 'зач' });
    expect(finalMark(six('5', '5', 'exempt', 'exempt', 'exempt', 'exempt'))).toEqual({ kind: 'notCounted', label: 'осв.' });
    expect(finalMark(six('pass', 'fail', 'pass', 'pass', 'pass', 'pass'))).toEqual({ kind: 'fail', label: 'незач' });
  });
});

describe('medalStatus: the conditions on the final marks', () => {
  const subj = (finals: Record<string, FinalMark>) => Object.entries(finals).map(([name, final]) => ({ name, final }));
  const zach: FinalMark = { kind: 'notCounted', label: 'зач' };

  it('I степени: «5» in every counted subject («зач» aside)', () => {
    expect(medalStatus(subj({ Алгебра: mark(5), Химия: mark(5), 'Физическая культура': zach }))).toEqual({ kind: 'first', text: 'претендент на медаль I степени (по отметкам)' });
  });

  it('II степени: at most two «4»', () => {
    expect(medalStatus(subj({ Алгебра: mark(4), Химия: mark(5), Литература: mark(4) }))).toEqual({
      kind: 'second',
      text: 'претендент на медаль II степени (по отметкам; «4»: Алгебра, Литература)',
    });
    expect(medalStatus(subj({ Алгебра: mark(4), Химия: mark(5) })).kind).toBe('second');
  });

  it('not a candidate: three «4», a «3», «незач» — naming the subjects', () => {
    expect(medalStatus(subj({ Алгебра: mark(4), Химия: mark(4), Литература: mark(4), История: mark(5) }))).toEqual({
      kind: 'none',
      text: 'не претендует: итоговые «4» по 3 предметам (Алгебра, Химия, Литература)',
    });
    expect(medalStatus(subj({ Алгебра: mark(5), Химия: mark(3) }))).toEqual({ kind: 'none', text: 'не претендует: по предмету Химия итоговая «3»' });
    // A «3» decides even with a final missing elsewhere.
    expect(medalStatus(subj({ Химия: mark(3), Алгебра: { kind: 'none', reason: 'нет отметки за год 11 класса' } })).kind).toBe('none');
    expect(medalStatus(subj({ Алгебра: mark(5), 'Физическая культура': { kind: 'fail', label: 'незач' } }))).toEqual({
      kind: 'none',
      text: 'не претендует: по предмету Физическая культура «незач»',
    });
  });

  it('open while a final mark is missing, naming the subject and the reason', () => {
    expect(medalStatus(subj({ Алгебра: { kind: 'none', reason: 'нет отметки за 2 полугодие 11 класса' }, Химия: mark(5) }))).toEqual({
      kind: 'incomplete',
      text: 'нет итоговой отметки: Алгебра (нет отметки за 2 полугодие 11 класса)',
    });
    expect(medalStatus([]).kind).toBe('incomplete');
    // Grouped by the reason; more than three subjects of one reason counted.
    const none = (reason: string): FinalMark => ({ kind: 'none', reason });
    expect(medalStatus(subj({ А: none('нет данных за 10 класс'), Б: none('нет данных за 10 класс'), В: none('нет данных за 10 класс'), Г: none('нет данных за 10 класс'), Д: none('нет отметки за год 11 класса'), Е: mark(5) })).text).toBe(
      'нет итоговой отметки: 4 предмета (нет данных за 10 класс); Д (нет отметки за год 11 класса)',
    );
  });

  it('keeps every threshold in one constant with its source', () => {
    expect(MEDAL_RULES.source).toContain('№ 730');
    expect(MEDAL_RULES.first).toMatchObject({ maxFours: 0, egeRussian: 70, egeOther: 70 });
    expect(MEDAL_RULES.second).toMatchObject({ maxFours: 2, egeRussian: 60, egeOther: 60 });
  });
});
