// How long the sync store takes to apply a year of journal rows pulled in pages of 5000
// (issue 10; the acceptance line «initial pull ≥ 300 000 journal rows ≤ 15 s» includes the network).
// `npx tsx tests/bench/sync-apply.ts [rows]`. Rows made up here: lessons, marks, attendance.
import { join } from 'node:path';
import { openDatabase } from '../../db';
import { applyPullPage } from '../../db/sync';
import { columnarPage, type PulledRow, type PullResponse } from '../../central/protocol';
import { tempDir } from '../support/tmp';

const total = Number(process.argv[2] ?? 300_000);
const t = tempDir('sync-apply-');
const db = openDatabase(join(t.dir, 'school.sqlite'));
const uuid = (n: number) => `01900000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
const at = '2026-10-01T09:00:00.000Z';
let n = 0;
let version = 0;
const rows: PulledRow[] = [];
const base = { created_at: at, updated_at: at, deleted_at: null };
// Office rows the journal refers to: one class, one subject, one teacher, 30 students.
rows.push({ entity: 'academic_year', id: uuid(++n), version: ++version, data: { ...base, name: '2026/2027', start_date: '2026-09-01', end_date: '2027-05-31', grade_edit_window: '2w', is_current: 1 } });
const year = uuid(n);
rows.push({ entity: 'school_class', id: uuid(++n), version: ++version, data: { ...base, year_id: year, grade: 7, letter: 'Б', shift: 1, class_teacher_id: null, room_id: null } });
const cls = uuid(n);
rows.push({ entity: 'subject', id: uuid(++n), version: ++version, data: { ...base, name: 'Алгебра', short_name: 'Алг.', no_attestation: 0, grading: 'five_point', sort_order: 1 } });
const subject = uuid(n);
rows.push({ entity: 'staff', id: uuid(++n), version: ++version, data: { ...base, last_name: 'Петрова', first_name: 'Анна', middle_name: null, birth_date: null, gender: null, snils: null, phone: null, email: null, position: 'Учитель', roles: '[]', deputy_grades: '[]', rate_hours: 18 } });
const teacher = uuid(n);
const students: string[] = [];
for (let i = 0; i < 30; i++) {
  rows.push({ entity: 'student', id: uuid(++n), version: ++version, data: { ...base, last_name: `Ученик${i}`, first_name: 'Иван', middle_name: null, birth_date: '2013-01-01', gender: 'm', snils: null, class_id: cls, address: null, personal_file_no: null } });
  students.push(uuid(n));
}
let lesson = '';
while (rows.length < total) {
  const k = rows.length % 10;
  if (k === 0) {
    rows.push({ entity: 'lesson', id: uuid(++n), version: ++version, data: { ...base, date: '2026-10-01', lesson_no: 2, class_id: cls, subgroup_id: null, study_group_id: null, subject_id: subject, teacher_id: teacher, substitute_id: null, topic: 'Линейная функция и её график', homework: '§ 12, № 245, 247', status: 'held' } });
    lesson = uuid(n);
  } else if (k < 8)
    rows.push({ entity: 'mark', id: uuid(++n), version: ++version, data: { ...base, student_id: students[n % 30]!, lesson_id: lesson, date: '2026-10-01', subject_id: subject, value: '4', work_kind: 'answer', weight: 1, entered_by: teacher, entered_at: at } });
  else rows.push({ entity: 'attendance', id: uuid(++n), version: ++version, data: { ...base, lesson_id: lesson, student_id: students[n % 30]!, kind: 'sick', entered_by: teacher, entered_at: at } });
}
const PAGE = 5000;
const pages: PullResponse[] = [];
for (let i = 0; i < rows.length; i += PAGE) {
  const changes = rows.slice(i, i + PAGE);
  pages.push(columnarPage(changes, { cursor: changes[changes.length - 1]!.version, more: i + PAGE < rows.length, lastMutationId: 0 }));
}
const started = performance.now();
const cpu = process.cpuUsage();
for (const p of pages) applyPullPage(db, p);
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
const cpuS = (used.user + used.system) / 1e6;
const counts = ['lesson', 'mark', 'attendance'].map((x) => `${x} ${db.raw.prepare(`SELECT count(*) FROM ${x}`).pluck().get()}`);
console.log(`applied ${rows.length} rows in ${Math.ceil(rows.length / PAGE)} pages: ${(ms / 1000).toFixed(2)} s (${Math.round(rows.length / (ms / 1000))} rows/s), CPU ${cpuS.toFixed(2)} s; ${counts.join(', ')}`);
db.close();
t.cleanup();
