// The secretary's round trip with Excel (issue 8, point 5): the export follows the list's filter and
// order and carries the parents; the edited file re-imports, updating exactly what was edited after
// a preview of every changed field; an unchanged file changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { demoCore } from '../support/core';
import type { ExportedFile, StudentRow } from '../../electron/api/types';
import { declineFullName } from '../../electron/api/declension';
import type { Session } from '../../electron/core/auth/session';
import { resultBytes, upload } from '../support/files';

type Core = Awaited<ReturnType<typeof demoCore>>;
const now = () => new Date('2026-09-15T10:00:00Z');
/** The session of the test's core: its files (uploads, results) are its own. */
let session: Session;

async function sheetOf(f: ExportedFile): Promise<{ wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet; headers: string[]; rows: string[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(resultBytes(session, f) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? ''));
  const rows: string[][] = [];
  for (let r = 2; r <= ws.rowCount; r++) rows.push(headers.map((_, c) => String(ws.getRow(r).getCell(c + 1).value ?? '')));
  return { wb, ws, headers, rows };
}

async function bytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Every student, guardian and link as the database holds them, keyed by id (for «nothing else changed»). */
function snapshot(t: Core) {
  const q = (sql: string) => new Map((t.db.raw.prepare(sql).all() as { id: string }[]).map((r) => [r.id, JSON.stringify(r)]));
  return {
    student: q('SELECT id, last_name, first_name, middle_name, birth_date, gender, snils, class_id, address, personal_file_no, deleted_at FROM student'),
    guardian: q('SELECT id, last_name, first_name, middle_name, phone, email, pd_consent_date, e_service_refused, deleted_at FROM guardian'),
    link: q('SELECT id, student_id, guardian_id, relation, deleted_at FROM student_guardian'),
  };
}
const count = (t: Core, table: string) => (t.db.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('students: export and re-import', () => {
  let t: Core;
  beforeAll(async () => {
    t = await demoCore(300, now);
    session = t.ctx.session;
  }, 120_000);
  afterAll(() => t.cleanup());

  it('exports exactly the filtered list in its order, with every parent and their contacts', async () => {
    const classes = await t.call('classes.list');
    const c7b = classes.find((c) => c.name === '7Б')!;
    const filter = { classId: c7b.id, sort: 'name' as const, desc: true };
    const shown = await t.call('students.list', { ...filter, limit: 10000 });
    expect(shown.total).toBeGreaterThan(3);
    expect(shown.total).toBeLessThan((await t.call('students.list', {})).total);

    const f = await t.call('export.list', { list: 'students', students: filter });
    expect(f.rows).toBe(shown.total);
    expect(f.fileName).toMatch(/^Ученики 7Б \d\d\.\d\d\.\d{4}\.xlsx$/);
    const { headers, rows } = await sheetOf(f);
    expect(headers.slice(0, 9)).toEqual(['Класс', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Пол', 'СНИЛС', 'Адрес', '№ личного дела']);
    expect(headers.slice(9, 15)).toEqual([
      'Представитель 1 — ФИО',
      'Представитель 1 — кем приходится',
      'Представитель 1 — телефон',
      'Представитель 1 — e-mail',
      'Представитель 1 — согласие на обработку ПДн',
      'Представитель 1 — отказ от электронного дневника',
    ]);
    // The same students in the same order as on screen (names descending).
    const name = (r: string[]) => [r[1], r[2], r[3]].filter(Boolean).join(' ');
    expect(rows.map(name)).toEqual(shown.rows.map((s: StudentRow) => s.fullName));
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['7Б']));
    // Each row's parents are the card's, in the card's order, with relation, phone, e-mail, consent and refusal.
    const slots = (headers.length - 9) / 6;
    for (const [i, s] of shown.rows.entries()) {
      const card = await t.call('students.get', { id: s.id });
      const r = rows[i]!;
      expect(r[4]).toBe(s.birthDate.split('-').reverse().join('.'));
      expect(r[6]).toBe(card.snils ?? '');
      const got = Array.from({ length: slots }, (_, k) => r.slice(9 + k * 6, 15 + k * 6)).filter((g) => g[0] !== '');
      expect(got).toEqual(
        card.guardians.map((g) => [
          [g.lastName, g.firstName, g.middleName].filter(Boolean).join(' '),
          g.relation,
          g.phone ?? '',
          g.email ?? '',
          g.pdConsentDate ? g.pdConsentDate.split('-').reverse().join('.') : '',
          g.eServiceRefused ? 'да' : 'нет',
        ]),
      );
    }
    // By birth date ascending, the whole 5th grade.
    const byBirth = await t.call('students.list', { grade: 5, sort: 'birthDate', limit: 10000 });
    const f5 = await sheetOf(await t.call('export.list', { list: 'students', students: { grade: 5, sort: 'birthDate', desc: false } }));
    expect(f5.rows.map(name)).toEqual(byBirth.rows.map((s) => s.fullName));
  });

  it('re-imports an unchanged export as 0 changes, writing nothing and keeping no backup', async () => {
    const f = await t.call('export.list', { list: 'students' });
    const before = { audit: count(t, 'audit_log'), changes: count(t, 'sync_change') };
    const input = { kind: 'students' as const, file: upload(session, f.fileName, resultBytes(session, f)) };
    const p = await t.call('import.preview', input);
    expect(p.errors).toEqual([]);
    expect(p.students).toEqual({ added: [], updated: [], unchanged: f.rows });
    const r = await t.call('import.commit', input);
    expect(r).toMatchObject({ imported: 0, updated: 0, unchanged: f.rows, changes: [] });
    expect({ audit: count(t, 'audit_log'), changes: count(t, 'sync_change') }).toEqual(before);
    const backups = join(t.dir, 'Резервные копии');
    expect(existsSync(backups) ? readdirSync(backups).filter((n) => n.includes('перед импортом')) : []).toEqual([]);
  });

  it('previews exactly the edited phone, class and surname, then writes exactly those', async () => {
    const f = await t.call('export.list', { list: 'students' });
    const { wb, ws, headers, rows } = await sheetOf(f);
    const col = (h: string) => headers.indexOf(h) + 1;
    const classes = await t.call('classes.list');
    // A student with a mother (phone edited), another moved to another class, a third with СНИЛС renamed.
    const iPhone = rows.findIndex((r) => r[col('Представитель 1 — телефон') - 1] !== '' && r[col('Представитель 1 — кем приходится') - 1] === 'мать');
    const iClass = rows.findIndex((r, i) => i !== iPhone && r[0] === '5А');
    const iName = rows.findIndex((r, i) => i !== iPhone && i !== iClass && r[6] !== '');
    expect(Math.min(iPhone, iClass, iName)).toBeGreaterThanOrEqual(0);
    const cell = (i: number, h: string) => ws.getRow(i + 2).getCell(col(h));
    const motherName = String(cell(iPhone, 'Представитель 1 — ФИО').value);
    const oldPhone = String(cell(iPhone, 'Представитель 1 — телефон').value);
    cell(iPhone, 'Представитель 1 — телефон').value = '8 (999) 000-11-22';
    cell(iClass, 'Класс').value = '5Б';
    const oldSurname = String(cell(iName, 'Фамилия').value);
    const newSurname = oldSurname.endsWith('а') ? `${oldSurname.slice(0, -1)}ина` : `${oldSurname}ин`;
    cell(iName, 'Фамилия').value = newSurname;
    const editedBytes = await bytes(wb);
    const edited = { kind: 'students' as const, file: upload(session, 'Ученики (исправлено).xlsx', editedBytes) };

    const list = await t.call('students.list', { sort: 'class', limit: 10000 });
    const idAt = (i: number) => list.rows[i]!.id; // the export's order is the list's
    const p = await t.call('import.preview', edited);
    expect(p.errors).toEqual([]);
    expect(p.students!.added).toEqual([]);
    expect(p.students!.unchanged).toBe(f.rows - 3);
    const byId = new Map(p.students!.updated.map((u) => [u.studentId, u]));
    expect(byId.size).toBe(3);
    // «Телефон Ивановой Анны Петровны»: the mother's name in the genitive.
    expect(byId.get(idAt(iPhone))!.changes).toEqual([{ field: `Телефон ${declineFullName(motherName, 'genitive')}`, old: oldPhone, new: '+7 (999) 000-11-22' }]);
    expect(declineFullName(motherName, 'genitive')).not.toBe(motherName);
    expect(byId.get(idAt(iClass))!.changes).toEqual([{ field: 'Класс', old: '5А', new: '5Б' }]);
    expect(byId.get(idAt(iName))!.changes).toEqual([{ field: 'Фамилия', old: oldSurname, new: newSurname }]);
    expect(byId.get(idAt(iName))!.row).toBe(iName + 2);

    const before = snapshot(t);
    const auditBefore = count(t, 'audit_log');
    const r = await t.call('import.commit', edited);
    expect(r).toMatchObject({ imported: 0, guardians: 0, updated: 3, unchanged: f.rows - 3 });
    const after = snapshot(t);

    // Exactly the three edits reached the database; every other row is as it was.
    const changed = (a: Map<string, string>, b: Map<string, string>) => [...b].filter(([id, v]) => a.get(id) !== v).map(([id]) => id);
    expect(changed(before.student, after.student).sort()).toEqual([idAt(iClass), idAt(iName)].sort());
    expect(changed(before.link, after.link)).toEqual([]);
    const guardianIds = changed(before.guardian, after.guardian);
    expect(guardianIds).toHaveLength(1);
    expect(JSON.parse(after.guardian.get(guardianIds[0]!)!)).toMatchObject({ phone: '+7 (999) 000-11-22' });
    const moved = await t.call('students.get', { id: idAt(iClass) });
    expect(moved.classId).toBe(classes.find((c) => c.name === '5Б')!.id);
    expect((await t.call('students.get', { id: idAt(iName) })).lastName).toBe(newSurname);

    // One audit line per changed record, naming only the changed field (the pre-import backup is a file, not a line).
    const lines = t.db.raw
      .prepare('SELECT entity, entity_id, action, old_values, new_values FROM audit_log WHERE seq > ? ORDER BY seq')
      .all(auditBefore) as { entity: string; entity_id: string; action: string; old_values: string; new_values: string }[];
    const own = lines.filter((l) => ['student', 'guardian', 'student_guardian'].includes(l.entity));
    expect(own.map((l) => [l.entity, l.action, Object.keys(JSON.parse(l.new_values))]).sort()).toEqual(
      [
        ['guardian', 'update', ['phone']],
        ['student', 'update', ['class_id']],
        ['student', 'update', ['last_name']],
      ].sort(),
    );
    // Anything else written is the move (issue 9): the old class membership closed, the new one
    // opened, and the moved student leaving the old class's subgroups (R4).
    const rest = lines.filter((l) => !own.includes(l));
    const membership = rest.filter((l) => l.entity === 'class_membership').map((l) => l.action).sort();
    expect([['insert', 'update'], ['delete', 'insert']]).toContainEqual(membership);
    expect(rest.every((l) => l.entity === 'class_membership' || (l.entity === 'subgroup_member' && ['update', 'delete'].includes(l.action)))).toBe(true);
    const movedHistory = t.db.raw.prepare('SELECT class_id FROM class_membership WHERE student_id = ? AND date_to IS NULL AND deleted_at IS NULL').all(idAt(iClass));
    expect(movedHistory).toEqual([{ class_id: moved.classId }]);

    // The same file again: nothing left to change.
    // (the committed upload was used up: the user gives the file again)
    const again = await t.call('import.preview', { ...edited, file: upload(session, 'Ученики (исправлено).xlsx', editedBytes) });
    expect(again.students).toEqual({ added: [], updated: [], unchanged: f.rows });
  });

  it('adds a new parent under the student, and refuses a new one whose relation is not given', async () => {
    const f = await t.call('export.list', { list: 'students' });
    const { wb, ws, headers, rows } = await sheetOf(f);
    const col = (h: string) => headers.indexOf(h) + 1;
    const i = rows.findIndex((r) => r[col('Представитель 2 — ФИО') - 1] === '');
    const student = (await t.call('students.list', { sort: 'class', limit: 10000 })).rows[i]!;
    const put = (h: string, v: string) => (ws.getRow(i + 2).getCell(col(h)).value = v);
    put('Представитель 2 — ФИО', 'Петрова Галина Ивановна');
    put('Представитель 2 — телефон', '+7 912 000-00-01');
    const noRelation = { kind: 'students' as const, file: upload(session, 'x.xlsx', await bytes(wb)) };
    const refused = await t.call('import.preview', noRelation);
    expect(refused.errors).toEqual([{ row: i + 2, column: 'Представитель 2 — кем приходится', message: 'Укажите, кем приходится ученику Петрова Галина Ивановна' }]);
    await expect(t.call('import.commit', noRelation)).rejects.toThrow(/ничего не изменено/);

    put('Представитель 2 — кем приходится', 'бабушка');
    const ok = { kind: 'students' as const, file: upload(session, 'x.xlsx', await bytes(wb)) };
    const p = await t.call('import.preview', ok);
    expect(p.errors).toEqual([]);
    expect(p.students!.updated).toEqual([
      expect.objectContaining({ studentId: student.id, changes: [{ field: 'Новый представитель', old: null, new: 'Петрова Галина Ивановна (бабушка), +7 (912) 000-00-01' }] }),
    ]);
    const r = await t.call('import.commit', ok);
    expect(r).toMatchObject({ imported: 0, guardians: 1, updated: 1 });
    const card = await t.call('students.get', { id: student.id });
    expect(card.guardians.at(-1)).toMatchObject({ lastName: 'Петрова', firstName: 'Галина', middleName: 'Ивановна', relation: 'бабушка', phone: '+7 (912) 000-00-01' });
  });

  it('adds the rows about new students and counts them apart', async () => {
    const f = await t.call('export.list', { list: 'students', students: { search: 'нет такого ученика', sort: 'name', desc: false } });
    expect(f.rows).toBe(0);
    const { wb, ws, headers } = await sheetOf(f);
    const row = ws.getRow(2);
    const values: Record<string, string> = {
      Класс: '6А', Фамилия: 'Новикова', Имя: 'Вера', Отчество: 'Петровна', 'Дата рождения': '03.04.2015', Пол: 'ж',
      'Представитель 1 — ФИО': 'Новикова Ольга Игоревна', 'Представитель 1 — кем приходится': 'мать',
    };
    headers.forEach((h, c) => (row.getCell(c + 1).value = values[h] ?? null));
    row.commit();
    const input = { kind: 'students' as const, file: upload(session, 'новенькие.xlsx', await bytes(wb)) };
    const p = await t.call('import.preview', input);
    expect(p.errors).toEqual([]);
    expect(p.students).toEqual({ added: [{ row: 2, name: 'Новикова Вера Петровна', className: '6А', guardians: 1 }], updated: [], unchanged: 0 });
    expect(await t.call('import.commit', input)).toMatchObject({ imported: 1, guardians: 1, updated: 0 });
  });
});
