import type { CredentialRow, CredentialState } from '../../../electron/api/credentials';

export const PDF = 'application/pdf';

export const STATE_LABELS: Record<CredentialState, string> = {
  waiting: 'Ждём ответа центральной системы',
  failed: 'Центральная система не выдала логин',
  issued: 'Выданы, не вручены',
  handed: 'Вручены',
};

export function stateBadge(r: CredentialRow): { text: string; color: string } {
  if (r.state === 'handed') return { text: 'вручены', color: 'teal' };
  if (r.state === 'failed') return { text: 'логин не выдан', color: 'red' };
  if (r.late) return { text: 'просрочено', color: 'red' };
  if (r.state === 'issued') return { text: 'не вручены', color: 'orange' };
  return { text: 'ждём логин', color: 'gray' };
}
