import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { OpInput, OpName, OpOutput } from '../../../electron/api/contract';
import { call } from '../api';
import { opKey } from './client';

export interface OpOptions {
  /** False: not fetched (yet): a choice is missing, or the user may not read it. */
  enabled?: boolean;
  /** Keep showing the previous input's result while the new one loads (a filter changed). */
  keepPrevious?: boolean;
  /** Asked again this often (ms) while set: state that changes without a change event (a sync round's progress). */
  refetchInterval?: number | false | ((data: unknown) => number | false);
}

/**
 * Reads one operation of the API contract: cached by operation and input, fetched again when the
 * core tells that data it may show changed, the request aborted when nobody wants it any more (the
 * input changed, the page closed). Only for operations that read: a change is an action (useAction).
 */
export function useOp<N extends OpName>(name: N, input?: OpInput<N>, opts: OpOptions = {}): UseQueryResult<OpOutput<N>, unknown> {
  return useQuery({
    queryKey: opKey(name, input),
    queryFn: ({ signal }) => call(name, input, { signal }),
    enabled: opts.enabled,
    placeholderData: opts.keepPrevious ? keepPreviousData : undefined,
    refetchInterval: typeof opts.refetchInterval === 'function' ? (q) => (opts.refetchInterval as (data: unknown) => number | false)(q.state.data) : opts.refetchInterval,
  });
}
