// The school's rooms (кабинеты).
import { z } from 'zod';
import * as s from '../schemas';
import { change, none, read, view, write } from '../ops';

export interface Room {
  id: string;
  number: string;
  name: string | null;
  capacity: number | null;
}

export const roomsOps = {
  'rooms.list': read(view('setup'), none).returns<Room[]>(),
  'rooms.save': write(
    change('setup'),
    z.object({ id: s.optionalId, number: s.required('Номер', 'roomNumber'), name: s.optionalText('Название', 'title'), capacity: s.int('Мест', 1, 500).nullable() }),
  ).returns<Room>(),
  'rooms.remove': write(change('setup'), z.object({ id: s.id })).returns<void>(),
};
