// The school's thresholds of the reports (issue 13; electron/core/indicators/rules.ts): the defaults
// until set, saved whole, a value out of range refused with the field's name and nothing changed,
// and a school not yet described refused.
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_RULES } from '../../electron/api/indicators';
import { tempCore } from '../support/core';

const core = await tempCore();
afterAll(() => core.cleanup());

describe('report rules', () => {
  it('cannot be saved before the school is described; read as the defaults', async () => {
    expect(await core.call('indicators.rules', {})).toEqual(DEFAULT_REPORT_RULES);
    await expect(core.call('indicators.saveRules', DEFAULT_REPORT_RULES)).rejects.toThrow(/сведения о школе/);
  });

  it('saves every threshold; a bad one is refused by name and changes nothing', async () => {
    await core.call('school.save', { fullName: 'МБОУ «Средняя общеобразовательная школа № 5»', shortName: 'Школа № 5', inn: null, address: null, phone: null, email: null, directorId: null });
    const rules = { ...DEFAULT_REPORT_RULES, markDays: 5, souWeights: { ...DEFAULT_REPORT_RULES.souWeights, na: 0 }, accumulation: { ...DEFAULT_REPORT_RULES.accumulation, '1': 4 } };
    expect(await core.call('indicators.saveRules', rules)).toEqual(rules);
    expect(await core.call('indicators.rules', {})).toEqual(rules);
    const stored = () => core.db.raw.prepare('SELECT report_rules, updated_at FROM school').get();
    const before = stored();
    await expect(core.call('indicators.saveRules', { ...rules, absencePercent: 0 })).rejects.toThrow(/Системные пропуски/);
    await expect(core.call('indicators.saveRules', { ...rules, subgroupGap: 0.55 })).rejects.toThrow(/Расхождение подгрупп/);
    await expect(core.call('indicators.saveRules', { ...rules, markDays: '3' as unknown as number })).rejects.toThrow(/Отметка вовремя/);
    expect(stored()).toEqual(before);
    // The change is one audited, synced action.
    const audit = core.db.raw.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'school' AND action = 'update'").get() as { n: number };
    expect(audit.n).toBe(1);
  });
});
