import { describe, expect, it } from 'vitest';
import { byName, divide, isByGender, partSizes, subgroupNames, suggest, type Pupil } from '../../electron/core/groups/split';
import { PUPILS_5A } from './fixture';

const pupils: Pupil[] = PUPILS_5A.map(([last_name, first_name, middle_name, gender], i) => ({ id: `s${String(i).padStart(2, '0')}`, last_name, first_name, middle_name, gender }));
const sizes = (m: Map<string, number>, parts: number) => Array.from({ length: parts }, (_, k) => [...m.values()].filter((n) => n === k + 1).length);
const membersOf = (m: Map<string, number>, k: number) => pupils.filter((p) => m.get(p.id) === k);

describe('division algorithms (R4)', () => {
  it('orders names as a Russian list: ё as е, surname, then first name', () => {
    const names = [...pupils].sort(byName).map((p) => p.last_name);
    expect(names.slice(3, 7)).toEqual(['Гаврилова', 'Егоров', 'Ёлкин', 'Жукова']);
    const twins: Pupil[] = [
      { id: 'b', last_name: 'Иванова', first_name: 'Анна', middle_name: null, gender: 'f' },
      { id: 'a', last_name: 'Иванов', first_name: 'Яков', middle_name: null, gender: 'm' },
      { id: 'c', last_name: 'иванова', first_name: 'анна', middle_name: null, gender: 'f' },
    ];
    expect(twins.sort(byName).map((p) => p.id)).toEqual(['a', 'b', 'c']);
  });

  it('cuts the alphabetical list into consecutive parts whose sizes differ by at most one', () => {
    for (const parts of [2, 3, 4]) {
      const m = divide(pupils, parts, 'alphabet');
      const s = sizes(m, parts);
      expect(Math.max(...s) - Math.min(...s)).toBeLessThanOrEqual(1);
      expect(s.reduce((a, b) => a + b, 0)).toBe(26);
      // Consecutive: the subgroup number never decreases along the list.
      const order = [...pupils].sort(byName).map((p) => m.get(p.id)!);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    expect(membersOf(divide(pupils, 2, 'alphabet'), 1).map((p) => p.last_name)).toContain('Ёлкин');
  });

  it('puts boys into the first subgroup and girls into the second; no gender goes to the smaller', () => {
    const m = divide(pupils, 2, 'gender');
    expect(membersOf(m, 1).every((p) => p.gender !== 'f')).toBe(true);
    expect(membersOf(m, 2).every((p) => p.gender !== 'm')).toBe(true);
    // 13 boys and 12 girls: Юдин (no gender) joins the girls.
    expect(m.get(pupils.find((p) => p.last_name === 'Юдин')!.id)).toBe(2);
    expect(sizes(m, 2)).toEqual([13, 13]);
  });

  it('balances sizes and boys and girls from scratch', () => {
    const m = divide(pupils, 2, 'balanced');
    expect(sizes(m, 2)).toEqual([13, 13]);
    const boys = (k: number) => membersOf(m, k).filter((p) => p.gender === 'm').length;
    expect(Math.abs(boys(1) - boys(2))).toBeLessThanOrEqual(1);
  });

  it('keeps everyone in place when dividing again, moving only what the sizes require', () => {
    const first = divide(pupils, 2, 'alphabet');
    // Three newcomers and two who left.
    const newcomers: Pupil[] = [
      { id: 'n1', last_name: 'Абрамов', first_name: 'Олег', middle_name: null, gender: 'm' },
      { id: 'n2', last_name: 'Яковлева', first_name: 'Ия', middle_name: null, gender: 'f' },
      { id: 'n3', last_name: 'Бойко', first_name: 'Ян', middle_name: null, gender: null },
    ];
    const now = [...pupils.slice(2), ...newcomers];
    const again = divide(now, 2, 'balanced', first);
    const s = [...again.values()];
    expect(Math.abs(s.filter((n) => n === 1).length - s.filter((n) => n === 2).length)).toBeLessThanOrEqual(1);
    const moved = pupils.slice(2).filter((p) => again.get(p.id) !== first.get(p.id));
    // 11 stayed in subgroup 1 and 13 in subgroup 2; with three newcomers 27 → 14 + 13: nobody has to move.
    expect(moved).toEqual([]);
    // Dividing again with nothing changed changes nothing.
    expect(divide(now, 2, 'balanced', again)).toEqual(again);
  });

  it('moves the fewest students when one subgroup is too large', () => {
    const lopsided = new Map(pupils.map((p, i) => [p.id, i < 20 ? 1 : 2]));
    const again = divide(pupils, 2, 'balanced', lopsided);
    expect(sizes(again, 2)).toEqual([13, 13]);
    expect(pupils.filter((p) => again.get(p.id) !== lopsided.get(p.id))).toHaveLength(7);
  });

  it('names subgroups and suggests where a newcomer goes', () => {
    expect(subgroupNames('gender', 2)).toEqual(['Мальчики', 'Девочки']);
    expect(subgroupNames('alphabet', 3)).toEqual(['1 подгруппа', '2 подгруппа', '3 подгруппа']);
    expect(isByGender(['Мальчики', 'Девочки'])).toBe(true);
    expect(partSizes(7, 3)).toEqual([3, 2, 2]);
    const groups = [{ number: 1, name: '1 подгруппа', size: 13 }, { number: 2, name: '2 подгруппа', size: 12 }, { number: 3, name: '3 подгруппа', size: 12 }];
    expect(suggest(groups, 'f')).toBe(2);
    const byGender = [{ number: 1, name: 'Мальчики', size: 15 }, { number: 2, name: 'Девочки', size: 9 }];
    expect(suggest(byGender, 'm')).toBe(1);
    expect(suggest(byGender, null)).toBe(2);
  });
});
