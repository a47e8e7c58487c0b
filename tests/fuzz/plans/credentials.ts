import type { credentialsOps } from '../../../electron/api/credentials';
import { uuidv7 } from '../../../db/ids';
import type { Core, Plans } from '../plan';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Credentials' records (issue 12): a correction of the calendar to remove, a request for one
 * student with the central's answer written as a pull would (credential_issue is the central's),
 * and a student not asked for yet. Made before the fixture's backup, so a restore keeps them.
 */
export async function credentialRecords(core: Core, exclude: string[]) {
  const spareDay = await core.call('calendar.save', { date: '2027-03-01', kind: 'holiday', note: 'Фаззер' });
  const students = core.db.raw
    .prepare(`SELECT id FROM student WHERE deleted_at IS NULL AND class_id IS NOT NULL ORDER BY last_name, id LIMIT 10`)
    .all() as { id: string }[];
  const [asked, fresh] = students.filter((s) => !exclude.includes(s.id));
  await core.call('credentials.request', { studentId: asked!.id, arrivedOn: '2026-11-20' });
  const request = core.db.raw.prepare(`SELECT id FROM credential_request WHERE student_id = ? AND role = 'student'`).get(asked!.id) as { id: string };
  const now = new Date().toISOString();
  core.db.raw
    .prepare(`INSERT INTO credential_issue (id, created_at, updated_at, deleted_at, request_id, login, one_time_password, issued_at) VALUES (?, ?, ?, NULL, ?, 'fuzzer.ii', 'Xq7-Lm4-Pz9', ?)`)
    .run(uuidv7(), now, now, request.id, now);
  return { spareDayId: spareDay.correction!.id, requestId: request.id, freshStudentId: fresh!.id };
}

export const credentialsPlans = {
  'calendar.year': { sample: () => ({ year: 2027 }) },
  'calendar.save': { sample: () => ({ date: '2027-11-05', kind: 'holiday', note: 'Перенос выходного' }) },
  'calendar.remove': { sample: (f) => ({ id: f.cred.spareDayId }) },
  'calendar.addWorkingDays': { sample: () => ({ date: '2026-12-30', days: 10 }) },
  'credentials.list': { sample: (f) => ({ classId: f.classId, state: 'all' }) },
  'credentials.due': { sample: () => ({}) },
  'credentials.request': { sample: (f) => ({ studentId: f.cred.freshStudentId, arrivedOn: '2026-11-25' }) },
  'credentials.hand': { sample: (f) => ({ id: f.cred.requestId, handedOn: today(), handedTo: 'Фаззеров И. И.', handedHow: 'in_person' }) },
  'credentials.unhand': { sample: (f) => ({ id: f.cred.requestId }) },
  'credentials.retry': { sample: (f) => ({ id: f.cred.requestId }) },
  'credentials.slipsPdf': { sample: () => ({ classId: null }), slow: true },
  'credentials.registerPdf': { sample: () => ({ from: null, to: null }), slow: true },
} satisfies Plans<typeof credentialsOps>;
