// Spreadsheet import of students (with parents) and staff: the pure part (no database, no Electron).
// Flow: readSpreadsheet → recognizeColumns (the user may adjust the mapping; checkMapping) →
// validateStudents / validateStaff → the caller writes the drafts.
export type {
  ColumnMapping,
  ExistingPerson,
  FieldDef,
  FieldKey,
  GuardianDraft,
  GuardianRelation,
  GuardianSlotKey,
  GuardianSlotPart,
  ImportKind,
  RowError,
  SheetData,
  StaffDraft,
  StaffFieldKey,
  StudentDraft,
  StudentFieldKey,
  ValidationContext,
  ValidationResult,
} from './types';
export { ImportFormatError } from './errors';
export { readSpreadsheet } from './read';
export {
  checkMapping,
  checkFieldMapping,
  fieldLabel,
  fieldsFor,
  GUARDIAN_SLOT_PARTS,
  GUARDIAN_SLOTS,
  guardianSlotLabel,
  parseGuardianSlotKey,
  recognizeColumns,
  recognizeHeader,
} from './fields';
export { validateStudents, STUDENT_MIN_AGE, STUDENT_MAX_AGE } from './students';
export { validateStaff, DEFAULT_POSITION, DEFAULT_RATE_HOURS, STAFF_MIN_AGE, STAFF_MAX_AGE } from './staff';
export { formatRuDate, parseRuDate } from './dates';
export { normalizeSnils, snilsChecksumOk } from './snils';
export { normalizePersonName, splitFullName } from './names';
export { normalizeEmail, normalizePhone } from './contacts';
export {
  className,
  normalizeClassName,
  normalizeGender,
  parseRateHours,
  parseYesNo,
  splitSubjects,
} from './values';
