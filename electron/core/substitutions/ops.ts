import type { Handlers } from '../context';
import type { substitutionsOps } from '../../api/substitutions';
import { listAbsences, removeAbsence, saveAbsence } from './absences';
import { forAbsence, substitutionDay } from './day';
import { candidates } from './candidates';
import { assign, change, removeChange } from './changes';
import { daySheetPdf } from './daySheet';
import { journal } from './journal';
import { indicator } from './indicator';

export const substitutionsHandlers = {
  'absences.list': (i, ctx) => listAbsences(ctx, i.from, i.to),
  'absences.save': (i, ctx) => saveAbsence(ctx, i),
  'absences.remove': (i, ctx) => removeAbsence(ctx, i.id),
  'substitutions.day': (i, ctx) => substitutionDay(ctx.db, i.date),
  'substitutions.forAbsence': (i, ctx) => forAbsence(ctx.db, i.absenceId),
  'substitutions.candidates': (i, ctx) => candidates(ctx.db, i.date, i.cardId),
  'substitutions.assign': (i, ctx) => assign(ctx, i),
  'substitutions.change': (i, ctx) => change(ctx, i),
  'substitutions.remove': (i, ctx) => removeChange(ctx, i.id),
  'substitutions.daySheetPdf': (i, ctx) => daySheetPdf(ctx, i.date),
  'substitutions.journal': (i, ctx) => journal(ctx, i.month, i.teacherId ?? null, i.format),
  'substitutions.indicator': (i, ctx) => indicator(ctx.db, i.yearId),
} satisfies Handlers<typeof substitutionsOps>;
