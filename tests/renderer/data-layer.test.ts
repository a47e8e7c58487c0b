// The renderer's data layer (issue 9 point 7), its pure rules run in Node: which queries a change
// event refetches, and what a form's draft does when the stored record changes behind it.
import { describe, it, expect } from 'vitest';
import { mayRead, READS } from '../../renderer/src/data/client';
import { followData, type DraftState } from '../../renderer/src/data/useDraft';
import { sameData } from '../../renderer/src/lib/checks';

const q = (name: string) => ({ queryKey: [name, null] as const });

describe('which queries a change refetches', () => {
  it('every query by default; those with a known list of tables only for those; everything after «*»', () => {
    expect(mayRead(q('students.list'), ['student'])).toBe(true);
    expect(mayRead(q('students.list'), ['room'])).toBe(true); // no list: refetched after any change
    expect(mayRead(q('audit.search'), ['audit_log', 'room'])).toBe(true);
    expect(mayRead(q('audit.search'), ['setting'])).toBe(false);
    expect(mayRead(q('audit.search'), ['*'])).toBe(true);
    expect(mayRead(q('users.list'), ['staff'])).toBe(true);
    // Every listed operation's tables are real table names.
    for (const tables of Object.values(READS)) for (const t of tables ?? []) expect(t).toMatch(/^[a-z_]+$/);
  });
});

describe("a form's draft when the stored record changes", () => {
  type F = { name: string; key?: string };
  const start: DraftState<F | null> = { stored: null, draft: null, loaded: false, changedBehind: false };
  const same = (a: F | null, b: F | null) => sameData(a, b);
  const loaded = followData(start, { name: 'Школа № 1' }, same);

  it('copies the first data into the draft', () => {
    expect(loaded).toEqual({ stored: { name: 'Школа № 1' }, draft: { name: 'Школа № 1' }, loaded: true, changedBehind: false });
  });

  it('a form without edits follows the change', () => {
    expect(followData(loaded, { name: 'Школа № 2' }, same)).toEqual({ stored: { name: 'Школа № 2' }, draft: { name: 'Школа № 2' }, loaded: true, changedBehind: false });
  });

  it('a form with unsaved edits keeps them and is told that the record changed', () => {
    const edited = { ...loaded, draft: { name: 'Моя правка' } };
    const behind = followData(edited, { name: 'Школа № 2' }, same);
    expect(behind.draft).toEqual({ name: 'Моя правка' });
    expect(behind.stored).toEqual({ name: 'Школа № 2' });
    expect(behind.changedBehind).toBe(true);
  });

  it('data equal to the draft (its own save coming back) settles it; a refetch of the same data changes nothing', () => {
    const edited = { ...loaded, draft: { name: 'Моя правка' } };
    expect(followData(edited, { name: 'Моя правка' }, same)).toEqual({ stored: { name: 'Моя правка' }, draft: { name: 'Моя правка' }, loaded: true, changedBehind: false });
    expect(followData(edited, { name: 'Школа № 1', key: 'k2' }, same)).toBe(edited); // list keys aside
  });
});
