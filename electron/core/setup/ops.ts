import type { Handlers } from '../context';
import type { setupOps } from '../../api/setup';
import { checklist } from './checklist';
import { getSchool, saveSchool } from './school';
import { listYears, saveYear, suggestYear } from './years';
import { listBells, saveBells, suggestBells } from './bells';
import { addStandardSubjects, listSubjects, removeSubject, saveSubject } from './subjects';
import { listRooms, removeRoom, saveRoom } from './rooms';
import { listStaff, removeStaff, saveStaff } from './staff';
import { createClasses, listClasses, removeClass, saveClass } from './classes';
import { applyStandardCurriculum, curriculumGrid, setCurriculum } from './curriculum';

export const setupHandlers = {
  'setup.checklist': (_, ctx) => checklist(ctx),
  'school.get': (_, ctx) => getSchool(ctx),
  'school.save': (i, ctx) => saveSchool(ctx, i),
  'years.list': (_, ctx) => listYears(ctx),
  'years.suggest': (i) => suggestYear(i.startYear),
  'years.save': (i, ctx) => saveYear(ctx, i),
  'bells.list': (i, ctx) => listBells(ctx, i.yearId),
  'bells.save': (i, ctx) => saveBells(ctx, i),
  'bells.suggest': (i) => suggestBells(i.shift),
  'subjects.list': (_, ctx) => listSubjects(ctx),
  'subjects.save': (i, ctx) => saveSubject(ctx, i),
  'subjects.remove': (i, ctx) => removeSubject(ctx, i.id),
  'subjects.addStandard': (_, ctx) => addStandardSubjects(ctx),
  'rooms.list': (_, ctx) => listRooms(ctx),
  'rooms.save': (i, ctx) => saveRoom(ctx, i),
  'rooms.remove': (i, ctx) => removeRoom(ctx, i.id),
  'staff.list': (i, ctx) => listStaff(ctx, i.search),
  'staff.save': (i, ctx) => saveStaff(ctx, i),
  'staff.remove': (i, ctx) => removeStaff(ctx, i.id),
  'classes.list': (_, ctx) => listClasses(ctx),
  'classes.save': (i, ctx) => saveClass(ctx, i),
  'classes.createMany': (i, ctx) => createClasses(ctx, i),
  'classes.remove': (i, ctx) => removeClass(ctx, i.id),
  'curriculum.grid': (_, ctx) => curriculumGrid(ctx),
  'curriculum.set': (i, ctx) => setCurriculum(ctx, i),
  'curriculum.applyStandard': (i, ctx) => applyStandardCurriculum(ctx, i.onlyEmpty),
} satisfies Handlers<typeof setupOps>;
