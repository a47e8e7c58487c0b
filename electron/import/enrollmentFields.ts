// The fields only the enrollment module's export has (issue 12); its child and parents use the
// students' keys and the numbered representatives' keys. Kept apart so that fields.ts can name them.
import type { FieldDef } from './types';

export const ENROLLMENT_ONLY_FIELDS: readonly FieldDef[] = [
  { key: 'regNumber', label: 'Номер заявления', required: true },
  { key: 'appliedAt', label: 'Дата и время подачи', required: false },
  { key: 'status', label: 'Статус заявления', required: true },
  { key: 'preference', label: 'Право на приём (льгота)', required: false },
  { key: 'sibling', label: 'Брат или сестра в школе', required: false },
  { key: 'birthCertificate', label: 'Свидетельство о рождении', required: false },
  { key: 'onTerritory', label: 'Закреплённая территория', required: false },
  { key: 'adaptedProgramme', label: 'Адаптированная программа', required: false },
];
