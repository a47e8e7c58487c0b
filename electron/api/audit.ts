// The audit log (R25) and the register of reported errors (R26).
import { z } from 'zod';
import * as s from './schemas';
import { change, job, none, read, view, write } from './ops';
import type { ExportedFile, Page } from './common';
import type { AuditAction } from './enums';

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  entity: string;
  entityLabel: string;
  entityId: string;
  action: AuditAction;
  changes: { field: string; old: unknown; new: unknown }[];
  /** What happened when it is an event rather than changed fields: «Вход в программу», «Запись удалена». */
  event?: string;
}

/** What the audit log holds, for the filters of its screen: logins and kinds of records. */
export interface AuditFacets {
  actors: string[];
  entities: { entity: string; title: string }[];
}

export interface CorrectionRequest {
  id: string;
  reportedAt: string;
  reporter: string;
  reporterContact: string | null;
  description: string;
  dueAt: string;
  correctedAt: string | null;
  correctedBy: string | null;
  resolution: string | null;
  reporterNotifiedAt: string | null;
  overdue: boolean;
}

function auditFilter() {
  return z.object({
    actor: s.searchText('Пользователь').optional(),
    entity: s.searchText('Раздел').optional(),
    entityId: s.searchText('Запись').optional(),
    text: s.searchText().optional(),
    from: s.isoDate.optional(),
    to: s.isoDate.optional(),
  });
}

export const auditOps = {
  'audit.search': read(
    view('audit'),
    auditFilter().extend({ offset: s.int('Начиная с записи', 0, 1_000_000_000).default(0), limit: s.int('Записей на странице', 1, 1000).default(200) }),
  ).returns<Page<AuditEntry>>(),
  'audit.export': job('Журнал изменений (Excel)', read(view('audit'), auditFilter()).returns<ExportedFile>()),
  'audit.facets': read(view('audit'), none).returns<AuditFacets>(),

  // R26: the office (administrator, secretary) registers requests and tells the reporter; only
  // the administrator, who corrects the data, marks one corrected.
  'corrections.list': read(view('corrections'), z.object({ onlyOpen: z.boolean().default(false) })).returns<CorrectionRequest[]>(),
  'corrections.save': write(
    change('corrections'),
    z.object({
      id: s.optionalId,
      reportedAt: z.string().max(40, 'Укажите дату и время обращения').datetime({ offset: true, message: 'Укажите дату и время обращения' }),
      reporter: s.required('Кто сообщил', 'personName'),
      reporterContact: s.optionalText('Как связаться', 'contact'),
      description: s.required('Суть ошибки', 'note'),
    }),
  ).returns<CorrectionRequest>(),
  'corrections.markCorrected': write(change('fixes'), z.object({ id: s.id, resolution: s.required('Что исправлено', 'note') })).returns<CorrectionRequest>(),
  'corrections.markNotified': write(change('corrections'), z.object({ id: s.id })).returns<CorrectionRequest>(),
};
