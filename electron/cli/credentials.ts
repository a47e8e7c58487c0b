// `credentials due --db … [--class 5А]` (issue 12 point 6; R7): the credentials not yet handed per
// class teacher — late and due soon — and each such line with its deadline; no passwords printed.
import type { LocalClient } from '../core/dispatch';
import { ruDate } from '../core/format';
import { UsageError } from './errors';

export interface CredentialsEnv {
  call: LocalClient;
  flag: (name: string) => string | undefined;
  out: (text: string, data: unknown) => void;
}

export async function credentialsCommand(sub: string | undefined, env: CredentialsEnv): Promise<void> {
  if (sub !== 'due') throw new UsageError('credentials: укажите due');
  const className = env.flag('--class');
  let classId: string | null = null;
  if (className) {
    const c = (await env.call('classes.list')).find((x) => x.name.toLowerCase() === className.trim().toLowerCase());
    if (!c) throw new UsageError(`--class: класса «${className.slice(0, 20)}» нет`);
    classId = c.id;
  }
  const due = await env.call('credentials.due');
  const open = (await env.call('credentials.list', { classId, state: 'open' })).map(({ oneTimePassword: _, ...r }) => r);
  const late = open.filter((r) => r.late);
  const lines = [`Выдача учётных данных на ${ruDate(due.today)}: не вручено ${open.length}, просрочено ${late.length}`];
  for (const t of due.teachers) {
    if (classId && !open.some((r) => t.classes.includes(r.className ?? ''))) continue;
    lines.push(`${t.teacherName ?? 'Классный руководитель не назначен'} (${t.classes.join(', ') || 'без класса'}): просрочено ${t.late}, срок скоро ${t.dueSoon}, всего не вручено ${t.open}${t.failed ? `, логин не выдан ${t.failed}` : ''}`);
  }
  for (const r of open)
    lines.push(
      `  ${r.late ? '!' : ' '} ${r.className ?? '—'}  ${r.studentName}${r.role === 'parent' ? ` — ${r.recipientName} (${r.relation ?? 'родитель'})` : ''}  до ${ruDate(r.dueOn)}  ${r.login ? `логин ${r.login}` : r.state === 'failed' ? 'центральная система не выдала логин: запросите снова' : 'ждём ответа центральной системы'}`,
    );
  lines.push(`Отказались от электронного сервиса (выписки на бумаге): ${due.refusedParents.length}`);
  env.out(lines.join('\n'), { today: due.today, teachers: due.teachers, open, refusedParents: due.refusedParents.length });
}
