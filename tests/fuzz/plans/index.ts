// A valid input for every operation of the contract, on the demo school (tests/fuzz/harness.ts
// builds the school: the Fixture), one file per feature beside its operations. Each file
// `satisfies Plans<typeof <feature>Ops>`, and PLANS is typed by OpName: a new operation without a
// sample does not compile.
import type { OpName } from '../../../electron/api/contract';
import type { Plan } from '../plan';
import { appPlans } from './app';
import { authPlans } from './auth';
import { auditPlans } from './audit';
import { backupPlans } from './backup';
import { setupPlans } from './setup';
import { studentsPlans } from './students';
import { transferPlans } from './transfer';
import { groupsPlans } from './groups';
import { workloadPlans } from './workload';
import { reportsPlans } from './reports';
import { jobsPlans } from './jobs';
import { journalPlans } from './journal';
import { syncPlans } from './sync';
import { timetablePlans } from './timetable';
import { substitutionsPlans } from './substitutions';
import { booksPlans } from './books';
import { enrollmentPlans } from './enrollment';
import { formationPlans } from './formation';
import { credentialsPlans } from './credentials';
import { ordersPlans } from './orders';
import { indicatorsPlans } from './indicators';
import { termPlans } from './term';
import { termFilesPlans } from './termFiles';
import { summaryPlans } from './summary';
import { monitoringPlans } from './monitoring';
import { statementsPlans } from './statements';
import { paperMedalPlans } from './paperMedal';
import { homePlans } from './home';
import { rolloverPlans } from './rollover';
import { promotionPlans } from './promotion';
import { debtsPlans } from './debts';
import { yearCheckPlans } from './yearCheck';
import { paperBoardPlans } from './paperBoard';
import { paperRegisterPlans } from './paperRegister';
import { paperArchivePlans } from './paperArchive';
import { paperCopiesPlans } from './paperCopies';

export const PLANS: { [N in OpName]: Plan<N> } = {
  ...appPlans,
  ...authPlans,
  ...auditPlans,
  ...backupPlans,
  ...setupPlans,
  ...studentsPlans,
  ...transferPlans,
  ...groupsPlans,
  ...workloadPlans,
  ...reportsPlans,
  ...jobsPlans,
  ...journalPlans,
  ...syncPlans,
  ...timetablePlans,
  ...substitutionsPlans,
  ...booksPlans,
  ...enrollmentPlans,
  ...formationPlans,
  ...credentialsPlans,
  ...ordersPlans,
  ...indicatorsPlans,
  ...termPlans,
  ...termFilesPlans,
  ...summaryPlans,
  ...monitoringPlans,
  ...statementsPlans,
  ...paperMedalPlans,
  ...paperBoardPlans,
  ...paperRegisterPlans,
  ...paperArchivePlans,
  ...paperCopiesPlans,
  ...yearCheckPlans,
  ...debtsPlans,
  ...promotionPlans,
  ...rolloverPlans,
  ...homePlans,
};
