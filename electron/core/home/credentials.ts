// Newcomers' credentials within 10 working days of arrival (R7, `002 §1.7`): per class teacher,
// what is late, due soon or not issued by the central — credentials' own count (credentialsDue).
import { credentialsDue } from '../credentials/register';
import { classIdsByName } from './queries';
import type { Draft, HomeCtx } from './state';

export function credentialItems(h: HomeCtx): Draft[] {
  const due = credentialsDue(h.ctx);
  const ids = h.year ? classIdsByName(h.ctx.db, h.year.id) : new Map<string, string>();
  return due.teachers
    .filter((t) => t.open > 0 && t.nearest)
    .map((t) => {
      const late = t.late + t.failed;
      const one = t.classes.length === 1 ? ids.get(t.classes[0] ?? '') : undefined;
      const parts = [t.late ? `просрочено: ${t.late}` : '', t.failed ? `логин не выдан центральной системой: ${t.failed}` : '', t.dueSoon ? `срок скоро: ${t.dueSoon}` : ''];
      return {
        key: `credentials:${t.teacherId ?? t.classes.join(',')}`,
        kind: 'credentials',
        area: 'credentials',
        title: `Вручить учётные данные: ${t.classes.length ? t.classes.join(', ') : 'класс не указан'}`,
        detail: [`${t.teacherName ?? 'Классный руководитель не назначен'}; не вручено ${t.open}`, ...parts.filter(Boolean)].join('; '),
        date: t.nearest!,
        count: t.open,
        late: late > 0,
        done: false,
        href: one ? `/credentials?class=${one}` : '/credentials',
      } satisfies Draft;
    });
}
