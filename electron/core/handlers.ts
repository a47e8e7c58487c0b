import type { HandlerMap } from './context';
import { appHandlers } from './app/ops';
import { authHandlers } from './auth/ops';
import { auditHandlers } from './audit/ops';
import { backupHandlers } from './backup/ops';
import { setupHandlers } from './setup/ops';
import { studentsHandlers } from './students/ops';
import { transferHandlers } from './transfer/ops';
import { groupsHandlers } from './groups/ops';
import { workloadHandlers } from './workload/ops';
import { reportsHandlers } from './reports/ops';
import { jobsHandlers } from './jobs/ops';
import { journalHandlers } from './journal/ops';
import { syncHandlers } from './sync/ops';
import { timetableHandlers } from './timetable/ops';
import { substitutionsHandlers } from './substitutions/ops';
import { booksHandlers } from './books/ops';
import { enrollmentHandlers } from './enrollment/ops';
import { formationHandlers } from './formation/ops';
import { credentialsHandlers } from './credentials/ops';
import { ordersHandlers } from './orders/ops';
import { indicatorsHandlers } from './indicators/ops';
import { termHandlers } from './term/ops';
import { termFilesHandlers } from './term/fileOps';
import { summaryHandlers } from './summary/ops';
import { monitoringHandlers } from './monitoring/ops';
import { statementsHandlers } from './statements/ops';
import { paperMedalHandlers } from './paper/medal/ops';
import { homeHandlers } from './home/ops';
import { rolloverHandlers } from './yearEnd/rollover/ops';
import { promotionHandlers } from './yearEnd/promotion/ops';
import { debtsHandlers } from './yearEnd/debts/ops';
import { yearCheckHandlers } from './yearEnd/check/ops';
import { paperBoardHandlers } from './paper/board/ops';
import { paperRegisterHandlers } from './paper/register/ops';
import { paperArchiveHandlers } from './paper/archive/ops';
import { paperCopiesHandlers } from './paper/copy/ops';

/**
 * The one handler map behind the API contract; served by every host. Each feature's handlers live
 * in `electron/core/<feature>/ops.ts` (`satisfies Handlers<typeof <feature>Ops>`); a feature left
 * out here, or an operation without its handler, does not compile.
 */
export const handlers: HandlerMap = {
  ...appHandlers,
  ...authHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...setupHandlers,
  ...studentsHandlers,
  ...transferHandlers,
  ...groupsHandlers,
  ...workloadHandlers,
  ...reportsHandlers,
  ...jobsHandlers,
  ...journalHandlers,
  ...syncHandlers,
  ...timetableHandlers,
  ...substitutionsHandlers,
  ...booksHandlers,
  ...enrollmentHandlers,
  ...formationHandlers,
  ...credentialsHandlers,
  ...ordersHandlers,
  ...indicatorsHandlers,
  ...termHandlers,
  ...termFilesHandlers,
  ...summaryHandlers,
  ...monitoringHandlers,
  ...statementsHandlers,
  ...paperMedalHandlers,
  ...paperBoardHandlers,
  ...paperRegisterHandlers,
  ...paperArchiveHandlers,
  ...paperCopiesHandlers,
  ...yearCheckHandlers,
  ...debtsHandlers,
  ...promotionHandlers,
  ...rolloverHandlers,
  ...homeHandlers,
};
