import { contract, opNames, type OpName } from '../../api/contract';
import type { AppRole } from '../../api/types';
import type { Need } from '../../api/ops';
import { AREAS, ROLE_MATRIX, ROLE_LABELS, AREA_LABELS, type Area, type Access } from '../../api/roles';

// The matrix itself lives in electron/api/roles.ts: the renderer shows it to the administrator.
export { AREAS, ROLE_MATRIX, ROLE_LABELS, AREA_LABELS, type Area, type Access, type Need };

/**
 * What each operation needs: 'public' (before login), 'session' (any logged-in user, even one who
 * must change the password), or an area and the access level. Declared with the operation in its
 * feature's api file (`needs` is a required argument of `read`/`write` in electron/api/ops.ts), so
 * a new operation without its permission does not compile; here only gathered for the guard.
 */
export const OP_NEEDS: Readonly<Record<OpName, Need>> = Object.fromEntries(opNames.map((n) => [n, contract[n].needs])) as Record<OpName, Need>;

export function allows(role: AppRole, need: { area: Area; access: 'view' | 'change' }): boolean {
  const has = ROLE_MATRIX[role][need.area];
  return has === 'change' || (has === 'view' && need.access === 'view');
}
