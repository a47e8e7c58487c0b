// Journal rows as sync would bring them from the central system (issue 10): lessons with topics and
// homework, marks with kinds of work, attendance, period and year marks and the mark-change log,
// written with plain SQL into the central-owned tables (the app never writes them itself).
// Deterministic: the same school and options give the same rows, by simple rules the tests can
// recompute (see `seedJournal`).
import type { Db } from '../../db';
import { uuidv7 } from '../../db/ids';
import { WORK_WEIGHTS, type AbsenceKind, type MarkValue, type WorkKind } from '../../electron/api/enums';

export interface JournalSeedOptions {
  classId: string;
  subjectId: string;
  teacherId: string;
  /** Another teacher who substitutes at every 9th lesson (R9); none when absent. */
  substituteId?: string;
  subgroupId?: string;
  /** The lessons' days, inclusive ('YYYY-MM-DD'). */
  from: string;
  to: string;
  /** Days of the week with a lesson (1 = Monday … 5 = Friday). */
  weekdays?: number[];
  /** The period the period marks are for (and its year: the year marks). */
  periodId?: string;
  yearId?: string;
  /** Makes every value differ between two seeds of the same class. */
  seed?: number;
  /** Ids are made with this moment (ms) so that the rows sort as if entered then. */
  at?: number;
}

export interface SeededLesson {
  id: string;
  date: string;
  lessonNo: number;
  status: 'held' | 'cancelled';
  topic: string;
  homework: string;
}
export interface SeededMark {
  id: string;
  studentId: string;
  lessonId: string | null;
  date: string;
  value: MarkValue;
  workKind: WorkKind;
  weight: number;
}
export interface SeededAbsence {
  lessonId: string;
  studentId: string;
  kind: AbsenceKind;
}
export interface SeededChange {
  id: string;
  markId: string;
  studentId: string;
  lessonDate: string;
  teacherId: string;
  changedAt: string;
  oldValue: MarkValue | null;
  newValue: MarkValue | null;
}
export interface JournalSeed {
  lessons: SeededLesson[];
  marks: SeededMark[];
  absences: SeededAbsence[];
  periodMarks: { studentId: string; periodId: string | null; value: MarkValue }[];
  changes: SeededChange[];
  /** The students on the list on a day (by name order), as the seed saw them. */
  rosterOn: (date: string) => string[];
}

const KINDS: AbsenceKind[] = ['sick', 'excused', 'unexcused', 'late'];
const DIGITS: MarkValue[] = ['5', '4', '3', '2'];

function days(from: string, to: string, weekdays: number[]): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    const wd = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
    if (weekdays.includes(wd)) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

const plusDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * Lessons of a class (or one of its subgroups) and subject on the given weekdays, by these rules,
 * with n the lesson's index (0…) and k the student's index on the day's list by name:
 * - every 7th lesson (n % 7 = 6) is cancelled; the others are held, topic «Тема n+1», homework «§n+1».
 * - attendance: (3k + n + seed) % 11 = 5 → Б, У, Н, О by (k + n) % 4; absent students (not «О») get no mark.
 * - a mark when (k + n + seed) % 3 = 0: the value 5, 4, 3, 2 by (7k + n + seed) % 4; a test (weight 2)
 *   when n % 5 = 4, else an answer (weight 1). The first student also gets a homework mark «5» at every
 *   10th lesson (two marks in one cell), and the second student an «н/а» at lesson 2.
 * - period marks: each student on the list at the end, the rounded weighted average of their marks
 *   («3» when none); the last student by name gets none (missing). Year marks: the same value.
 * - mark changes: every mark of a test is recorded as changed to its value from «2» (from «3» when it is «2») by the teacher two
 *   days after the lesson at 10:00 UTC.
 */
export function seedJournal(db: Db, o: JournalSeedOptions): JournalSeed {
  const seed = o.seed ?? 0;
  const at = o.at ?? Date.parse(`${o.from}T08:00:00Z`);
  let tick = 0;
  const id = () => uuidv7(at + tick++);
  const now = new Date(at).toISOString();
  const sync = { created_at: now, updated_at: now };
  const rosterStmt = o.subgroupId
    ? db.raw.prepare(
        `SELECT m.student_id AS id FROM subgroup_member m JOIN student s ON s.id = m.student_id WHERE m.subgroup_id = ? AND m.deleted_at IS NULL
         AND m.date_from <= ? AND (m.date_to IS NULL OR m.date_to > ?) ORDER BY s.last_name, s.first_name, s.middle_name, s.id`,
      )
    : db.raw.prepare(
        `SELECT m.student_id AS id FROM class_membership m JOIN student s ON s.id = m.student_id WHERE m.class_id = ? AND m.deleted_at IS NULL
         AND m.date_from <= ? AND (m.date_to IS NULL OR m.date_to > ?) ORDER BY s.last_name, s.first_name, s.middle_name, s.id`,
      );
  const rosterOn = (date: string) => (rosterStmt.all(o.subgroupId ?? o.classId, date, date) as { id: string }[]).map((r) => r.id);

  const insLesson = db.raw.prepare(
    `INSERT INTO lesson (id, created_at, updated_at, date, lesson_no, class_id, subgroup_id, subject_id, teacher_id, substitute_id, topic, homework, status)
     VALUES (@id, @created_at, @updated_at, @date, @lesson_no, @class_id, @subgroup_id, @subject_id, @teacher_id, @substitute_id, @topic, @homework, @status)`,
  );
  const insMark = db.raw.prepare(
    `INSERT INTO mark (id, created_at, updated_at, student_id, lesson_id, date, subject_id, value, work_kind, weight, entered_by, entered_at)
     VALUES (@id, @created_at, @updated_at, @student_id, @lesson_id, @date, @subject_id, @value, @work_kind, @weight, @entered_by, @entered_at)`,
  );
  const insAbs = db.raw.prepare(
    `INSERT INTO attendance (id, created_at, updated_at, lesson_id, student_id, kind, entered_by, entered_at)
     VALUES (@id, @created_at, @updated_at, @lesson_id, @student_id, @kind, @entered_by, @entered_at)`,
  );
  const insPeriod = db.raw.prepare(
    `INSERT INTO period_mark (id, created_at, updated_at, student_id, subject_id, year_id, period_id, value, entered_by, entered_at)
     VALUES (@id, @created_at, @updated_at, @student_id, @subject_id, @year_id, @period_id, @value, @entered_by, @entered_at)`,
  );
  const insChange = db.raw.prepare(
    `INSERT INTO mark_change (id, created_at, updated_at, mark_id, mark_table, student_id, subject_id, lesson_date, teacher_id, changed_at, old_value, new_value)
     VALUES (@id, @created_at, @updated_at, @mark_id, 'mark', @student_id, @subject_id, @lesson_date, @teacher_id, @changed_at, @old_value, @new_value)`,
  );

  const out: JournalSeed = { lessons: [], marks: [], absences: [], periodMarks: [], changes: [], rosterOn };
  db.raw.transaction(() => {
    days(o.from, o.to, o.weekdays ?? [1, 3, 5]).forEach((date, n) => {
      const lesson: SeededLesson = { id: id(), date, lessonNo: 2 + (n % 3), status: n % 7 === 6 ? 'cancelled' : 'held', topic: `Тема ${n + 1}`, homework: `§${n + 1}` };
      out.lessons.push(lesson);
      insLesson.run({
        ...sync,
        id: lesson.id,
        date,
        lesson_no: lesson.lessonNo,
        class_id: o.classId,
        subgroup_id: o.subgroupId ?? null,
        subject_id: o.subjectId,
        teacher_id: o.teacherId,
        substitute_id: o.substituteId && n % 9 === 8 ? o.substituteId : null,
        topic: lesson.topic,
        homework: lesson.homework,
        status: lesson.status,
      });
      if (lesson.status === 'cancelled') return;
      const entered = `${date}T12:00:00.000Z`;
      rosterOn(date).forEach((studentId, k) => {
        let absent = false;
        if ((3 * k + n + seed) % 11 === 5) {
          const kind = KINDS[(k + n) % 4]!;
          absent = kind !== 'late';
          out.absences.push({ lessonId: lesson.id, studentId, kind });
          insAbs.run({ ...sync, id: id(), lesson_id: lesson.id, student_id: studentId, kind, entered_by: o.teacherId, entered_at: entered });
        }
        if (absent) return;
        const add = (value: MarkValue, workKind: WorkKind) => {
          const m: SeededMark = { id: id(), studentId, lessonId: lesson.id, date, value, workKind, weight: WORK_WEIGHTS[workKind] };
          out.marks.push(m);
          insMark.run({ ...sync, id: m.id, student_id: studentId, lesson_id: lesson.id, date, subject_id: o.subjectId, value, work_kind: workKind, weight: m.weight, entered_by: o.teacherId, entered_at: entered });
          if (workKind === 'test') {
            const old: MarkValue = value === '2' ? '3' : '2';
            const c: SeededChange = { id: id(), markId: m.id, studentId, lessonDate: date, teacherId: o.teacherId, changedAt: `${plusDays(date, 2)}T10:00:00.000Z`, oldValue: old, newValue: value };
            out.changes.push(c);
            insChange.run({ ...sync, id: c.id, mark_id: m.id, student_id: studentId, subject_id: o.subjectId, lesson_date: date, teacher_id: o.teacherId, changed_at: c.changedAt, old_value: old, new_value: value });
          }
        };
        if ((k + n + seed) % 3 === 0) add(DIGITS[(7 * k + n + seed) % 4]!, n % 5 === 4 ? 'test' : 'answer');
        if (k === 0 && n % 10 === 0) add('5', 'homework');
        if (k === 1 && n === 2) add('na', 'answer');
      });
    });
    if (o.periodId && o.yearId) {
      const list = rosterOn(o.to);
      list.slice(0, -1).forEach((studentId) => {
        const mine = out.marks.filter((m) => m.studentId === studentId && /^[1-5]$/.test(m.value));
        const w = mine.reduce((s, m) => s + m.weight, 0);
        const value = (w ? String(Math.round(mine.reduce((s, m) => s + Number(m.value) * m.weight, 0) / w)) : '3') as MarkValue;
        for (const periodId of [o.periodId!, null]) {
          out.periodMarks.push({ studentId, periodId, value });
          insPeriod.run({ ...sync, id: id(), student_id: studentId, subject_id: o.subjectId, year_id: o.yearId, period_id: periodId, value, entered_by: o.teacherId, entered_at: `${o.to}T15:00:00.000Z` });
        }
      });
    }
  })();
  return out;
}

/**
 * The simulator's year of teachers' work (central/simulate, issue 10 point 6) written straight into
 * the app's journal tables, as a complete pull would leave them: inserts and updates in entry order;
 * a change of a mark's value also writes its mark_change row (R15), as the central store does.
 */
export async function simulateInto(db: Db, opts: { until: string; seed?: number }): Promise<{ rows: number; changes: number; ms: number }> {
  const { simulate } = await import('../../central/simulate/run');
  const raw = db.raw;
  const inserts = new Map<string, import('better-sqlite3').Statement>();
  let rows = 0;
  let changes = 0;
  const logChange = raw.prepare(
    `INSERT INTO mark_change (id, created_at, updated_at, mark_id, mark_table, student_id, subject_id, lesson_date, teacher_id, changed_at, old_value, new_value)
     SELECT @id, @at, @at, m.id, @table, m.student_id, m.subject_id, m.date, @teacher, @at, m.value, @value FROM mark m WHERE m.id = @mark`,
  );
  const res = await simulate(
    {
      read: async (entity) => raw.prepare(`SELECT * FROM ${entity}`).all() as Record<string, unknown>[],
      write: async (list) => {
        raw.transaction(() => {
          for (const c of list) {
            const cols = Object.keys(c.fields);
            if (c.op === 'insert') {
              const key = `${c.entity}:${cols.join(',')}`;
              let s = inserts.get(key);
              if (!s) inserts.set(key, (s = raw.prepare(`INSERT INTO ${c.entity} (${cols.join(', ')}) VALUES (${cols.map((k) => `@${k}`).join(', ')})`)));
              s.run(c.fields);
              rows++;
            } else {
              if (c.entity === 'mark' && 'value' in c.fields) {
                const at = String(c.fields.updated_at ?? c.fields.entered_at);
                logChange.run({ id: uuidv7(Date.parse(at)), at, table: 'mark', teacher: c.fields.entered_by ?? null, value: c.fields.value, mark: c.id });
                changes++;
              }
              raw.prepare(`UPDATE ${c.entity} SET ${cols.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @__id`).run({ ...c.fields, __id: c.id });
            }
          }
        })();
      },
    },
    { until: opts.until, seed: opts.seed ?? 1 },
  );
  return { rows, changes, ms: res.ms };
}
