import { sql } from 'kysely';
import type { Ctx } from '../context';
import type { ChecklistItem } from '../../api/types';
import type { SyncedTable } from '../../../db';
import { plural } from '../../api/plural';

/** What setup still lacks, in the order practitioners set a school up. */
export function checklist(ctx: Ctx): ChecklistItem[] {
  const { db } = ctx;
  const count = (t: SyncedTable) => db.first(db.q.selectFrom(t).select(sql<number>`count(*)`.as('n')).where('deleted_at', 'is', null))?.n ?? 0;
  const classes = count('school_class');
  const withTeacher = db.first(
    db.q.selectFrom('school_class').select(sql<number>`count(*)`.as('n')).where('deleted_at', 'is', null).where('class_teacher_id', 'is not', null),
  )?.n ?? 0;
  const withPlan = db.first(
    db.q.selectFrom('curriculum_item').select(sql<number>`count(distinct class_id)`.as('n')).where('deleted_at', 'is', null),
  )?.n ?? 0;
  const students = count('student');
  const teachers =
    db.first(db.q.selectFrom('staff').select(sql<number>`count(*)`.as('n')).where('deleted_at', 'is', null).where('roles', 'like', '%"teacher"%'))?.n ?? 0;
  const items: ChecklistItem[] = [
    { key: 'school', label: 'Сведения об организации', done: count('school') > 0, detail: count('school') > 0 ? 'Заполнены' : 'Не заполнены' },
    { key: 'year', label: 'Учебный год и периоды', done: count('study_period') > 0, detail: count('academic_year') ? `Периодов: ${count('study_period')}` : 'Учебный год не создан' },
    { key: 'bells', label: 'Расписание звонков', done: count('bell') > 0, detail: `Смен: ${count('bell_schedule')}, уроков: ${count('bell')}` },
    { key: 'subjects', label: 'Предметы', done: count('subject') > 0, detail: `Предметов: ${count('subject')}` },
    // Done with the teachers: the first administrator's own card alone is not the school's staff.
    { key: 'staff', label: 'Сотрудники', done: teachers > 0, detail: `Сотрудников: ${count('staff')}${teachers ? '' : ', учителей пока нет'}` },
    {
      key: 'classes',
      label: 'Классы и классные руководители',
      done: classes > 0 && withTeacher === classes,
      detail: classes ? `Классов: ${classes}, без классного руководителя: ${classes - withTeacher}` : 'Классы не созданы',
    },
    { key: 'curriculum', label: 'Учебный план', done: classes > 0 && withPlan >= classes, detail: classes ? `Заполнен для ${withPlan} из ${classes} ${plural(classes, 'класса', 'классов', 'классов')}` : 'Нет классов' },
    { key: 'students', label: 'Ученики и родители', done: students > 0, detail: `Учеников: ${students}` },
  ];
  return items;
}
