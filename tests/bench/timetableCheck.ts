// `npm run bench -- timetable` (issue 11): the clash check of one edit and the whole school's check
// at the 5000-student demo. The version's cards are made from the тарификация and placed by a
// simple greedy of the bench's own (first slot without a clash, no room), written outside the timing.
import type { Db } from '../../db';
import type { LocalClient } from '../../electron/core/dispatch';
import { loadModel } from '../../electron/core/timetable/queries';
import { buildIndex, checkModel, checkPlacement } from '../../electron/core/timetable/check';

type Emit = (name: string, value: number, unit: string) => void;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function timetableCheckBenches(c: { db: Db; call: LocalClient }, emit: Emit): Promise<void> {
  const year = (await c.call('years.list')).find((y) => y.isCurrent)!;
  const v = await c.call('timetable.saveVersion', { yearId: year.id, name: 'Замер', validFrom: year.startDate, days: 5, fortnight: true });
  await c.call('timetable.makeCards', { timetableId: v.id });
  // The greedy: each card at the first free slot of the week (days first, so that days fill evenly).
  const model = loadModel(c.db, v.id);
  const ix = buildIndex(model);
  const lessons = (shift: number) => model.slots.filter((s) => s.shift === shift).map((s) => s.lessonNo);
  let placed = 0;
  for (const card of model.cards)
    search: for (const l of lessons(card.shift))
      for (let d = 1; d <= model.days; d++)
        if (checkPlacement(ix, card.id, d, l, null).length === 0) {
          ix.place(card.id, d, l, null);
          placed++;
          break search;
        }
  const update = c.db.raw.prepare('UPDATE timetable_card SET weekday = ?, lesson_no = ? WHERE id = ?');
  c.db.raw.transaction(() => {
    for (const card of ix.cards.values()) if (card.weekday !== null) update.run(card.weekday, card.lessonNo, card.id);
  })();
  emit('timetable_cards_placed_5000_students', placed, `cards of ${model.cards.length}`);

  // The whole school: load the version, then the check (median of 7); the load alone is printed too.
  const loads: number[] = [];
  const checks: number[] = [];
  let clashes = -1;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const m = loadModel(c.db, v.id);
    const t1 = performance.now();
    const r = checkModel(m);
    checks.push(performance.now() - t1);
    loads.push(t1 - t0);
    clashes = r.clashes.length;
  }
  if (clashes !== 0) throw new Error(`the greedy left ${clashes} clashes`);
  emit('timetable_check_whole_school_ms', median(checks), 'ms');
  emit('timetable_load_model_5000_students_ms', median(loads), 'ms');

  // One edit: a placed card's check at another slot, on the index built once (mean of 2000 random ones).
  const m = loadModel(c.db, v.id);
  const index = buildIndex(m);
  const placedCards = m.cards.filter((x) => x.weekday !== null);
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const N = 2000;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const card = placedCards[rnd(placedCards.length)]!;
    checkPlacement(index, card.id, 1 + rnd(m.days), 1 + rnd(7), null);
  }
  emit('timetable_clash_check_one_edit_ms', (performance.now() - t0) / N, 'ms');
  // The same edit through the API: one transaction, the check, the write and the new whole check.
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const card = placedCards[rnd(placedCards.length)]!;
    const t1 = performance.now();
    await c.call('timetable.unplace', { cardId: card.id });
    times.push(performance.now() - t1);
  }
  emit('timetable_edit_via_api_5000_students_ms', median(times), 'ms');
}
