import type { auditOps } from '../../../electron/api/audit';
import { none, type Plans } from '../plan';

export const auditPlans = {
  'audit.search': { sample: (f) => ({ actor: 'admin', entity: 'student', entityId: f.studentId, text: 'Иванов 01.09.2015', from: '2020-01-01', to: '2030-12-31', offset: 0, limit: 50 }) },
  'audit.export': { sample: () => ({ actor: 'admin', entity: 'subject', text: 'Физика' }), slow: true },
  'audit.facets': { sample: none },
  'corrections.list': { sample: () => ({ onlyOpen: true }) },
  'corrections.save': {
    sample: () => ({ reportedAt: new Date(Date.now() - 3600_000).toISOString(), reporter: 'Иванова Мария Петровна', reporterContact: '+7 912 000-00-00', description: 'В электронном журнале неверная дата рождения ученика' }),
  },
  'corrections.markCorrected': { sample: (f) => ({ id: f.correctionId, resolution: 'Дата рождения исправлена по свидетельству о рождении' }) },
  'corrections.markNotified': { sample: (f) => ({ id: f.correctionId }) },
} satisfies Plans<typeof auditOps>;
