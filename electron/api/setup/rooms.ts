// The school's rooms (кабинеты).
import { z } from 'zod';
import * as s from '../schemas';
import { change, none, read, view, write } from '../ops';
import type { RoomKind } from '../enums';

export interface Room {
  id: string;
  number: string;
  name: string | null;
  capacity: number | null;
  /** What the room is fit for (issue 11): a subject may need a gym, a lab, a computer room. */
  kind: RoomKind;
}

export const roomsOps = {
  'rooms.list': read(view('setup'), none).returns<Room[]>(),
  'rooms.save': write(
    change('setup'),
    z.object({ id: s.optionalId, number: s.required('Номер', 'roomNumber'), name: s.optionalText('Название', 'title'), capacity: s.int('Мест', 1, 500).nullable(), kind: s.roomKind.default('regular') }),
  ).returns<Room>(),
  'rooms.remove': write(change('setup'), z.object({ id: s.id })).returns<void>(),
};
