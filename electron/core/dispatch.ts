import { z } from 'zod';
import { contract, type OpName, type OpOutput } from '../api/contract';
import { AppError, type Problem, type SerializedError } from '../api/errors';
import type { Ctx, HandlerMap } from './context';
import { handlers as defaultHandlers } from './handlers';
import { guard } from './auth/guard';
import { installValidationMessages } from './validationMessages';
import { jobRunner } from './jobs/runner';
import { withChangeOrigin } from '../../db/changes';

installValidationMessages();

/** At most this many input problems are returned with a refusal. */
const MAX_PROBLEMS = 100;

export type CallResult<N extends OpName = OpName> = { ok: true; result: OpOutput<N> } | { ok: false; error: SerializedError };

export function isOpName(name: unknown): name is OpName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/**
 * Validates the input against the contract and runs the handler. Every host (IPC, browser bridge,
 * CLI, tests) goes through here, so they all validate alike and return the same errors.
 */
export async function dispatch(ctx: Ctx, name: string, rawInput: unknown, handlers: HandlerMap = defaultHandlers): Promise<CallResult> {
  if (!isOpName(name)) {
    return { ok: false, error: { code: 'not_found', message: `Неизвестная операция «${String(name).slice(0, 60)}»` } };
  }
  // Who may call comes first: an unauthorized caller learns nothing about the input rules.
  try {
    guard(ctx, name);
  } catch (e) {
    return { ok: false, error: toSerialized(e) };
  }
  const parsed = contract[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    // A list of 10 000 wrong items gives as many problems: the first ones are enough to show.
    const problems: Problem[] = parsed.error.issues.slice(0, MAX_PROBLEMS).map((i) => ({ column: i.path.join('.'), message: i.message }));
    return { ok: false, error: { code: 'validation', message: problems[0]?.message ?? 'Неверные данные', problems } };
  }
  // Long work (an operation marked `job`) leaves this thread: the job runner settles with its result.
  const def: { job?: string; writes: boolean } = contract[name];
  if (def.job && !ctx.job) return jobRunner().run({ ...ctx, actor: ctx.session.user?.login ?? ctx.actor }, name, parsed.data, def);
  try {
    const callCtx: Ctx = { ...ctx, actor: ctx.session.user?.login ?? ctx.actor };
    // The transactions of this call are told to the change listeners as the user's (db/changes.ts).
    const origin = { by: 'user' as const, actor: callCtx.actor, sessionId: ctx.session.id };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = await withChangeOrigin(origin, () => (handlers[name] as any)(parsed.data, callCtx));
    return { ok: true, result };
  } catch (e) {
    return { ok: false, error: toSerialized(e) };
  }
}

export function toSerialized(e: unknown): SerializedError {
  if (e instanceof AppError) return e.toJSON();
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    const unique = code === 'SQLITE_CONSTRAINT_UNIQUE';
    return {
      code: 'conflict',
      message: unique ? 'Такая запись уже существует.' : 'Данные нарушают целостность базы (связанная запись отсутствует или используется).',
    };
  }
  if (typeof code === 'string' && (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')) {
    return { code: 'unavailable', message: 'База данных занята другой операцией. Повторите через несколько секунд.' };
  }
  // The message of an unexpected error may contain personal data: log only its kind.
  console.error(`[core] internal error: ${(e as Error)?.name ?? typeof e} ${typeof code === 'string' ? code : ''}`);
  return { code: 'internal', message: 'Внутренняя ошибка программы. Действие не выполнено, данные не изменены.' };
}

/** In-process client: the same contract, called directly (tests, CLI). Throws AppError. */
export function createLocalClient(ctx: Ctx, handlers: HandlerMap = defaultHandlers) {
  return async function call<N extends OpName>(name: N, input?: unknown): Promise<OpOutput<N>> {
    const r = await dispatch(ctx, name, input, handlers);
    if (!r.ok) throw AppError.from(r.error);
    return r.result as OpOutput<N>;
  };
}
export type LocalClient = ReturnType<typeof createLocalClient>;
