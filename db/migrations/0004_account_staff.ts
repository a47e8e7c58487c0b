import type { Migration } from './types';

/** «Иванова  Мария Ёлкина» → «иванова мария елкина»: how names are compared when accounts are linked. */
const norm = (s: string | null | undefined) => (s ?? '').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

function parse(s: string): unknown[] {
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

/**
 * Issue 8 (roles as a school works): an app account belongs to a staff member. `app_user.staff_id`
 * links it to the staff card (at most one account per card). Existing accounts are linked where
 * that is certain: exactly one live card bears the account's name, no other account bears the same
 * name, and the card already agrees with the account (its duties include the account's role; a
 * deputy's parallels are the same). Any other account stays unlinked: the users page shows it, and
 * the administrator links it by choosing the person (which then makes the card agree). Synced
 * tables are not touched here: nothing reaches the outbox behind the Writer's back.
 */
export const migration: Migration = {
  version: 4,
  name: 'app accounts linked to staff cards',
  up: (db) => {
    db.exec(`
ALTER TABLE app_user ADD COLUMN staff_id TEXT REFERENCES staff(id);
CREATE UNIQUE INDEX app_user_staff ON app_user(staff_id) WHERE staff_id IS NOT NULL;
`);
    const users = db.prepare('SELECT id, display_name, role, deputy_grades FROM app_user').all() as {
      id: string;
      display_name: string;
      role: string;
      deputy_grades: string;
    }[];
    const staff = db.prepare('SELECT id, last_name, first_name, middle_name, roles, deputy_grades FROM staff WHERE deleted_at IS NULL').all() as {
      id: string;
      last_name: string;
      first_name: string;
      middle_name: string | null;
      roles: string;
      deputy_grades: string;
    }[];
    const cardsByName = new Map<string, typeof staff>();
    for (const s of staff) {
      const k = norm([s.last_name, s.first_name, s.middle_name].filter(Boolean).join(' '));
      cardsByName.set(k, [...(cardsByName.get(k) ?? []), s]);
    }
    const accountsByName = new Map<string, number>();
    for (const u of users) accountsByName.set(norm(u.display_name), (accountsByName.get(norm(u.display_name)) ?? 0) + 1);
    const grades = (s: string) => JSON.stringify(parse(s).map(Number).sort((a, b) => a - b));
    const link = db.prepare('UPDATE app_user SET staff_id = ? WHERE id = ?');
    for (const u of users) {
      const k = norm(u.display_name);
      const cards = cardsByName.get(k) ?? [];
      if (cards.length !== 1 || accountsByName.get(k) !== 1) continue;
      const card = cards[0]!;
      if (!parse(card.roles).includes(u.role)) continue;
      if (u.role === 'deputy' && grades(card.deputy_grades) !== grades(u.deputy_grades)) continue;
      link.run(card.id, u.id);
    }
  },
};
