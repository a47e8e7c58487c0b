// Issue 9: the labels of an enum are defined once (electron/api/enums.ts) and the audit log, the
// documents and the screens read them from there. Before, the audit log had its own copy, which
// read the grade-edit window «Никогда (до конца года)» (R5: marks may be changed until the year's
// end) as «не разрешено» — the opposite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeEditWindows, studyGroupKinds } from '../../electron/api/enums';
import { tempCore } from '../support/core';

describe('enum labels: one wording for the log, the documents and the screens', () => {
  let t: Awaited<ReturnType<typeof tempCore>>;
  beforeAll(async () => {
    t = await tempCore();
    await t.call('app.createSchool', { fullName: 'МБОУ «Школа № 5»', shortName: 'Школа № 5' });
  });
  afterAll(() => t.cleanup());

  it('shows the grade-edit window in the audit log as the year form offers it', async () => {
    const year = await t.call('years.save', { ...(await t.call('years.suggest', { startYear: 2026 })), gradeEditWindow: '2w' });
    await t.call('years.save', { ...year, gradeEditWindow: 'never' });
    const page = await t.call('audit.search', { entity: 'academic_year', entityId: year.id });
    const change = page.rows.flatMap((e) => e.changes).find((c) => c.field === 'Срок исправления отметок' && c.old !== null);
    expect(change).toEqual({ field: 'Срок исправления отметок', old: '2 недели', new: 'никогда (до конца года)' });
    expect(gradeEditWindows.labels.never).toBe('Никогда (до конца года)');
  });

  it('names a study group kind alike in the list and in the audit log', async () => {
    const subject = await t.call('subjects.save', { name: 'Шахматы', shortName: 'Шахм.', noAttestation: true, grading: 'none', sortOrder: 1 });
    const g = await t.call('studyGroups.save', { name: 'Шахматный кружок', kind: 'remedial', subjectId: subject.id, hoursPerWeek: 1 });
    expect(g.kindLabel).toBe(studyGroupKinds.labels.remedial);
    const page = await t.call('audit.search', { entity: 'study_group', entityId: g.id });
    expect(page.rows.flatMap((e) => e.changes).find((c) => c.field === 'Вид группы')?.new).toBe(studyGroupKinds.text('remedial'));
  });
});
