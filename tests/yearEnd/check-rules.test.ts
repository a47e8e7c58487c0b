// The year-end check's pure rules (electron/core/yearEnd/check/rules.ts): which attestation mark makes
// which debt, and where the year marks put a student.
import { describe, expect, it } from 'vitest';
import type { MarkValue } from '../../electron/api/enums';
import { debtReason, yearStanding } from '../../electron/core/yearEnd/check/rules';

const marks = (...v: (MarkValue | null)[]) => v.map((value, i) => ({ subjectId: `s${i}`, value }));

describe('debtReason', () => {
  it('«2», «1», «незач» are unsatisfactory, «н/а» absent, the rest nothing', () => {
    expect((['2', '1', 'fail'] as const).map(debtReason)).toEqual(['unsatisfactory', 'unsatisfactory', 'unsatisfactory']);
    expect(debtReason('na')).toBe('absent');
    expect((['5', '4', '3', 'pass', 'exempt', null] as const).map(debtReason)).toEqual([null, null, null, null, null, null]);
  });
});

describe('yearStanding', () => {
  it('all «5», «зач» and «осв.» beside them: an отличник', () => {
    expect(yearStanding(marks('5', '5', 'pass', 'exempt'))).toEqual({ kind: 'excellent' });
  });
  it('exactly one «4», the rest «5»: one «4», naming the subject', () => {
    expect(yearStanding(marks('5', '4', 'pass'))).toEqual({ kind: 'oneFour', subjectId: 's1' });
  });
  it('exactly one «3», the rest «4» or «5»: one «3»', () => {
    expect(yearStanding(marks('4', '4', '3', '5'))).toEqual({ kind: 'oneThree', subjectId: 's2' });
    expect(yearStanding(marks('5', '3'))).toEqual({ kind: 'oneThree', subjectId: 's1' });
  });
  it('two «3», two «4» and a «3»… is another picture; so are a «2», «н/а», «незач»', () => {
    expect(yearStanding(marks('3', '3', '5')).kind).toBe('other');
    expect(yearStanding(marks('4', '4', '5')).kind).toBe('other');
    expect(yearStanding(marks('5', '2')).kind).toBe('other');
    expect(yearStanding(marks('5', 'na')).kind).toBe('other');
    expect(yearStanding(marks('5', 'fail')).kind).toBe('other');
  });
  it('a missing year mark leaves the student unclassified; only «зач» or no subjects is not an отличник', () => {
    expect(yearStanding(marks('5', null))).toEqual({ kind: 'incomplete' });
    expect(yearStanding(marks('pass', 'pass')).kind).toBe('other');
    expect(yearStanding([]).kind).toBe('other');
  });
});
