// Runs the simulated year (generate.ts) into a sink — the central store (readRecords/writeCentral,
// wired by `npm run central -- simulate`) or, in tests, an array. It reads the school's setup from
// the port, streams the batches and writes them a day at a time in chunks of at most `maxChanges`
// changes, in entry order, as teachers would have written them through the central journal.
import type { Change } from '../protocol';
import { dayOf } from './calendar';
import { generateJournal, SETUP_ENTITIES, SIMULATED_ENTITIES, type SchoolSetup, type SimChange, type SimulatedEntity, type SimulationSummary } from './generate';

/** Where the simulation reads the school's setup and writes the journal. */
export interface SimulationPort {
  read(entity: string): Promise<Record<string, unknown>[]>;
  write(changes: Change[]): Promise<void>;
}

export interface SimulateOptions {
  /** Default 1. */
  seed?: number;
  /** 'YYYY-MM-DD': write only what was entered on or after this day (continuing an earlier run up to the day before). */
  from?: string;
  /** 'YYYY-MM-DD', inclusive. */
  until: string;
  utcOffsetMin?: number;
  /** Called after each write: simulated days done of the total. */
  onProgress?: (done: number, total: number) => void;
  /** Changes per write, at most (default and maximum 5000). */
  maxChanges?: number;
}

export interface SimulationResult {
  /** Rows inserted, by table. */
  inserted: Record<SimulatedEntity, number>;
  /** Rows updated (retakes, teachers' last logins), by table. */
  updated: Record<SimulatedEntity, number>;
  /** Teachers' actions (batches) and calls to `write`. */
  batches: number;
  writes: number;
  ms: number;
  summary: SimulationSummary;
}

export const MAX_WRITE = 5000;

/** Reads the setup from the port: the tables the generator needs, as plain rows. */
export async function readSetup(port: Pick<SimulationPort, 'read'>): Promise<SchoolSetup> {
  const entries = await Promise.all(SETUP_ENTITIES.map(async (e) => [e, await port.read(e)] as const));
  return Object.fromEntries(entries) as unknown as SchoolSetup;
}

const zero = () => Object.fromEntries(SIMULATED_ENTITIES.map((e) => [e, 0])) as Record<SimulatedEntity, number>;

export async function simulate(port: SimulationPort, opts: SimulateOptions): Promise<SimulationResult> {
  const t0 = performance.now();
  const max = Math.min(Math.max(1, opts.maxChanges ?? MAX_WRITE), MAX_WRITE);
  const setup = await readSetup(port);
  const gen = generateJournal(setup, { seed: opts.seed ?? 1, from: opts.from, until: opts.until, utcOffsetMin: opts.utcOffsetMin });
  const result = { inserted: zero(), updated: zero(), batches: 0, writes: 0 };

  let chunk: Change[] = [];
  /** Rows inserted by the chunk: an update of one of them goes to the next write. */
  let chunkIds = new Set<string>();
  let chunkDay = '';
  let firstDay: number | null = opts.from ? dayOf(opts.from) : null;
  const lastDay = dayOf(opts.until);
  const flush = async () => {
    if (!chunk.length) return;
    await port.write(chunk);
    result.writes += 1;
    chunk = [];
    chunkIds = new Set();
    if (firstDay !== null) {
      const total = lastDay - firstDay + 1;
      opts.onProgress?.(Math.min(total, Math.max(0, dayOf(chunkDay) - firstDay + 1)), total);
    }
  };
  const add = async (c: SimChange) => {
    if (chunk.length >= max || (c.op === 'update' && chunkIds.has(c.id))) await flush();
    chunk.push({ entity: c.entity, id: c.id, op: c.op, fields: c.fields, base: null });
    if (c.op === 'insert') {
      chunkIds.add(c.id);
      result.inserted[c.entity] += 1;
    } else result.updated[c.entity] += 1;
  };

  let next = gen.next();
  while (!next.done) {
    const batch = next.value;
    const day = batch.at.slice(0, 10);
    firstDay ??= dayOf(day);
    // A day at a time: a batch never straddles two writes unless it alone is over the limit.
    if (day !== chunkDay || chunk.length + batch.changes.length > max) await flush();
    chunkDay = day;
    for (const c of batch.changes) await add(c);
    result.batches += 1;
    next = gen.next();
  }
  await flush();
  if (firstDay !== null) opts.onProgress?.(lastDay - firstDay + 1, lastDay - firstDay + 1);
  return { ...result, ms: Math.round(performance.now() - t0), summary: next.value };
}

/** A line for the console: whether the lessons followed the school's own timetable (issue 11), nothing personal. */
export function timetableLine(summary: SimulationSummary): string {
  const o = summary.office;
  if (!o.days) return 'Уроки — по неделе моделирования: в записях школы нет расставленного расписания.';
  return `Уроки — по расписанию школы: дней ${o.days}, уроков ${o.lessons}, из них заменено, отменено или перенесено ${o.changed}.`;
}
