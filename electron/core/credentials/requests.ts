// R7: every newcomer and each of its parents get an account of the central system within 10
// working days of arrival. Called by the orders when an enrollment or an arrival is signed
// (electron/core/orders), inside that transaction. Issue 12: implemented by the credentials part.
import type { Ctx } from '../context';
import type { Writer } from '../../../db';

/** Asks the central system for the accounts of a student who arrives on `arrivedOn` and of their parents. */
export function requestCredentialsFor(_ctx: Ctx, _w: Writer, _studentId: string, _arrivedOn: string): void {
  // The credentials part of issue 12 writes the credential_request rows here.
}
