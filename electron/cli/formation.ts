// `enroll form-classes --db … [--classes N] [--letters А,Б,…] [--sizes 25,25,…] [--seed N] [--apply]`
// (issue 12 points 2 and 6): the first grades formed from the enrollable applications; without
// --apply only shown, with it written (the planned classes; the classes made when missing).
import type { LocalClient } from '../core/dispatch';
import type { FormationCounts } from '../api/types';
import { countOf } from '../api/plural';
import { UsageError } from './errors';

export interface FormationEnv {
  call: LocalClient;
  flag: (name: string) => string | undefined;
  out: (text: string, data: unknown) => void;
}

const children = (n: number) => countOf(n, 'ребёнок', 'ребёнка', 'детей');
const age = (a: number | null) => (a === null ? '—' : a.toFixed(2).replace('.', ','));
const line = (name: string, c: FormationCounts) => `  ${name}  ${children(c.size)} (мальчиков ${c.boys}, девочек ${c.girls}), средний возраст ${age(c.meanAge)}`;

function ints(v: string | undefined, name: string): number[] | undefined {
  if (v === undefined) return undefined;
  return v.split(',').map((x) => {
    const n = Number(x.trim());
    if (!Number.isInteger(n)) throw new UsageError(`${name}: нужны целые числа через запятую, получено «${v.slice(0, 40)}»`);
    return n;
  });
}

export async function formClassesCommand(env: FormationEnv, apply: boolean): Promise<void> {
  const letters = env.flag('--letters')?.split(',').map((x) => x.trim());
  const sizes = ints(env.flag('--sizes'), '--sizes');
  const [count] = ints(env.flag('--classes'), '--classes') ?? [letters?.length ?? sizes?.length ?? 0];
  if (!count) throw new UsageError('enroll form-classes: укажите число классов: --classes N (или литеры: --letters А,Б,В)');
  const [seed] = ints(env.flag('--seed'), '--seed') ?? [undefined];
  const p = await env.call('formation.propose', { count, letters: letters ?? null, sizes: sizes ?? null, seed });
  const lines = p.classes.map((c) => line(c.name, c) + (c.classId ? '' : ' — класс будет создан'));
  const total = p.classes.reduce((s, c) => s + c.size, 0);
  const head = `Распределение ${children(total)} по ${countOf(p.classes.length, 'классу', 'классам', 'классам')} (вариант ${p.seed}):`;
  const problems = p.problems.length ? ['Не выполнено:', ...p.problems.map((x) => `  ${x}`)] : [];
  if (!apply) {
    env.out([head, ...lines, ...problems, 'Чтобы записать распределение, повторите команду с --apply.'].join('\n'), p);
    return;
  }
  const board = await env.call('formation.apply', { classes: p.classes.map((c) => ({ letter: c.letter, applicationIds: c.children.map((k) => k.id) })) });
  env.out(
    [
      'Классы сформированы:',
      ...board.classes.map((c) => line(c.name, c)),
      ...(board.unplanned.length ? [`Не распределены: ${children(board.unplanned.length)}`] : []),
      ...problems,
    ].join('\n'),
    board,
  );
}
