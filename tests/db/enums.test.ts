// Issue 9: each enum is defined once (electron/api/enums.ts) and feeds zod, TypeScript, the labels
// and the SQL CHECK. Migrations are history and stay as they were: this test reads every table's
// CHECK from the sqlite_master of a database the migrations build and requires it to list exactly
// the enum's values — so a new value added to an enum without a migration (or a migration without
// the enum) fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Db, migrate } from '../../db';
import {
  SHIFTS,
  appRoles,
  auditActions,
  divisionMethods,
  genders,
  gradeEditWindows,
  gradings,
  periodKinds,
  studyGroupKinds,
  absenceKinds,
  lessonStatuses,
  markTables,
  markValues,
  roomKinds,
  weekParities,
  unavailableReasons,
  absenceReasons,
  lessonChangeKinds,
  workKinds,
  orderKinds,
  orderStatuses,
  enrollmentPreferences,
  credentialRoles,
  calendarDayKinds,
  type Enum, paperSteps, paperArchiveKinds, promotionDecisions, debtReasons, debtStatuses, debtDecisions } from '../../electron/api/enums';
import { tempDir } from '../support/tmp';
import { MUTATION_STATES } from '../../db/sync';

/** Every column with a CHECK (column IN (…)) of a closed set, and where its values are defined. */
const CHECKED: Record<string, readonly (string | number)[]> = {
  'academic_year.grade_edit_window': gradeEditWindows.values,
  'study_period.kind': periodKinds.values,
  'bell_schedule.shift': SHIFTS,
  'school_class.shift': SHIFTS,
  'subject.grading': gradings.values,
  'staff.gender': genders.values,
  'student.gender': genders.values,
  'sync_change.op': auditActions.values,
  'sync_mutation.state': MUTATION_STATES,
  'audit_log.action': auditActions.values,
  'app_user.role': appRoles.values,
  'class_division.method': divisionMethods.values,
  'study_group.kind': studyGroupKinds.values,
  'lesson.status': lessonStatuses.values,
  'mark.value': markValues.values,
  'mark.work_kind': workKinds.values,
  'attendance.kind': absenceKinds.values,
  'period_mark.value': markValues.values,
  'mark_change.mark_table': markTables.values,
  'mark_change.old_value': markValues.values,
  'mark_change.new_value': markValues.values,
  'room.kind': roomKinds.values,
  'timetable.days': [5, 6],
  'timetable_card.shift': [1, 2],
  'timetable_card.duration': [1, 2],
  'timetable_card.weeks': weekParities.values,
  'teacher_unavailable.shift': [1, 2],
  'teacher_unavailable.reason': unavailableReasons.values,
  'teacher_absence.reason': absenceReasons.values,
  'lesson_change.kind': lessonChangeKinds.values,
  'enrollment_application.preference': enrollmentPreferences.values,
  'school_order.kind': orderKinds.values,
  'school_order.status': orderStatuses.values,
  'credential_request.role': credentialRoles.values,
  'calendar_day.kind': calendarDayKinds.values,
  'paper_step.step': paperSteps.values,
  'paper_archive.kind': paperArchiveKinds.values,
  'order_item.decision': promotionDecisions.values,
  'academic_debt.reason': debtReasons.values,
  'academic_debt.first_result': markValues.values,
  'academic_debt.second_result': markValues.values,
  'academic_debt.status': debtStatuses.values,
  'academic_debt.decision': debtDecisions.values,
};

/**
 * Enum columns without a CHECK, on purpose: `staff.roles` is a JSON list of staffRoles (SQLite
 * cannot check a list's items; zod does on every input, and nothing else writes it).
 */
const UNCHECKED = ['staff.roles'];

describe('each enum and its SQL CHECK agree', () => {
  let db: Db;
  let cleanup: () => void;
  beforeAll(() => {
    const t = tempDir();
    db = new Db(join(t.dir, 'enums.sqlite'));
    migrate(db);
    cleanup = () => (db.close(), t.cleanup());
  });
  afterAll(() => cleanup());

  const tables = () => db.raw.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
  /** The closed sets the schema checks: «table.column» → its values, as the CHECK lists them. */
  function checks(): Map<string, (string | number)[]> {
    const out = new Map<string, (string | number)[]>();
    for (const t of tables())
      for (const m of t.sql.matchAll(/CHECK\s*\(\s*(\w+)\s+IN\s*\(([^)]*)\)\s*\)/gi)) {
        const values = m[2]!.split(',').map((v) => v.trim()).map((v) => (/^'.*'$/.test(v) ? v.slice(1, -1) : Number(v)));
        // 0/1 flags are booleans, not enums.
        if (values.length === 2 && values.includes(0) && values.includes(1)) continue;
        out.set(`${t.name}.${m[1]}`, values);
      }
    return out;
  }

  it('lists exactly the enum values in every CHECK', () => {
    const found = checks();
    for (const [column, values] of Object.entries(CHECKED)) expect([...(found.get(column) ?? [])].sort(), column).toEqual([...values].sort());
  });

  it('has an enum for every closed set the schema checks', () => {
    expect([...checks().keys()].sort()).toEqual(Object.keys(CHECKED).sort());
  });

  it('says which enum columns have no CHECK', () => {
    for (const column of UNCHECKED) {
      const [table, name] = column.split('.') as [string, string];
      const sql = tables().find((t) => t.name === table)!.sql;
      expect(sql, column).toMatch(new RegExp(`\\b${name}\\b`));
      expect(checks().has(column), column).toBe(false);
    }
  });

  it('gives every value a label, and lower-cases it for a sentence', () => {
    const all: Enum<string>[] = [gradeEditWindows, periodKinds, gradings, genders, auditActions, appRoles, divisionMethods, studyGroupKinds];
    for (const e of all) for (const v of e.values) expect(e.labels[v], v).toMatch(/^[А-ЯЁ0-9]/);
    expect(divisionMethods.text('gender')).toBe('по полу');
    expect(gradings.text('pass_fail')).toBe('зачёт/незачёт');
    expect(gradeEditWindows.options[0]).toEqual({ value: 'never', label: 'Никогда (до конца года)' });
    expect(divisionMethods.only('balanced', 'alphabet').values).toEqual(['balanced', 'alphabet']);
    expect(divisionMethods.has('manual')).toBe(true);
    expect(divisionMethods.has('toString')).toBe(false);
  });
});
