// Forming the first grades (issue 12 point 2; R10; docs/contingent.md): the board, a proposal by the
// pure distribution (distribute.ts), applying it in one transaction (the classes made by
// setup/classes.ts ensureClass when missing), moving one child, the together/apart pairs.
import type { Ctx } from '../context';
import type { Db } from '../../../db';
import type { OpParsed } from '../../api/contract';
import type { FormationBoard, FormationChild, FormationPair, FormationProposal, ProposedClass } from '../../api/formation';
import { DEFAULT_LETTERS, formationCounts as counts } from '../../api/formation';
import { invalid, notFound } from '../../api/errors';
import { className } from '../../api/text';
import { countOf } from '../../api/plural';
import { act } from '../tx';
import { currentYearId } from '../year';
import { fullName } from '../format';
import { ensureClass } from '../setup/classes';
import { distribute, type FormProblem } from './distribute';
import { cohortRows, firstGrades, pairBetween, pairRows, yearStart } from './queries';

const DAY = 86_400_000;
const FIRST_GRADE = 1;
const FIRST_SHIFT = 1;

/** Age in years on a day. */
function ageOn(birth: string, day: string): number {
  return (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${birth}T00:00:00Z`)) / DAY / 365.25;
}

const byName = (a: FormationChild, b: FormationChild) => a.fullName.localeCompare(b.fullName, 'ru') || a.id.localeCompare(b.id);

function cohort(db: Db, yearId: string): { children: FormationChild[]; ageOn: string } {
  const start = yearStart(db, yearId);
  const children = cohortRows(db, yearId)
    .map((r) => ({
      id: r.id,
      regNumber: r.reg_number,
      fullName: fullName(r),
      birthDate: r.birth_date,
      gender: r.gender,
      age: ageOn(r.birth_date, start),
      plannedClassId: r.planned_class_id,
    }))
    .sort(byName);
  return { children, ageOn: start };
}

function pairsOf(db: Db, children: readonly FormationChild[]): FormationPair[] {
  const name = new Map(children.map((c) => [c.id, c.fullName]));
  return pairRows(db, new Set(name.keys())).map((p) => ({
    id: p.id,
    firstId: p.first_id,
    secondId: p.second_id,
    firstName: name.get(p.first_id)!,
    secondName: name.get(p.second_id)!,
    together: p.together === 1,
  }));
}

function brokenPair(p: { firstName: string; secondName: string; together: boolean }, first: string, second: string): string {
  return p.together
    ? `${p.firstName} и ${p.secondName} должны учиться в одном классе, а распределены в ${first} и ${second}`
    : `${p.firstName} и ${p.secondName} должны учиться в разных классах, а оба в ${first}`;
}

export function board(ctx: Ctx): FormationBoard {
  const { db } = ctx;
  const yearId = currentYearId(ctx);
  const { children, ageOn: start } = cohort(db, yearId);
  const classes = firstGrades(db, yearId);
  const known = new Set(classes.map((c) => c.id));
  const pairs = pairsOf(db, children);
  const nameOf = new Map(classes.map((c) => [c.id, className(c)]));
  const classOf = new Map(children.map((c) => [c.id, c.plannedClassId && known.has(c.plannedClassId) ? c.plannedClassId : null]));
  const problems: string[] = [];
  for (const p of pairs) {
    const a = classOf.get(p.firstId);
    const b = classOf.get(p.secondId);
    if (!a || !b) continue;
    if (p.together ? a !== b : a === b) problems.push(brokenPair(p, nameOf.get(a)!, nameOf.get(b)!));
  }
  return {
    ageOn: start,
    classes: classes.map((c) => {
      const kids = children.filter((x) => classOf.get(x.id) === c.id);
      return { id: c.id, letter: c.letter, name: className(c), children: kids, ...counts(kids) };
    }),
    unplanned: children.filter((x) => !classOf.get(x.id)),
    pairs,
    problems,
    total: counts(children),
  };
}

function problemText(p: FormProblem, name: Map<string, string>, classOf: Map<string, string>): string {
  switch (p.kind) {
    case 'no_room':
      return `Мест в классах (${p.places}) меньше, чем детей (${p.children}): не распределено ${countOf(p.children - p.places, 'ребёнок', 'ребёнка', 'детей')}`;
    case 'group_too_big':
      return `Вместе нужно оставить ${countOf(p.size, 'ребёнка', 'детей', 'детей')} (${p.ids.map((id) => name.get(id)).join(', ')}) — это больше, чем мест в любом классе: группа разделена`;
    case 'pair_broken':
      return brokenPair(
        { firstName: name.get(p.firstId)!, secondName: name.get(p.secondId)!, together: p.together },
        classOf.get(p.firstId) ?? '—',
        classOf.get(p.secondId) ?? '—',
      );
  }
}

export function propose(ctx: Ctx, i: OpParsed<'formation.propose'>): FormationProposal {
  const { db } = ctx;
  const yearId = currentYearId(ctx);
  const letters = i.letters ?? DEFAULT_LETTERS.slice(0, i.count);
  if (letters.length !== i.count)
    throw invalid(`Литер указано ${letters.length}, а классов ${i.count}: укажите по одной литере на класс`, [{ column: 'letters', message: `Литер указано ${letters.length}, а классов ${i.count}: укажите по одной литере на класс` }]);
  if (i.sizes && i.sizes.length !== i.count)
    throw invalid(`Размеров классов указано ${i.sizes.length}, а классов ${i.count}: укажите по одному на класс`, [{ column: 'sizes', message: `Размеров классов указано ${i.sizes.length}, а классов ${i.count}: укажите по одному на класс` }]);
  const seed = i.seed ?? 1;
  const { children } = cohort(db, yearId);
  const pairs = pairsOf(db, children);
  const r = distribute({
    children: children.map((c) => ({ id: c.id, gender: c.gender, age: c.age })),
    classes: i.count,
    sizes: i.sizes ?? null,
    pairs: pairs.map((p) => ({ firstId: p.firstId, secondId: p.secondId, together: p.together })),
    seed,
  });
  const existing = new Map(firstGrades(db, yearId).map((c) => [c.letter, c.id]));
  const byId = new Map(children.map((c) => [c.id, c]));
  const classes: ProposedClass[] = r.classes.map((ids, x) => {
    const letter = letters[x]!;
    const kids = ids.map((id) => byId.get(id)!).sort(byName);
    return { letter, name: className({ grade: FIRST_GRADE, letter }), classId: existing.get(letter) ?? null, children: kids, ...counts(kids) };
  });
  const name = new Map(children.map((c) => [c.id, c.fullName]));
  const classOf = new Map(classes.flatMap((c) => c.children.map((k) => [k.id, c.name] as const)));
  return { classes, problems: r.problems.map((p) => problemText(p, name, classOf)), seed };
}

export function apply(ctx: Ctx, i: OpParsed<'formation.apply'>): FormationBoard {
  const { db } = ctx;
  act(ctx, (w) => {
    const yearId = currentYearId(ctx);
    const rows = cohortRows(db, yearId);
    const inCohort = new Map(rows.map((r) => [r.id, r]));
    const seen = new Set<string>();
    const target = new Map<string, string>();
    for (const c of i.classes) {
      for (const id of c.applicationIds) {
        if (!inCohort.has(id))
          throw invalid(`Класс 1${c.letter}: ребёнок не из числа зачисляемых в 1-й класс (заявление удалено, уже зачислено или не допускает зачисления)`, [
            { column: `1${c.letter}`, message: 'Ребёнок не из числа зачисляемых в 1-й класс' },
          ]);
        if (seen.has(id)) throw invalid(`${fullName(inCohort.get(id)!)} указан в двух классах`);
        seen.add(id);
      }
    }
    for (const c of i.classes) {
      const { id: classId } = ensureClass(ctx, w, yearId, FIRST_GRADE, c.letter, FIRST_SHIFT);
      for (const id of c.applicationIds) target.set(id, classId);
    }
    for (const r of rows) {
      const to = target.get(r.id) ?? null;
      if (r.planned_class_id !== to) w.update('enrollment_application', r.id, { planned_class_id: to });
    }
  });
  return board(ctx);
}

export function move(ctx: Ctx, i: OpParsed<'formation.move'>): FormationBoard {
  const { db } = ctx;
  act(ctx, (w) => {
    const yearId = currentYearId(ctx);
    const row = cohortRows(db, yearId).find((r) => r.id === i.applicationId);
    if (!row) throw notFound('Ребёнок из числа зачисляемых в 1-й класс');
    if (i.classId !== null && !firstGrades(db, yearId).some((c) => c.id === i.classId)) throw notFound('1-й класс этого учебного года');
    if (row.planned_class_id !== i.classId) w.update('enrollment_application', row.id, { planned_class_id: i.classId });
  });
  return board(ctx);
}

export function savePair(ctx: Ctx, i: OpParsed<'formation.pairs.save'>): FormationPair {
  const { db } = ctx;
  const id = act(ctx, (w) => {
    const yearId = currentYearId(ctx);
    const ids = new Set(cohortRows(db, yearId).map((r) => r.id));
    if (!ids.has(i.firstId) || !ids.has(i.secondId)) throw notFound('Ребёнок из числа зачисляемых в 1-й класс');
    const values = { first_id: i.firstId, second_id: i.secondId, together: i.together ? 1 : 0 };
    const same = pairBetween(db, i.firstId, i.secondId);
    if (i.id) {
      if (!db.first(db.q.selectFrom('enrollment_pair').select('id').where('id', '=', i.id).where('deleted_at', 'is', null))) throw notFound('Пара детей');
      if (same && same.id !== i.id) throw invalid('Для этих двух детей правило уже задано', [{ column: 'secondId', message: 'Для этих двух детей правило уже задано' }]);
      return w.update('enrollment_pair', i.id, values).id;
    }
    if (same) return w.update('enrollment_pair', same.id, values).id;
    return w.insert('enrollment_pair', values).id;
  });
  return board(ctx).pairs.find((p) => p.id === id)!;
}

export function removePair(ctx: Ctx, id: string): void {
  const { db } = ctx;
  act(ctx, (w) => {
    if (!db.first(db.q.selectFrom('enrollment_pair').select('id').where('id', '=', id).where('deleted_at', 'is', null))) throw notFound('Пара детей');
    w.remove('enrollment_pair', id);
  });
}
