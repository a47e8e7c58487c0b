import type { paperBoardOps } from '../../../electron/api/paperBoard';
import { uuidv7 } from '../../../db/ids';
import { none, type Fixture, type Plans } from '../plan';

/**
 * The period of the fixture's class that has begun, and a subject sheet of it: a held lesson of the
 * class written straight into the journal (central-owned rows, as sync brings them) when the demo
 * has none, so that a signature's sample is a real sheet.
 */
function place(f: Fixture) {
  const db = f.core.db.raw;
  const today = new Date().toISOString().slice(0, 10);
  const grade = (db.prepare(`SELECT grade FROM school_class WHERE id = ?`).get(f.classId) as { grade: number }).grade;
  const p = db
    .prepare(`SELECT id, start_date, end_date FROM study_period WHERE deleted_at IS NULL AND grade_from <= ? AND grade_to >= ? AND start_date <= ? ORDER BY start_date LIMIT 1`)
    .get(grade, grade, today) as { id: string; start_date: string; end_date: string };
  const day = p.end_date < today ? p.end_date : today;
  const has = db.prepare(`SELECT 1 FROM lesson WHERE class_id = ? AND subject_id = ? AND teacher_id = ? AND date BETWEEN ? AND ? AND status = 'held' AND deleted_at IS NULL`);
  if (!has.get(f.classId, f.subjectId, f.teacherId, p.start_date, p.end_date)) {
    const at = new Date().toISOString();
    db.prepare(
      `INSERT INTO lesson (id, created_at, updated_at, date, lesson_no, class_id, subject_id, teacher_id, topic, homework, status) VALUES (?, ?, ?, ?, 1, ?, ?, ?, 'Тема', NULL, 'held')`,
    ).run(uuidv7(), at, at, day, f.classId, f.subjectId, f.teacherId);
  }
  return { periodId: p.id, classId: f.classId, today: day };
}

export const paperBoardPlans = {
  'paper.boardPeriods': { sample: none },
  'paper.board': { sample: (f) => ({ periodId: place(f).periodId }) },
  'paper.doStep': { sample: (f) => { const p = place(f); return { classId: p.classId, periodId: p.periodId, step: 'checked', date: p.today }; } },
  'paper.undoStep': { sample: (f) => { const p = place(f); return { classId: p.classId, periodId: p.periodId, step: 'checked' }; } },
  'paper.sign': { sample: (f) => { const p = place(f); return { classId: p.classId, periodId: p.periodId, subjectId: f.subjectId, teacherId: f.teacherId, date: p.today }; } },
  'paper.unsign': { sample: (f) => { const p = place(f); return { classId: p.classId, periodId: p.periodId, subjectId: f.subjectId, teacherId: f.teacherId }; } },
  'paper.settings': { sample: none },
  'paper.saveSettings': { sample: () => ({ paperJournal: true }) },
  'paper.check': { sample: (f) => ({ periodId: place(f).periodId }) },
} satisfies Plans<typeof paperBoardOps>;
