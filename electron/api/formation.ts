// Forming the first grades (issue 12 point 2; R10): the enrollable applications of grade 1 not yet
// enrolled distributed over the first-grade classes (their number, letters and sizes chosen),
// balanced by gender and age, pairs of children kept together or apart; the result is each
// application's planned class (enrollment_application.planned_class_id), corrected by moving one
// child at a time. The orders «О зачислении» and «О формировании классов» are made from it
// (orders.fromFormation). Handlers: electron/core/formation/ops.ts. The area `contingent`: the
// secretary and the administrator change, deputies and the director view.
import { z } from 'zod';
import * as s from './schemas';
import { change, none, read, view, write } from './ops';
import type { Gender } from './enums';

/** A child of the cohort (an application). */
export interface FormationChild {
  /** The application's id. */
  id: string;
  regNumber: string;
  /** «Фамилия Имя Отчество» */
  fullName: string;
  birthDate: string;
  gender: Gender | null;
  /** Age in years on the first day of the school year. */
  age: number;
  plannedClassId: string | null;
}

/** Boys, girls and the mean age of a list of children. */
export interface FormationCounts {
  size: number;
  boys: number;
  girls: number;
  /** Mean age in years on the first day of the school year; null for an empty class. */
  meanAge: number | null;
}

/** A first-grade class of the current year with the children planned into it. */
export interface FormationClass extends FormationCounts {
  id: string;
  letter: string;
  /** «1А» */
  name: string;
  children: FormationChild[];
}

export interface FormationPair {
  id: string;
  firstId: string;
  secondId: string;
  firstName: string;
  secondName: string;
  /** Together (one class) or apart (different classes). */
  together: boolean;
}

export interface FormationBoard {
  /** The first day of the year (ages are counted on it). */
  ageOn: string;
  classes: FormationClass[];
  /** The cohort's children not planned into a class. */
  unplanned: FormationChild[];
  pairs: FormationPair[];
  /** The pairs the planned classes break, in words («Иванов Иван и Петров Пётр должны быть в одном классе: 1А и 1Б»). */
  problems: string[];
  /** The whole cohort. */
  total: FormationCounts;
}

/** A proposed class: not written yet. */
export interface ProposedClass extends FormationCounts {
  letter: string;
  name: string;
  /** The class when it exists already; null: it is made on apply. */
  classId: string | null;
  children: FormationChild[];
}

export interface FormationProposal {
  classes: ProposedClass[];
  /** What could not hold, in words (the pairs broken, too few places). */
  problems: string[];
  seed: number;
}

/** Boys, girls and the mean age of a list of children (the board's columns, the proposal, the CLI). */
export function formationCounts(children: readonly Pick<FormationChild, 'gender' | 'age'>[]): FormationCounts {
  const size = children.length;
  return {
    size,
    boys: children.filter((c) => c.gender === 'm').length,
    girls: children.filter((c) => c.gender === 'f').length,
    meanAge: size ? children.reduce((s, c) => s + c.age, 0) / size : null,
  };
}

/** The letters of the classes by default: А, Б, В, … (no Ё, Й, Ъ, Ы, Ь). */
export const DEFAULT_LETTERS = [...'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ'];

/** Children of one cohort: well above a school's first grades. */
const MAX_CHILDREN = 2000;
const classCount = s.int('Число классов', 1, 20);
const size = s.int('Число детей в классе', 1, 60);

export const formationOps = {
  /** The first grades of the current year with their planned children, the children not yet planned, the pairs. */
  'formation.board': read(view('contingent'), none).returns<FormationBoard>(),
  /** A distribution of the cohort (nothing written): letters by default А, Б, …; sizes even by default. */
  'formation.propose': read(
    view('contingent'),
    z.object({
      count: classCount,
      letters: s.distinct(s.classLetter, 'Литер', 20, 'Литеры классов повторяются').nullable().optional(),
      sizes: s.list(size, 'Размеров классов', 20).nullable().optional(),
      seed: s.int('Вариант распределения', 0, 1_000_000).optional(),
    }),
  ).returns<FormationProposal>(),
  /** Writes a distribution (one transaction): each listed child's planned class; the classes made when missing; the others unplanned. */
  'formation.apply': write(
    change('contingent'),
    z.object({
      classes: s
        .list(z.object({ letter: s.classLetter, applicationIds: s.list(s.idField('Ребёнок'), 'Детей в классе', MAX_CHILDREN) }), 'Классов', 20)
        .min(1, 'Укажите хотя бы один класс')
        .refine((cs) => new Set(cs.map((c) => c.letter)).size === cs.length, 'Литеры классов повторяются'),
    }),
  ).returns<FormationBoard>(),
  /** Moves one child into another planned class (null: out of every class). */
  'formation.move': write(change('contingent'), z.object({ applicationId: s.idField('Ребёнок'), classId: s.idField('Класс').nullable() })).returns<FormationBoard>(),
  /** Two children to keep together or apart (the same two again: the rule is changed). */
  'formation.pairs.save': write(
    change('contingent'),
    z
      .object({ id: s.optionalId, firstId: s.idField('Первый ребёнок'), secondId: s.idField('Второй ребёнок'), together: z.boolean({ error: 'Укажите: вместе или в разных классах' }) })
      .refine((p) => p.firstId !== p.secondId, { message: 'Выберите двух разных детей', path: ['secondId'] }),
  ).returns<FormationPair>(),
  'formation.pairs.remove': write(change('contingent'), z.object({ id: s.id })).returns<void>(),
};
