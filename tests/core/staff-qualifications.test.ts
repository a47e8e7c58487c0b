// Issue 9: what a teacher may teach is kept by subject id, not by the names typed on the card.
import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../support/core';
import type { AppError } from '../../electron/api/errors';
import { upload } from '../support/files';

const card = { lastName: 'Петрова', firstName: 'Анна', middleName: 'Ивановна', birthDate: null, gender: 'f' as const, snils: null, phone: null, email: null, position: 'Учитель', roles: ['teacher' as const], deputyGrades: [], rateHours: 18 };

describe('staff qualifications by subject id', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('keeps the subjects by id: a renamed subject stays on the card; a name of no subject is refused and changes nothing', async () => {
    const t = await tempCore();
    cleanup = t.cleanup;
    const math = await t.call('subjects.save', { name: 'Математика', shortName: 'Матем.', noAttestation: false, grading: 'five_point', sortOrder: 1 });
    await t.call('subjects.save', { name: 'Физика', shortName: 'Физ.', noAttestation: false, grading: 'five_point', sortOrder: 2 });
    const saved = await t.call('staff.save', { ...card, subjects: ['Физ.', 'математика'] }); // by short name, case aside
    expect(saved.subjects).toEqual(['Математика', 'Физика']); // the subjects' names, in their order
    expect(t.db.raw.prepare('SELECT count(*) AS n FROM staff_qualification WHERE staff_id = ? AND deleted_at IS NULL').get(saved.id)).toEqual({ n: 2 });

    await t.call('subjects.save', { id: math.id, name: 'Математика (углублённая)', shortName: 'Матем.', noAttestation: false, grading: 'five_point', sortOrder: 1 });
    const listed = (await t.call('staff.list', {})).find((s) => s.id === saved.id)!;
    expect(listed.subjects).toEqual(['Математика (углублённая)', 'Физика']);

    const before = t.db.raw.prepare('SELECT * FROM staff_qualification ORDER BY id').all();
    const e = (await t.call('staff.save', { ...card, id: saved.id, subjects: ['Астрономия'] }).then(
      () => { throw new Error('not refused'); },
      (x: unknown) => x as AppError,
    ));
    expect(e.message).toBe('Предмета «Астрономия» нет в списке предметов школы');
    expect(e.problems[0]).toMatchObject({ column: 'subjects' });
    expect(t.db.raw.prepare('SELECT * FROM staff_qualification ORDER BY id').all()).toEqual(before);

    // Fewer subjects: the other row is removed (a tombstone, audited), the kept one untouched.
    const fewer = await t.call('staff.save', { ...card, id: saved.id, subjects: ['Физика'] });
    expect(fewer.subjects).toEqual(['Физика']);
    expect(t.db.raw.prepare('SELECT count(*) AS n FROM staff_qualification WHERE staff_id = ? AND deleted_at IS NOT NULL').get(saved.id)).toEqual({ n: 1 });
  });

  it('an imported staff file: names of the school’s subjects become ids; a name of no subject is the row’s error, nothing is written', async () => {
    const t = await tempCore();
    cleanup = t.cleanup;
    await t.call('subjects.addStandard');
    const file = (rows: string[]) => ({
      kind: 'staff' as const,
      file: upload(t.ctx.session, 'Сотрудники.csv', Buffer.from('\ufeff' + ['ФИО;Должность;Предметы', ...rows].join('\r\n'), 'utf8')),
    });
    const bad = file(['Соколов Андрей Викторович;Учитель;Математика, Астрономия', 'Петрова Ирина Сергеевна;Учитель;Алгебра']);
    const preview = await t.call('import.preview', bad);
    expect(preview.errors).toEqual([{ row: 2, column: 'Предметы', message: 'Предмета «Астрономия» нет в списке предметов школы' }]);
    const staffBefore = t.db.raw.prepare('SELECT count(*) AS n FROM staff').get();
    await expect(t.call('import.commit', bad)).rejects.toThrow(/Файл не загружен/);
    expect(t.db.raw.prepare('SELECT count(*) AS n FROM staff').get()).toEqual(staffBefore);
    await t.call('import.commit', file(['Соколов Андрей Викторович;Учитель;Математика, алгебра']));
    const sokolov = (await t.call('staff.list', {})).find((s) => s.lastName === 'Соколов')!;
    expect(sokolov.subjects).toEqual(['Математика', 'Алгебра']);
    const ids = t.db.raw.prepare('SELECT q.subject_id FROM staff_qualification q JOIN subject s ON s.id = q.subject_id WHERE q.staff_id = ? ORDER BY s.sort_order').all(sokolov.id);
    const subjects = await t.call('subjects.list');
    expect(ids).toEqual(['Математика', 'Алгебра'].map((n) => ({ subject_id: subjects.find((x) => x.name === n)!.id })));
  });
});
