// The school's subjects.
import { z } from 'zod';
import * as s from '../schemas';
import { change, none, read, view, write } from '../ops';
import type { Grading, RoomKind } from '../enums';

export interface Subject {
  id: string;
  name: string;
  shortName: string;
  noAttestation: boolean;
  grading: Grading;
  sortOrder: number;
  /** The kind of room its lessons need (issue 11); null: any room. */
  roomKind: RoomKind | null;
}

export const subjectsOps = {
  'subjects.list': read(view('setup'), none).returns<Subject[]>(),
  'subjects.save': write(
    change('setup'),
    z.object({
      id: s.optionalId,
      name: s.required('Название', 'title'),
      shortName: s.required('Краткое название', 'shortTitle'),
      noAttestation: z.boolean(),
      grading: s.grading,
      sortOrder: s.int('Порядок в списках', 0, 100_000).default(0),
      roomKind: s.roomKind.nullable().default(null),
    }),
  ).returns<Subject>(),
  'subjects.remove': write(change('setup'), z.object({ id: s.id })).returns<void>(),
  'subjects.addStandard': write(change('setup'), none).returns<{ added: number }>(),
};
