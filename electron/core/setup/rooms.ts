import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { Room } from '../../api/types';
import type { Row } from '../../../db';
import { invalid, notFound } from '../../api/errors';
import { act } from '../tx';

const toRoom = (r: Row<'room'>): Room => ({ id: r.id, number: r.number, name: r.name, capacity: r.capacity, kind: r.kind });

export function listRooms(ctx: Ctx): Room[] {
  const { db } = ctx;
  return db
    .all(db.q.selectFrom('room').selectAll().where('deleted_at', 'is', null))
    .map(toRoom)
    .sort((a, b) => a.number.localeCompare(b.number, 'ru', { numeric: true }));
}

export function saveRoom(ctx: Ctx, i: OpParsed<'rooms.save'>): Room {
  const { db } = ctx;
  return act(ctx, (w) => {
    const same = db.first(db.q.selectFrom('room').select('id').where('number', '=', i.number).where('deleted_at', 'is', null));
    if (same && same.id !== i.id) throw invalid(`Кабинет «${i.number}» уже есть`, [{ column: 'Номер', message: `Кабинет «${i.number}» уже есть` }]);
    const values = { number: i.number, name: i.name, capacity: i.capacity, kind: i.kind };
    if (i.id) {
      if (!db.first(db.q.selectFrom('room').select('id').where('id', '=', i.id).where('deleted_at', 'is', null))) throw notFound('Кабинет');
      return toRoom(w.update('room', i.id, values));
    }
    return toRoom(w.insert('room', values));
  });
}

export function removeRoom(ctx: Ctx, id: string): void {
  const { db } = ctx;
  act(ctx, (w) => {
    for (const c of db.all(db.q.selectFrom('school_class').select('id').where('room_id', '=', id).where('deleted_at', 'is', null)))
      w.update('school_class', c.id, { room_id: null });
    w.remove('room', id);
  });
}
