// Issue 9, points 3 and 4: some rules are defined in exactly one place. This test reads the source
// tree and refuses a new copy of any of them elsewhere (the place each belongs to is named in the
// message). Migrations are history and keep their own code, so they are not read.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entityOf, tables } from '../../db/entities';

const ROOT = join(import.meta.dirname, '..', '..');
const DIRS = ['electron', 'renderer/src', 'db', 'scripts'];

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'node_modules' && name !== 'migrations') out.push(...files(p));
    } else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}
const SOURCES = DIRS.flatMap((d) => files(join(ROOT, d))).map((p) => ({ path: relative(ROOT, p).split('\\').join('/'), text: readFileSync(p, 'utf8') }));

/** The office's tables (owner `office` in the entity registry). */
const OFFICE = tables.filter((t) => entityOf(t).owner === 'office').join('|');

/** Where each rule lives, and a pattern that finds a copy of it. */
const RULES: { what: string; home: string[]; pattern: RegExp }[] = [
  { what: 'the Russian case/ё folding (ruFold, ruKey)', home: ['electron/api/text.ts'], pattern: /\.replace\(\/\[?ё/ },
  { what: 'a class’s name (className; in SQL classNameSql)', home: ['electron/api/text.ts'], pattern: /\$\{[^}]*\bgrade\}\$\{[^}]*\bletter\}/ },
  { what: 'a class’s name in SQL (classNameSql)', home: ['db/entities.ts'], pattern: /\bgrade \|\| (\$\{\w+\}\.|[a-z]+\.)?letter\b/ },
  { what: 'the current year (currentYearOrNull, currentYearId)', home: ['electron/core/year.ts'], pattern: /orderBy\('is_current'|is_current DESC/ },
  { what: 'the «Stat» card (components/Stat.tsx)', home: ['renderer/src/components/Stat.tsx'], pattern: /(function|const) Stat(Card)?\b/ },
  { what: 'the input-to-row mappers of students, guardians and staff (core/rows.ts)', home: ['electron/core/rows.ts'], pattern: /last_name: \w+\.lastName\b/ },
  { what: 'the class-teacher rule (classTeacherTakes)', home: ['electron/core/workload/planner.ts'], pattern: /grade <= 4 && \w+\.subjects\.has/ },
  { what: 'the division method labels (divisionMethods)', home: ['electron/api/enums.ts'], pattern: /'(Поровну|По алфавиту|По полу|Вручную|Как в другом предмете)'/ },
  { what: 'an audit line (the one write path: Writer)', home: ['db/write.ts'], pattern: /INSERT INTO audit_log/i },
  // Office rows are written by the Writer (a user's change: a sync mutation and an audit line) or by the
  // sync store applying pulled rows (db/sync); a table named by a variable is one of those two.
  {
    what: 'a raw write of an office table (the Writer; pulled rows: the sync store)',
    home: ['db/write.ts', 'db/sync/index.ts'],
    pattern: new RegExp(`(INSERT(\\s+OR\\s+\\w+)?\\s+INTO|REPLACE\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+(\\$\\{\\w+\\}|(${OFFICE})\\b)|(insertInto|updateTable|deleteFrom)\\((\\s*'(${OFFICE})'|\\w+ as any)`),
  },
];

describe('one definition of each shared rule', () => {
  for (const rule of RULES)
    it(`has ${rule.what} only in ${rule.home.join(', ')}`, () => {
      const copies = SOURCES.filter((f) => !rule.home.includes(f.path)).flatMap((f) =>
        f.text.split('\n').flatMap((line, i) => (rule.pattern.test(line) ? [`${f.path}:${i + 1}: ${line.trim()}`] : [])),
      );
      expect(copies).toEqual([]);
      // The home itself has it (the pattern still finds what it is meant to find).
      expect(SOURCES.some((f) => rule.home.includes(f.path) && rule.pattern.test(f.text)), `${rule.home} has it`).toBe(true);
    });
});
