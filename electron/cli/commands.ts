import { resolve } from 'node:path';
import type { LocalClient } from '../core/dispatch';
import type { BackupInfo, ExportedFile, ImportResult, InputFile } from '../api/types';
import { countWith, WORDS } from '../api/plural';
import { ruDate } from '../core/format';
import { inspectBackupFile } from '../core/backup/backup';
import { UsageError } from './errors';
import { exportLists, importKinds, orderKinds, splitMethods, type ImportKind } from '../api/enums';
import { subgroupsCommand, validateCommand, workloadCommand } from './groups';
import { syncCommand } from './sync';
import { substitutionsCommand } from './substitutions';
import { formClassesCommand } from './formation';
import { credentialsCommand } from './credentials';
import { ordersCommand } from './orders';
import { timetableCommand } from './timetable';
import { timetableFetCommand } from './timetableFet';
import { enrollCommand } from './enroll';
import { ruDateTime } from './time';
import { booksCommand } from './books';
import { reportsCommand } from './term';
import { marksChangesCommand, summaryCommand } from './summary';
import { statementsCommand } from './statements';
import { printCopiesCommand } from './paperPrint';
import { checkCopiesCommand } from './paperCheck';
import { registerCommand } from './paperRegister';
import { archiveCommand } from './paperArchive';
import { yearCheckCommand } from './yearCheck';
import { yearRolloverCommand } from './yearRollover';

export { UsageError };

export const USAGE = `Школьный офис — командная строка

  npm run cli -- demo --db ФАЙЛ [--students N] [--seed S]     демонстрационная школа в пустой базе
  npm run cli -- import students ФАЙЛ --db ФАЙЛ                загрузить учеников (XLSX или CSV)
  npm run cli -- import staff ФАЙЛ --db ФАЙЛ                   загрузить сотрудников
  npm run cli -- enroll import ФАЙЛ --db ФАЙЛ                 загрузить заявления о приёме в 1 класс из выгрузки
                                    модуля зачисления (XLSX, XLS или CSV): новые добавляются, изменения
                                    прежних показываются; файл с ошибками не загружается совсем
  npm run cli -- export students|staff|classes|subjects|curriculum|rooms --db ФАЙЛ --out ФАЙЛ.xlsx
  npm run cli -- list classes|students|staff --db ФАЙЛ
  npm run cli -- subgroups split --db ФАЙЛ --class 5А --subject "Иностранный язык" [--parts 2]
                    [--by ${splitMethods.values.join('|')}] [--from "Информатика"]
                                    разделить класс на подгруппы по предмету (предмет — по началу
                                    названия): ${splitMethods.values.map((v) => `${v} — ${splitMethods.text(v)}`).join(', ')}
                                    (другой предмет — --from)
  npm run cli -- subgroups show --db ФАЙЛ --class 5А          подгруппы класса по всем предметам
  npm run cli -- workload --db ФАЙЛ                           нагрузка учителей (тарификация)
  npm run cli -- validate --db ФАЙЛ                           проверка подгрупп, групп и нагрузки;
                                    код возврата 0 и при найденных проблемах (они — в выводе)
  npm run cli -- backup --db ФАЙЛ --out ПАПКА [--password-env ПЕРЕМЕННАЯ | --unencrypted]
                                    резервная копия в папку (с паролем из переменной окружения — зашифрованная);
                                    вне папки базы данных без пароля — только с --unencrypted
  npm run cli -- restore --db ФАЙЛ --from КОПИЯ [--password-env ПЕРЕМЕННАЯ] [--other-database]
                                    восстановить данные из копии; текущие данные сначала сохраняются
                                    в копию «перед восстановлением»; копию другой базы данных — только
                                    с --other-database
  npm run cli -- verify-backup КОПИЯ [--password-env ПЕРЕМЕННАЯ]
                                    проверить копию и показать, что в ней (без --db и без входа)
  npm run cli -- sync --db ФАЙЛ --server АДРЕС [--code КОД] [--name НАЗВАНИЕ]
                                    синхронизация с центральной системой: с кодом подключения — сначала
                                    подключить программу; выводит отправленное, отклонённое (с причинами)
                                    и полученное; код 1 — центральная система не отвечает или изменение
                                    отклонено
  npm run cli -- credentials due --db ФАЙЛ [--class 5А]
                                    учётные данные электронного журнала, ещё не врученные: по классным
                                    руководителям — просроченные и со сроком в ближайшие 3 рабочих дня
  npm run cli -- substitutions list --db ФАЙЛ --date ГГГГ-ММ-ДД
                                    уроки дня, которым нужна замена (учитель отсутствует), и изменения
                                    (замены, объединения, отмены, переносы, кабинеты)

  npm run cli -- enroll form-classes --db ФАЙЛ --classes N [--letters А,Б,…] [--sizes 25,25,…] [--seed N] [--apply]
                                    сформировать 1-е классы из заявлений, допускающих зачисление: поровну
                                    (или по размерам), по полу и возрасту, с учётом пар «вместе»/«раздельно»;
                                    без --apply — только показать, с --apply — записать (недостающие классы создаются)

  npm run cli -- timetable check --db ФАЙЛ --timetable ИД|НАЗВАНИЕ
                                    проверка расписания: конфликты и число предупреждений по видам

  npm run cli -- timetable export-fet --db ФАЙЛ --timetable НАЗВАНИЕ|ИДЕНТИФИКАТОР --out ФАЙЛ.fet
                                    задача расписания для FET (расставленные уроки — закреплены)
  npm run cli -- timetable import-fet --db ФАЙЛ --file ФАЙЛ.fet --name НАЗВАНИЕ --from ДД.ММ.ГГГГ
                                    новое расписание из файла FET; что не понято — перечисляется
  npm run cli -- timetable generate --db ФАЙЛ --timetable ID|НАЗВАНИЕ [--scope unplaced|all|grade:N|teacher:ID] [--seed N]
                                    составить расписание: разместить неразмещённые уроки (по умолчанию),
                                    всё заново, одну параллель или одного учителя; закреплённые уроки
                                    и уроки вне выбранного не двигаются

  npm run cli -- books print alphabet|movement|arrivals|summary --db ФАЙЛ --out ФАЙЛ.pdf|ФАЙЛ.xlsx
                    [--from ДД.ММ.ГГГГ --to ДД.ММ.ГГГГ]
                                    алфавитная книга, книга движения, сведения о прибывших и выбывших,
                                    движение по классам и параллелям (кроме алфавитной — за период)
  npm run cli -- reports term --db ФАЙЛ --period "2 четверть"|Год [--parallel 7 | --class 7Б] [--out ФАЙЛ.xlsx|ФАЙЛ.pdf] --json
                                    отчёт за период (четверть, полугодие, год) по школе, параллели или
                                    классу: учеников, отличники, хорошисты, неуспевающие, успеваемость,
                                    качество, СОУ, средний балл — и списки учеников за каждой цифрой;
                                    --out сохраняет отчёт в файл (Excel или PDF — по расширению)
  npm run cli -- reports summary --db ФАЙЛ --class 7Б [--year] [--out ФАЙЛ.pdf|ФАЙЛ.xlsx] [--json]
                                    сводная ведомость класса: отметки за четверти (полугодия) и год по
                                    предметам; --year — сводная ведомость итогов за год (с подписями)
  npm run cli -- reports marks-changes --db ФАЙЛ --from ДД.ММ.ГГГГ --to ДД.ММ.ГГГГ [--outside] [--out ФАЙЛ.pdf|ФАЙЛ.xlsx] [--json]
                                    изменения отметок за период: кто, когда, было → стало, в срок ли
                                    исправления отметок; --outside — только после срока
  npm run cli -- statements print --db ФАЙЛ [--from ДД.ММ.ГГГГ --to ДД.ММ.ГГГГ] [--class 7Б] --out ФАЙЛ.pdf [--json]
                                    выписки для родителей, отказавшихся от электронного дневника (по
                                    листу на ребёнка; по умолчанию — за прошлую неделю), с записью в
                                    журнал выдачи выписок; --json — и цифры каждой выписки
  npm run cli -- paper-copies check --db ФАЙЛ --period "2 четверть" [--class 7Б] [--json]
                                    проверка перед печатью бумажных копий (день 1 каникул): ученики без
                                    отметки за период, отметки не по системе оценивания, уроки без темы,
                                    отметки за период после срока — списком для каждого учителя
  npm run cli -- register show --db ФАЙЛ [--period "2 четверть"] [--json]
                                    реестр бумажных копий журнала: №, дата приёма, класс, период, листов,
                                    сдал, принял, исправления, сканы; контрольная сумма реестра
  npm run cli -- register verify --db ФАЙЛ [--json]
                                    проверка цепочки записей реестра и контрольных сумм сканов; код 1 —
                                    названа первая изменённая, удалённая или вставленная запись (или скан)
  npm run cli -- archive build --db ФАЙЛ (--period "2 четверть" | --year) --out ФАЙЛ.zip
                                    архив за период или за год: бумажные копии журнала всех классов (PDF),
                                    сводные ведомости, данные журнала (XLSX), manifest.json и SHA256SUMS
  npm run cli -- archive verify ФАЙЛ.zip --db ФАЙЛ
                                    проверить архив: код 0 — «Архив цел», код 1 — названы повреждённые файлы
  npm run cli -- paper-copies print --db ФАЙЛ --period "2 четверть" [--class 7Б] --out ПАПКА [--json]
                                    бумажные копии классного журнала за период (по PDF на класс в папке;
                                    без --class — все классы периода) с записью этапа «Копия напечатана»
  npm run cli -- orders list --db ФАЙЛ [--kind ВИД] [--status draft|signed|cancelled] [--from ГГГГ-ММ-ДД] [--to ГГГГ-ММ-ДД] [--search ТЕКСТ]
                                    реестр приказов по контингенту (виды: ${orderKinds.values.join(', ')})
  npm run cli -- orders print --db ФАЙЛ (--id ИД | --number 12-зп [--year-of ГГГГ-ММ-ДД]) --out ФАЙЛ.pdf
                                    приказ в PDF по официальной форме (проект — с отметкой «ПРОЕКТ»)
  npm run cli -- year check --db ФАЙЛ [--class 5А]           итоги учебного года: отметки, задолженности, кандидаты на медали
                    [--year 2026/2027] [--json]   по строке на класс (учеников, нет отметок, задолженностей, одна «3»,
                                    одна «4», отличников); с --class — списки класса и отметки в аттестат (9 и 11 классы)
  npm run cli -- year rollover --db ФАЙЛ --to 2027/2028 [--dry-run]
                                    переход на новый учебный год (с --dry-run — только показать, что будет сделано)
                                    --tenth Б:Г,В:Д — литеры 10-х классов для 9-х (по умолчанию те же)

  --user ЛОГИН   от имени пользователя (пароль — SCHOOL_OFFICE_PASSWORD или запрос); права — по его роли
  --json   вывод в JSON; ошибки: {"errors":[{"row":N,"column":"…","message":"…"}]}
  Код возврата: 0 — успешно, 1 — операция отклонена, 2 — неверный вызов.
`;

export interface Env {
  call: LocalClient;
  flag: (name: string) => string | undefined;
  out: (text: string, data: unknown) => void;
  /**
   * Files travel by reference (electron/core/files.ts): the file named on the command line is
   * granted to the session as an input; a result the core made is copied to --out.
   */
  io: { inputFile: (p: string) => InputFile; saveResult: (f: ExportedFile, dest: string) => void };
  /** The file named on the command line may be opened by backup.inspect/restore (as one chosen in a file dialog). */
  grantFile?: (path: string) => void;
}

/** A switch without a value: true when present (and taken out of the arguments). */
function switchOn(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
}

const int = (v: string | undefined, name: string, dflt: number) => {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new UsageError(`${name}: нужно целое число, получено «${v}»`);
  return n;
};

/** Runs one command; a number is its exit code when it is not 0 (sync: a refused change). */
export async function runCommand(args: string[], env: Env): Promise<void | number> {
  const { call, flag, out } = env;
  const [cmd, sub, file] = args;
  if (cmd === 'enroll' && sub === 'form-classes') return formClassesCommand(env, switchOn(args, '--apply'));
  switch (cmd) {
    case 'demo': {
      const students = int(flag('--students'), '--students', 1000);
      const seed = int(flag('--seed'), '--seed', 1);
      const r = await call('app.loadDemo', { students, seed });
      const users = r.users.map((u) => `  ${u.login.padEnd(10)} ${u.role.padEnd(10)} ${u.password}`).join('\n');
      out(
        `Демонстрационная школа создана: ${countWith(r.students, WORDS.student)}, ${countWith(r.classes, WORDS.class)}, ${countWith(r.staff, WORDS.staff)} (${r.ms} мс)\n` +
          `Пользователи (одноразовые пароли, смените при первом входе):\n${users}`,
        { students: r.students, classes: r.classes, staff: r.staff, users: r.users },
      );
      return;
    }
    case 'import': {
      if (!importKinds.has(sub)) throw new UsageError('import: укажите students или staff');
      if (!file) throw new UsageError('import: укажите файл');
      const f = env.io.inputFile(file);
      const r = await call('import.commit', { kind: sub, file: f.id });
      out(importReport(sub, r), r);
      return;
    }
    case 'enroll':
      return enrollCommand(sub, file, env);
    case 'export': {
      const list = exportLists.values.find((l) => l === sub);
      if (!list) throw new UsageError(`export: укажите один из списков: ${exportLists.values.join(', ')}`);
      const dest = flag('--out');
      if (!dest) throw new UsageError('export: укажите --out ФАЙЛ.xlsx');
      const r = await call('export.list', { list });
      env.io.saveResult(r, dest);
      out(`Сохранено: ${countWith(r.rows, WORDS.row)} в файле ${dest}`, { file: dest, rows: r.rows });
      return;
    }
    case 'list': {
      if (sub === 'classes') {
        const rows = await call('classes.list');
        out(rows.map((c) => `${c.name}\t${countWith(c.studentCount, WORDS.student)}\t${c.classTeacherName ?? '—'}`).join('\n'), rows);
      } else if (sub === 'students') {
        const page = await call('students.list', { sort: 'class', limit: 10000 });
        out(page.rows.map((s) => `${s.className ?? '—'}\t${s.fullName}\t${ruDate(s.birthDate)}`).join('\n'), page.rows);
      } else if (sub === 'staff') {
        const rows = await call('staff.list', {});
        out(rows.map((s) => `${s.fullName}\t${s.position}`).join('\n'), rows);
      } else throw new UsageError('list: укажите classes, students или staff');
      return;
    }
    case 'subgroups':
      return subgroupsCommand(sub, env);
    case 'workload':
      return workloadCommand(env);
    case 'validate':
      return validateCommand(env);
    case 'backup': {
      const dir = flag('--out');
      if (!dir) throw new UsageError('backup: укажите папку для копии: --out ПАПКА');
      const password = passwordFromEnv(flag('--password-env'));
      // Relative to where the command runs, as any path on a command line.
      const r = await call('backup.create', { dir: resolve(dir), password, unencrypted: switchOn(args, '--unencrypted') || undefined });
      out(`Резервная копия сохранена.\n${describeBackup(r)}`, r);
      return;
    }
    case 'restore': {
      const from = flag('--from');
      if (!from) throw new UsageError('restore: укажите файл копии: --from ФАЙЛ');
      const password = passwordFromEnv(flag('--password-env'));
      env.grantFile?.(resolve(from));
      const r = await call('backup.restore', { file: resolve(from), password, otherDatabase: switchOn(args, '--other-database') || undefined });
      out(`Данные восстановлены из копии.\n${describeBackup(r.restored)}\nДанные до восстановления сохранены в копию: ${r.safetyBackup.file}`, r);
      return;
    }
    case 'sync':
      return syncCommand(env);
    case 'substitutions':
      return substitutionsCommand(sub, env);
    case 'books':
      return booksCommand(sub, file, env);
    case 'credentials':
      return credentialsCommand(sub, env);
    case 'reports':
      if (sub === 'summary') return summaryCommand({ ...env, year: switchOn(args, '--year'), outside: false });
      if (sub === 'marks-changes') return marksChangesCommand({ ...env, year: false, outside: switchOn(args, '--outside') });
      return reportsCommand(sub, env);
    case 'statements':
      return statementsCommand(sub, env);
    case 'paper-copies':
      if (sub === 'print') return printCopiesCommand(sub, env);
      if (sub === 'check') return checkCopiesCommand(sub, env);
      throw new UsageError('paper-copies: укажите check или print');
    case 'register':
      return registerCommand(sub, env);
    case 'archive':
      return archiveCommand(sub, { ...env, year: switchOn(args, '--year') }, file);
    case 'orders':
      return ordersCommand(sub, env);
    case 'year':
      if (sub === 'check') return yearCheckCommand(env);
      if (sub === 'rollover') return yearRolloverCommand({ ...env, dryRun: switchOn(args, '--dry-run') });
      throw new UsageError('year: укажите check или rollover');
    case 'timetable':
      if (sub === 'export-fet' || sub === 'import-fet') return timetableFetCommand(sub, env);
      return timetableCommand(sub, env);
    default:
      throw new UsageError(`Неизвестная команда «${cmd}»`);
  }
}

/** What an import did, in words: new people, and for students every changed field of every changed student. */
export function importReport(kind: ImportKind, r: ImportResult): string {
  if (kind === 'staff') return `Загружено: ${countWith(r.imported, WORDS.staff)}`;
  const lines = [
    `Новых учеников: ${r.imported.toLocaleString('ru-RU')}${r.guardians ? `, новых представителей: ${r.guardians.toLocaleString('ru-RU')}` : ''}`,
    `Изменено: ${countWith(r.updated ?? 0, WORDS.student)}; без изменений: ${(r.unchanged ?? 0).toLocaleString('ru-RU')}`,
  ];
  for (const u of r.changes ?? []) {
    lines.push(`  строка ${u.row}: ${u.name}${u.className ? `, ${u.className}` : ''}`);
    for (const c of u.changes) lines.push(`    ${c.field}: ${c.old === null ? '' : `${c.old} → `}${c.new ?? ''}`);
  }
  return lines.join('\n');
}

/** Commands that need neither a database nor a login. */
export const STANDALONE_COMMANDS: ReadonlySet<string> = new Set(['verify-backup']);

export async function runStandalone(args: string[], env: Pick<Env, 'flag' | 'out'>): Promise<void> {
  const [cmd, file] = args;
  if (cmd !== 'verify-backup') throw new UsageError(`Неизвестная команда «${cmd}»`);
  if (!file) throw new UsageError('verify-backup: укажите файл резервной копии');
  const password = passwordFromEnv(env.flag('--password-env'));
  const info = await inspectBackupFile(file, password);
  env.out(`Резервная копия исправна.\n${describeBackup(info)}`, info);
}

function passwordFromEnv(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const v = process.env[name];
  if (!v) throw new UsageError(`Переменная окружения ${name} не задана: в ней должен быть пароль резервной копии`);
  return v;
}


function describeBackup(b: BackupInfo): string {
  const mb = (b.sizeBytes / (1024 * 1024)).toFixed(1).replace('.', ',');
  return [
    `  Файл: ${b.file}`,
    `  Создана: ${ruDateTime(b.createdAt)} (${b.reason})`,
    `  Версия программы: ${b.appVersion || 'неизвестна'}, схема данных: ${b.schemaVersion}`,
    `  Зашифрована: ${b.encrypted ? 'да' : 'нет'}; размер: ${mb} МБ`,
    `  Учеников: ${b.counts.students}, сотрудников: ${b.counts.staff}, классов: ${b.counts.classes}, пользователей: ${b.counts.users}`,
  ].join('\n');
}
