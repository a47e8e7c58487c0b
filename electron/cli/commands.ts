import type { LocalClient } from '../core/dispatch';
import { ruDate } from '../core/format';

export class UsageError extends Error {}

export const USAGE = `Школьный офис — командная строка

  npm run cli -- demo --db ФАЙЛ [--students N] [--seed S]     демонстрационная школа в пустой базе
  npm run cli -- import students ФАЙЛ --db ФАЙЛ                загрузить учеников (XLSX или CSV)
  npm run cli -- import staff ФАЙЛ --db ФАЙЛ                   загрузить сотрудников
  npm run cli -- export students|staff|classes|subjects|curriculum|rooms --db ФАЙЛ --out ФАЙЛ.xlsx
  npm run cli -- list classes|students|staff --db ФАЙЛ

  --json   вывод в JSON; ошибки: {"errors":[{"row":N,"column":"…","message":"…"}]}
  Код возврата: 0 — успешно, 1 — операция отклонена, 2 — неверный вызов.
`;

interface Env {
  call: LocalClient;
  flag: (name: string) => string | undefined;
  out: (text: string, data: unknown) => void;
  io: { readFile: (p: string) => { name: string; data: Buffer }; writeFile: (p: string, d: Buffer) => void };
}

const int = (v: string | undefined, name: string, dflt: number) => {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new UsageError(`${name}: нужно целое число, получено «${v}»`);
  return n;
};

export async function runCommand(args: string[], env: Env): Promise<void> {
  const { call, flag, out } = env;
  const [cmd, sub, file] = args;
  switch (cmd) {
    case 'demo': {
      const students = int(flag('--students'), '--students', 1000);
      const seed = int(flag('--seed'), '--seed', 1);
      const r = await call('app.loadDemo', { students, seed });
      out(`Демонстрационная школа создана: ${r.students} учеников, ${r.classes} классов, ${r.staff} сотрудников (${r.ms} мс)`, r);
      return;
    }
    case 'import': {
      if (sub !== 'students' && sub !== 'staff') throw new UsageError('import: укажите students или staff');
      if (!file) throw new UsageError('import: укажите файл');
      const f = env.io.readFile(file);
      const r = await call('import.commit', { kind: sub, fileName: f.name, data: f.data.toString('base64') });
      out(`Загружено: ${r.imported}${r.guardians !== undefined ? `, представителей: ${r.guardians}` : ''}`, r);
      return;
    }
    case 'export': {
      const lists = ['students', 'staff', 'classes', 'subjects', 'curriculum', 'rooms'] as const;
      const list = lists.find((l) => l === sub);
      if (!list) throw new UsageError(`export: укажите один из списков: ${lists.join(', ')}`);
      const dest = flag('--out');
      if (!dest) throw new UsageError('export: укажите --out ФАЙЛ.xlsx');
      const r = await call('export.list', { list });
      env.io.writeFile(dest, Buffer.from(r.data, 'base64'));
      out(`Сохранено ${r.rows} строк в ${dest}`, { file: dest, rows: r.rows });
      return;
    }
    case 'list': {
      if (sub === 'classes') {
        const rows = await call('classes.list');
        out(rows.map((c) => `${c.name}\t${c.studentCount} уч.\t${c.classTeacherName ?? '—'}`).join('\n'), rows);
      } else if (sub === 'students') {
        const page = await call('students.list', { sort: 'class', limit: 10000 });
        out(page.rows.map((s) => `${s.className ?? '—'}\t${s.fullName}\t${ruDate(s.birthDate)}`).join('\n'), page.rows);
      } else if (sub === 'staff') {
        const rows = await call('staff.list', {});
        out(rows.map((s) => `${s.fullName}\t${s.position}`).join('\n'), rows);
      } else throw new UsageError('list: укажите classes, students или staff');
      return;
    }
    default:
      throw new UsageError(`Неизвестная команда «${cmd}»`);
  }
}
