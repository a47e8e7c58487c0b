// docs/indicators.md ends with the table of what the UI shows beside each figure: it must be
// INDICATORS (electron/api/indicators.ts) to the letter, so the page never says one thing and the
// program another.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_RULES, INDICATORS, reportRules, reportRulesInput } from '../../electron/api/indicators';

const doc = readFileSync(new URL('../../docs/indicators.md', import.meta.url), 'utf8');

function indicatorTable(): string {
  return Object.entries(INDICATORS)
    .map(([key, d]) => `| \`${key}\` | ${d.name} | ${d.definition} |`)
    .join('\n');
}

describe('the indicators', () => {
  it('docs/indicators.md lists every figure with the definition the UI shows', () => {
    const at = doc.indexOf('## As the UI says it');
    expect(at).toBeGreaterThan(0);
    const rows = doc.slice(at).split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.join('\n')).toBe(indicatorTable());
  });

  it('stored rules read with the defaults where a key is missing or the value broken; the form takes only values in range', () => {
    expect(reportRules('{}')).toEqual(DEFAULT_REPORT_RULES);
    expect(reportRules('not json')).toEqual(DEFAULT_REPORT_RULES);
    expect(reportRules('{"markDays":5,"souWeights":{"na":0}}')).toEqual({ ...DEFAULT_REPORT_RULES, markDays: 5, souWeights: { ...DEFAULT_REPORT_RULES.souWeights, na: 0 } });
    // A stored value out of range (written by another version, or by hand) takes its default alone.
    expect(reportRules('{"markDays":-5,"failureRun":4,"accumulation":{"1":"x"}}')).toEqual({ ...DEFAULT_REPORT_RULES, failureRun: 4 });
    expect(reportRulesInput.parse(DEFAULT_REPORT_RULES)).toEqual(DEFAULT_REPORT_RULES);
    const bad = reportRulesInput.safeParse({ ...DEFAULT_REPORT_RULES, statementEveryDays: 21 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toMatch(/14 дней/);
    const neg = reportRulesInput.safeParse({ ...DEFAULT_REPORT_RULES, markDays: -1 });
    expect(neg.error!.issues[0]!.message).toMatch(/Отметка вовремя/);
  });
});
