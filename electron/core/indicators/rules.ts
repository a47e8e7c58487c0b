// The school's thresholds of the reports and the monitoring (issue 13; docs/indicators.md): stored as
// JSON in the school's one row (`school.report_rules`), read with the defaults where none is set.
import type { Ctx } from '../context';
import { act } from '../tx';
import { AppError } from '../../api/errors';
import { reportRules, type ReportRules } from '../../api/indicators';
import { schoolRow } from '../setup/school';

export function getReportRules(ctx: Ctx): ReportRules {
  return reportRules(schoolRow(ctx)?.report_rules);
}

export function saveReportRules(ctx: Ctx, rules: ReportRules): ReportRules {
  return act(ctx, (w) => {
    const school = schoolRow(ctx);
    if (!school) throw new AppError('validation', 'Сначала заполните сведения о школе: пороги отчётов хранятся вместе с ними');
    const json = JSON.stringify(rules);
    if (json !== school.report_rules) w.update('school', school.id, { report_rules: json });
    return reportRules(json);
  });
}
