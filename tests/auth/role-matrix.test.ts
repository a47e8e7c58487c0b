import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opNames } from '../../electron/api/contract';
import type { AppRole } from '../../electron/api/types';
import { dispatch } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import { AREAS, AREA_LABELS, OP_NEEDS, ROLE_MATRIX, allows, type Need } from '../../electron/core/auth/permissions';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sessionUser } from '../../electron/core/auth/users';
import type { Ctx } from '../../electron/core/context';
import { tempCore } from '../support/core';
import { upload } from '../support/files';

const ROLES: AppRole[] = ['sysadmin', 'secretary', 'deputy', 'director'];

describe('the permission matrix: every role × every API operation', () => {
  let core: Awaited<ReturnType<typeof tempCore>>;
  const users = new Map<AppRole, string>();
  beforeAll(async () => {
    core = await tempCore();
    for (const role of ROLES) {
      if (role === 'sysadmin') continue;
      const r = await core.call('users.save', { login: role, displayName: `Пользователь ${role}`, role, deputyGrades: [5, 6] });
      users.set(role, r.user.id);
    }
    users.set('sysadmin', core.ctx.session.user!.id);
  });
  afterAll(() => core.cleanup());

  function ctxAs(role: AppRole): Ctx {
    const row = core.db.raw.prepare('SELECT * FROM app_user WHERE id = ?').get(users.get(role)!) as Parameters<typeof sessionUser>[0];
    const session = new Session(false);
    session.signIn(sessionUser(row), new Date());
    return { ...core.ctx, session };
  }

  for (const role of ROLES)
    it(`${role}: allowed or refused exactly as the matrix says`, async () => {
      const mismatches: string[] = [];
      for (const name of opNames) {
        if (name === 'app.loadDemo' || name === 'backup.restore') continue; // public / covered below: slow or destructive with defaults
        const r = await dispatch(ctxAs(role), name, {});
        const need = OP_NEEDS[name];
        const expectAllowed = need === 'public' || need === 'session' || allows(role, need);
        const refused = !r.ok && r.error.code === 'forbidden' && /Недостаточно прав/.test(r.error.message);
        if (expectAllowed === refused) mismatches.push(`${name}: ${expectAllowed ? 'refused' : 'allowed'} (${r.ok ? 'ok' : r.error.message})`);
      }
      expect(mismatches).toEqual([]);
    });

  it('refuses everything but public operations without a login', async () => {
    for (const name of opNames) {
      const r = await dispatch({ ...core.ctx, session: new Session(true) }, name, {});
      if (OP_NEEDS[name] === 'public') continue;
      expect(r.ok ? 'ok' : r.error.code, name).toBe('unauthenticated');
    }
  });

  it('decides import and export by what is imported or exported', async () => {
    const csv = Buffer.from('Фамилия;Имя\nИванов;Иван\n');
    const asSecretary = ctxAs('secretary');
    const secretary = await dispatch(asSecretary, 'import.commit', { kind: 'staff', file: upload(asSecretary.session, 'a.csv', csv) });
    expect(secretary.ok ? '' : secretary.error.message).toMatch(/Недостаточно прав: раздел «Настройка школы»/);
    const asDeputy = ctxAs('deputy');
    const deputy = await dispatch(asDeputy, 'import.commit', { kind: 'students', file: upload(asDeputy.session, 'a.csv', csv) });
    expect(deputy.ok ? '' : deputy.error.message).toMatch(/Недостаточно прав: раздел «Контингент» нельзя изменять для роли «Заместитель директора»/);
    expect((await dispatch(ctxAs('director'), 'export.list', { list: 'students' })).ok).toBe(true);
    expect((await dispatch(ctxAs('deputy'), 'backup.restore', { file: 'x' })).ok).toBe(false);
  });

  it('gives the system administrator every area and keeps backups from the secretary and deputy', () => {
    // The journal is the central system's (issue 10): read-only here for every role, the administrator too.
    expect(Object.entries(ROLE_MATRIX.sysadmin).every(([area, a]) => a === (area === 'journal' ? 'view' : 'change'))).toBe(true);
    expect(ROLE_MATRIX.secretary.backups).toBe('none');
    expect(ROLE_MATRIX.deputy.backups).toBe('none');
  });

  it('shows only areas that exist: each is what some operation needs', () => {
    const needed = new Set(Object.values(OP_NEEDS).flatMap((n) => (typeof n === 'object' ? [n.area] : [])));
    expect([...AREAS].filter((a) => !needed.has(a))).toEqual([]);
  });

  it('is the matrix the README shows', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    const rows = readme.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| area') && !l.startsWith('|---'));
    const shown = Object.fromEntries(
      AREAS.map((area) => {
        const row = rows.find((l) => l.slice(2).startsWith(AREA_LABELS[area]));
        const cells = (row ?? '').split('|').slice(2, 6).map((c) => c.trim());
        return [area, cells.map((c) => (c === '—' ? 'none' : c.startsWith('change') ? 'change' : c))];
      }),
    );
    expect(shown).toEqual(Object.fromEntries(AREAS.map((area) => [area, ROLES.map((r) => ROLE_MATRIX[r][area])])));
  });

  it('lets the secretary register correction requests and tell the reporter, but not mark them corrected (R26)', () => {
    expect(allows('secretary', OP_NEEDS['corrections.save'] as Exclude<Need, string>)).toBe(true);
    expect(allows('secretary', OP_NEEDS['corrections.markNotified'] as Exclude<Need, string>)).toBe(true);
    expect(allows('secretary', OP_NEEDS['corrections.markCorrected'] as Exclude<Need, string>)).toBe(false);
    expect(ROLES.filter((r) => allows(r, OP_NEEDS['corrections.markCorrected'] as Exclude<Need, string>))).toEqual(['sysadmin']);
    expect(ROLES.filter((r) => allows(r, OP_NEEDS['curriculum.set'] as Exclude<Need, string>))).toEqual(['sysadmin', 'deputy']);
  });
});
