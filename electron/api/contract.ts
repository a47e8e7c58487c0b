import type { z } from 'zod';
import type { OpDef } from './ops';
import { appOps } from './app';
import { authOps } from './auth';
import { auditOps } from './audit';
import { backupOps } from './backup';
import { setupOps } from './setup';
import { studentsOps } from './students';
import { transferOps } from './transfer';
import { groupsOps } from './groups';
import { workloadOps } from './workload';
import { reportsOps } from './reports';
import { jobsOps } from './jobs';
import { journalOps } from './journal';
import { syncOps } from './sync';
import { timetableOps } from './timetable';
import { substitutionsOps } from './substitutions';
import { booksOps } from './books';
import { enrollmentOps } from './enrollment';
import { formationOps } from './formation';
import { credentialsOps } from './credentials';
import { ordersOps } from './orders';
import { indicatorsOps } from './indicators';
import { termOps } from './term';
import { termFilesOps } from './termFiles';
import { summaryOps } from './summary';
import { monitoringOps } from './monitoring';
import { statementsOps } from './statements';
import { paperMedalOps } from './paperMedal';
import { homeOps } from './home';
import { rolloverOps } from './rollover';
import { promotionOps } from './promotion';
import { debtsOps } from './debts';
import { yearCheckOps } from './yearCheck';
import { paperBoardOps } from './paperBoard';
import { paperRegisterOps } from './paperRegister';
import { paperArchiveOps } from './paperArchive';
import { paperCopiesOps } from './paperCopies';

/**
 * The one API contract: operation name → zod input schema → result type, what it needs, whether it
 * writes. Each feature declares its operations in its own file (`electron/api/<feature>.ts`, see
 * ops.ts and docs/architecture.md); here they are only gathered. The main process, the browser
 * bridge, the CLI and the tests serve it from one handler map; the renderer calls it.
 * Nothing here may import Node, Electron, React or the DOM.
 */
export const contract = {
  ...appOps,
  ...authOps,
  ...auditOps,
  ...backupOps,
  ...setupOps,
  ...studentsOps,
  ...transferOps,
  ...groupsOps,
  ...workloadOps,
  ...reportsOps,
  ...jobsOps,
  ...journalOps,
  ...syncOps,
  ...timetableOps,
  ...substitutionsOps,
  ...booksOps,
  ...enrollmentOps,
  ...formationOps,
  ...credentialsOps,
  ...ordersOps,
  ...indicatorsOps,
  ...termOps,
  ...termFilesOps,
  ...summaryOps,
  ...monitoringOps,
  ...statementsOps,
  ...paperMedalOps,
  ...paperBoardOps,
  ...paperRegisterOps,
  ...paperArchiveOps,
  ...paperCopiesOps,
  ...homeOps,
  ...rolloverOps,
  ...promotionOps,
  ...debtsOps,
  ...yearCheckOps,
} satisfies Record<string, OpDef>;

export type Contract = typeof contract;
export type OpName = keyof Contract;
export type OpInput<N extends OpName> = z.input<Contract[N]['input']>;
export type OpParsed<N extends OpName> = z.output<Contract[N]['input']>;
export type OpOutput<N extends OpName> = Contract[N]['output'];
export const opNames = Object.keys(contract) as OpName[];
export type { OpDef };
