// Issue 12, the project's input rule for every field the contingent added: bad input (too long,
// out of range, impossible or wrongly written dates, empty required fields, values of another type)
// is refused with a Russian message that names the field, and changes nothing in the database. Each
// call goes through the core's dispatch (the contract's schemas, then the handler) on a real SQLite
// file; every table is compared before and after.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempCore } from '../support/core';
import { upload } from '../support/files';
import { AppError } from '../../electron/api/errors';
import type { OpName } from '../../electron/api/contract';
import { cohortOf, insertApplications } from '../formation/cohort';
import { applications, COL, csvBytes, sheetRows } from '../enrollment/exportFile';
import { ensureIdentity } from '../../electron/core/backup/identity';

// Generous: the machine's CPU is shared; each test makes dozens of refused calls with a snapshot each.
vi.setConfig({ testTimeout: 240_000 });

type Core = Awaited<ReturnType<typeof tempCore>>;
const TODAY = '2026-11-25';
const long = (n: number) => 'Я'.repeat(n);

let t: Core;
const ids = { cls1A: '', cls7B: '', cls8A: '', student7B: '', free: '', apps: [] as string[], draft: '', signed: '', request: '', yearId: '' };

/** Every table's rows, in a stable order: what «nothing changed» is compared by. */
function snapshot(): string {
  const tables = (t.db.raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((x) => x.name);
  return JSON.stringify(tables.map((tb) => [tb, t.db.raw.prepare(`SELECT * FROM "${tb}" ORDER BY rowid`).all()]));
}

/**
 * Calls `op` with `input`, expects a validation refusal whose message names `label` (as «label» or
 * the label's words) and, when given, a problem at `column`; checks that no table changed.
 */
async function refused(op: OpName, input: unknown, label: string | RegExp, column?: string, code: 'validation' | 'not_found' = 'validation'): Promise<AppError> {
  const before = snapshot();
  let error: unknown = null;
  try {
    await t.call(op, input as never);
  } catch (e) {
    error = e;
  }
  expect(error, `${op} ${JSON.stringify(input).slice(0, 200)}: not refused`).toBeInstanceOf(AppError);
  const e = error as AppError;
  expect(e.code, e.message).toBe(code);
  const named = typeof label === 'string' ? e.message.includes(`«${label}»`) || e.message.includes(label) : label.test(e.message);
  expect(named, `${op}: «${e.message}» does not name ${String(label)}`).toBe(true);
  expect(e.message).toMatch(/[А-Яа-яЁё]/);
  if (column !== undefined) {
    const p = e.problems.find((x) => x.column === column);
    expect(p, `${op}: no problem at ${column}: ${JSON.stringify(e.problems)}`).toBeDefined();
    expect(p!.message).toMatch(/[А-Яа-яЁё]/);
  }
  expect(snapshot() === before, `${op}: the database changed`).toBe(true);
  return e;
}

/** Bad dates for a date field: impossible, dotted where ISO is expected, out of range, of another type, empty. */
const BAD_DATES: [unknown, RegExp][] = [
  ['2026-02-31', /даты 31\.02\.2026 не существует/],
  ['31.02.2026', /формате ДД\.ММ\.ГГГГ/],
  ['10.11.2026', /формате ДД\.ММ\.ГГГГ/],
  ['2026-13-01', /не существует/],
  ['0026-11-10', /год — от 2000 до 2100/],
  ['20026-11-10', /формате ДД\.ММ\.ГГГГ/],
  [20261110, /нужна дата/],
  ['', /формате ДД\.ММ\.ГГГГ/],
  [null, /не заполнено/],
];

async function eachBadDate(label: string, column: string, make: (v: unknown) => [OpName, unknown]) {
  for (const [value, message] of BAD_DATES) {
    const [op, input] = make(value);
    const e = await refused(op, input, label, column);
    expect(e.message, `${label} = ${JSON.stringify(value)}`).toMatch(message);
  }
}

beforeAll(async () => {
  t = await tempCore(() => new Date(`${TODAY}T09:00:00Z`));
  // The database's own identity (setting 'database.id') is made the first time a backup needs it,
  // as the enrollment commit's backup does even for a file it refuses: made here, so that what the
  // refusals are compared by is the school's data.
  ensureIdentity(t.db);
  await t.call('years.save', await t.call('years.suggest', { startYear: 2026 }));
  ids.yearId = (await t.call('years.list'))[0]!.id;
  const cls = async (grade: number, letter: string) => (await t.call('classes.save', { grade, letter, shift: 1 })).id;
  ids.cls1A = await cls(1, 'А');
  ids.cls7B = await cls(7, 'Б');
  ids.cls8A = await cls(8, 'А');
  const person = (lastName: string) => ({ lastName, firstName: 'Иван', middleName: 'Петрович', birthDate: '2012-04-05', gender: 'm' as const, guardians: [] });
  ids.student7B = (await t.call('students.save', { ...person('Сидоров'), classId: ids.cls7B, classFrom: '2026-09-01' })).id;
  ids.free = (await t.call('students.save', { ...person('Алексеев') })).id;
  ids.apps = insertApplications(t.db, ids.yearId, cohortOf(8));
  const draft = await t.call('orders.save', {
    kind: 'transfer_in', date: '2026-11-20', title: 'О зачислении в порядке перевода',
    items: [{ studentId: ids.free, classToId: ids.cls8A, effectiveDate: '2026-11-20', schoolFrom: 'МБОУ СОШ № 3' }],
  });
  ids.draft = draft.id;
  const out = await t.call('orders.save', { kind: 'transfer_out', date: '2026-11-10', title: 'Об отчислении в порядке перевода', items: [{ studentId: ids.student7B, effectiveDate: '2026-11-10', schoolTo: 'Лицей № 1' }] });
  ids.signed = (await t.call('orders.sign', { id: out.id })).id;
  // A credentials request with the central's login, as a sync round leaves it.
  await t.call('credentials.request', { studentId: ids.free, arrivedOn: '2026-11-20' });
  const req = (await t.call('credentials.list', {})).find((r) => r.role === 'student')!;
  ids.request = req.id;
  const at = '2026-11-21T10:00:00.000Z';
  t.db.raw
    .prepare(`INSERT INTO credential_issue (id, created_at, updated_at, deleted_at, request_id, login, one_time_password, issued_at) VALUES ('ci-1', ?, ?, NULL, ?, 'alekseev.i', 'Qw-12345', ?)`)
    .run(at, at, req.id, at);
}, 240_000);
afterAll(() => t?.cleanup());

describe('orders: every field refuses bad input by name, nothing changes', () => {
  const draft = (patch: Record<string, unknown> = {}, item: Record<string, unknown> = {}) => ({
    id: ids.draft, kind: 'transfer_in', date: '2026-11-20', title: 'О зачислении в порядке перевода', preamble: null, basis: null,
    items: [{ studentId: ids.free, classToId: ids.cls8A, effectiveDate: '2026-11-20', schoolFrom: 'МБОУ СОШ № 3', ...item }],
    ...patch,
  });

  it('the order’s date and the item’s effective date: impossible, dotted, out of range, another type, empty', async () => {
    await eachBadDate('Дата приказа', 'date', (v) => ['orders.save', draft({ date: v })]);
    await eachBadDate('С даты', 'items.0.effectiveDate', (v) => ['orders.save', draft({}, { effectiveDate: v })]);
    // The draft is as it was.
    const o = await t.call('orders.get', { id: ids.draft });
    expect(o).toMatchObject({ date: '2026-11-20', title: 'О зачислении в порядке перевода' });
    expect(o.items[0]).toMatchObject({ effectiveDate: '2026-11-20', schoolFrom: 'МБОУ СОШ № 3' });
  });

  it('texts: too long, empty when required, of another type', async () => {
    await refused('orders.save', draft({ title: long(301) }), 'Поле «Заголовок» — не более 300 символов', 'title');
    await refused('orders.save', draft({ title: '   ' }), 'Поле «Заголовок» не заполнено', 'title');
    await refused('orders.save', draft({ title: 12 }), 'Заголовок', 'title');
    await refused('orders.save', draft({ preamble: long(2001) }), 'Поле «Преамбула» — не более 2000 символов', 'preamble');
    await refused('orders.save', draft({ basis: long(2001) }), 'Поле «Основание» — не более 2000 символов', 'basis');
    await refused('orders.save', draft({ basis: ['а'] }), 'Основание', 'basis');
    await refused('orders.save', draft({}, { schoolFrom: long(501) }), 'Поле «Из какой школы» — не более 500 символов', 'items.0.schoolFrom');
    await refused('orders.save', draft({ kind: 'transfer_out' }, { schoolTo: long(501) }), 'Поле «В какую школу» — не более 500 символов', 'items.0.schoolTo');
    await refused('orders.save', draft({ kind: 'expulsion' }, { reason: long(2001) }), 'Поле «Причина» — не более 2000 символов', 'items.0.reason');
    // What each kind needs: where to (a departure), the reason (an expulsion), the class (an arrival).
    await refused('orders.save', draft({ kind: 'transfer_out' }, { schoolTo: '  ' }), 'в какую школу', 'items.0.schoolTo');
    await refused('orders.save', draft({ kind: 'expulsion' }, { reason: null }), 'причина', 'items.0.reason');
    await refused('orders.save', draft({}, { classToId: null }), 'класс', 'items.0.classToId');
  });

  it('selects and numbers: an unknown kind, a class of another type, a parallel out of range, no students', async () => {
    await refused('orders.save', draft({ kind: 'cancellation' }), 'Вид приказа', 'kind');
    await refused('orders.save', draft({ kind: 7 }), 'Вид приказа', 'kind');
    await refused('orders.save', draft({}, { classToId: 5 }), 'В класс', 'items.0.classToId');
    await refused('orders.save', draft({}, { classToId: 'нет-такого-класса' }), 'класс не найден', 'items.0.classToId');
    await refused('orders.save', draft({}, { studentId: '' }), 'Ученик', 'items.0.studentId');
    for (const grade of [0, -1, 12, 1.5, '5'])
      await refused('orders.save', draft({ kind: 'enrollment' }, { studentId: null, applicationId: ids.apps[0], classToId: null, grade }), 'Параллель', 'items.0.grade');
    await refused('orders.save', draft({ items: 'ученики' }), 'Учеников в приказе', 'items');
  });

  it('cancellation, the formation’s drafts, the register’s filters', async () => {
    await eachBadDate('Дата приказа об отмене', 'date', (v) => ['orders.cancel', { id: ids.signed, date: v }]);
    await refused('orders.cancel', { id: ids.signed, date: '2026-11-01' }, 'Дата приказа об отмене', 'date');
    await refused('orders.cancel', { id: ids.signed, date: '2026-11-25', basis: long(2001) }, 'Основание', 'basis');
    await eachBadDate('Дата приказа', 'date', (v) => ['orders.fromFormation', { date: v, effectiveDate: '2026-11-25' }]);
    await eachBadDate('Дата зачисления', 'effectiveDate', (v) => ['orders.fromFormation', { date: '2026-11-25', effectiveDate: v }]);
    await refused('orders.list', { from: '31.02.2026' }, 'Период с', 'from');
    await refused('orders.list', { to: '2026-02-31' }, 'Период по', 'to');
    await refused('orders.list', { search: long(201) }, 'Поиск', 'search');
    await refused('orders.list', { kind: 'приём' }, 'Вид', 'kind');
    await refused('orders.list', { status: 1 }, 'Статус', 'status');
    await refused('orders.list', { sort: 'name' }, 'Сортировка', 'sort');
    await refused('orders.list', { desc: 'да' }, 'По убыванию', 'desc');
  });

  it('the arrival form: from which school, into which class, from which date, the card', async () => {
    const arrival = (patch: Record<string, unknown> = {}, student: Record<string, unknown> = {}) => ({
      student: { lastName: 'Игнатьев', firstName: 'Олег', middleName: null, birthDate: '2012-03-04', gender: 'm', snils: null, address: null, personalFileNo: null, guardians: [], ...student },
      schoolFrom: 'МБОУ «Гимназия № 2»', classToId: ids.cls8A, effectiveDate: '2026-11-26', date: '2026-11-25', basis: null,
      ...patch,
    });
    await refused('orders.arrival', arrival({ schoolFrom: '' }), 'Поле «Из какой школы» не заполнено', 'schoolFrom');
    await refused('orders.arrival', arrival({ schoolFrom: long(501) }), 'Поле «Из какой школы» — не более 500 символов', 'schoolFrom');
    await refused('orders.arrival', arrival({ classToId: '' }), 'Поле «В класс» не заполнено', 'classToId');
    await refused('orders.arrival', arrival({ classToId: null }), 'Поле «В класс» не заполнено', 'classToId');
    // A class deleted meanwhile: «Класс: запись не найдена», nothing written (the card is not saved either).
    await refused('orders.arrival', arrival({ classToId: 'нет-такого-класса' }), 'Класс', undefined, 'not_found');
    await eachBadDate('С даты', 'effectiveDate', (v) => ['orders.arrival', arrival({ effectiveDate: v })]);
    await eachBadDate('Дата приказа', 'date', (v) => ['orders.arrival', arrival({ date: v })]);
    await refused('orders.arrival', arrival({}, { birthDate: '2012-02-30' }), 'Дата рождения', 'student.birthDate');
    await refused('orders.arrival', arrival({}, { birthDate: '04.03.2012' }), 'Дата рождения', 'student.birthDate');
    await refused('orders.arrival', arrival({}, { lastName: long(61) }), 'Фамилия', 'student.lastName');
    await refused('orders.arrival', arrival({ basis: long(2001) }), 'Основание', 'basis');
  });
});

describe('forming the classes', () => {
  it('count, letters, sizes and the variant: out of range, bad letters, of another type', async () => {
    for (const count of [0, -1, 21, 2.5, '3', null]) await refused('formation.propose', { count }, 'Число классов', 'count');
    await refused('formation.propose', { count: 2, letters: ['А', 'Q'] }, 'Литера', 'letters.1');
    await refused('formation.propose', { count: 2, letters: ['А', '1'] }, 'Литера', 'letters.1');
    await refused('formation.propose', { count: 2, letters: ['A', 'Б'] }, /Литера «A» набрана латиницей/, 'letters.0');
    await refused('formation.propose', { count: 2, letters: ['А', 'абв'] }, 'Литера', 'letters.1');
    await refused('formation.propose', { count: 2, letters: ['А', 'а'] }, 'Литеры классов повторяются', 'letters');
    await refused('formation.propose', { count: 3, letters: ['А', 'Б'] }, 'Литер указано 2, а классов 3', 'letters');
    await refused('formation.propose', { count: 2, letters: 'А, Б' }, 'Литер', 'letters');
    for (const size of [0, -5, 61, 1.5, '25', null]) await refused('formation.propose', { count: 2, sizes: [25, size] }, 'Число детей в классе', 'sizes.1');
    await refused('formation.propose', { count: 3, sizes: [25, 25] }, 'Размеров классов указано 2, а классов 3', 'sizes');
    for (const seed of [-1, 1_000_001, 0.5, 'один']) await refused('formation.propose', { count: 2, seed }, 'Вариант распределения', 'seed');
  });

  it('apply, move and pairs', async () => {
    await refused('formation.apply', { classes: [] }, 'Укажите хотя бы один класс', 'classes');
    await refused('formation.apply', { classes: [{ letter: 'Z', applicationIds: [ids.apps[0]] }] }, 'Литера', 'classes.0.letter');
    await refused('formation.apply', { classes: [{ letter: 'А', applicationIds: [''] }] }, 'Ребёнок', 'classes.0.applicationIds.0');
    await refused('formation.apply', { classes: [{ letter: 'А', applicationIds: [ids.apps[0], ids.apps[0]] }] }, 'указан в двух классах');
    await refused('formation.move', { applicationId: 5, classId: ids.cls1A }, 'Ребёнок', 'applicationId');
    await refused('formation.move', { applicationId: ids.apps[0], classId: 7 }, 'Класс', 'classId');
    await refused('formation.pairs.save', { firstId: ids.apps[0], secondId: ids.apps[0], together: true }, 'Выберите двух разных детей', 'secondId');
    await refused('formation.pairs.save', { firstId: ids.apps[0], secondId: '', together: true }, 'Второй ребёнок', 'secondId');
    await refused('formation.pairs.save', { firstId: ids.apps[0], secondId: ids.apps[1], together: 'да' }, 'вместе или в разных классах', 'together');
    // A rule for the same two, then a move: the same board comes back, nothing coerced.
    const before = await t.call('formation.board');
    expect(before.pairs).toEqual([]);
  });
});

describe('books', () => {
  it('the period: dates by name, the end before the start; the book’s kind', async () => {
    for (const op of ['books.movement', 'books.arrivals', 'books.summary'] as const) {
      await eachBadDate('Начало периода', 'from', (v) => [op, { from: v, to: '2026-11-30' }]);
      await eachBadDate('Конец периода', 'to', (v) => [op, { from: '2026-11-01', to: v }]);
      await refused(op, { from: '2026-11-30', to: '2026-11-01' }, 'Конец периода', 'to');
    }
    await refused('books.pdf', { book: 'movement', from: '31.11.2026', to: '2026-11-30' }, 'Начало периода', 'from');
    await refused('books.xlsx', { book: 'arrivals', from: '2026-11-01' }, 'Укажите период', 'to');
    await refused('books.pdf', { book: 'журнал' }, 'Книга', 'book');
  });
});

describe('credentials and the production calendar', () => {
  it('the handing: date, recipient, how', async () => {
    const hand = (patch: Record<string, unknown>) => ({ id: ids.request, handedOn: '2026-11-25', handedTo: 'Алексеев И. П.', handedHow: 'in_person', ...patch });
    await eachBadDate('Дата выдачи', 'handedOn', (v) => ['credentials.hand', hand({ handedOn: v })]);
    await refused('credentials.hand', hand({ handedOn: '2026-11-26' }), 'Дата выдачи', 'handedOn');
    await refused('credentials.hand', hand({ handedOn: '2026-11-24' }), 'Дата выдачи', 'handedOn');
    await refused('credentials.hand', hand({ handedTo: long(201) }), 'Поле «Кому выданы» — не более 200 символов', 'handedTo');
    await refused('credentials.hand', hand({ handedTo: ' ' }), 'Поле «Кому выданы» не заполнено', 'handedTo');
    await refused('credentials.hand', hand({ handedTo: 42 }), 'Кому выданы', 'handedTo');
    await refused('credentials.hand', hand({ handedHow: 'голубиной почтой' }), 'Как выданы', 'handedHow');
    await refused('credentials.hand', hand({ handedHow: null }), 'Как выданы', 'handedHow');
    // Then a good one is taken exactly as typed.
    const r = await t.call('credentials.hand', hand({}));
    expect(r).toMatchObject({ handedOn: '2026-11-25', handedTo: 'Алексеев И. П.', handedHow: 'in_person' });
  });

  it('the request, the register’s period and filters', async () => {
    await eachBadDate('Дата прибытия', 'arrivedOn', (v) => ['credentials.request', { studentId: ids.student7B, arrivedOn: v }]);
    await refused('credentials.request', { studentId: '', arrivedOn: '2026-11-20' }, 'Ученик', 'studentId');
    await refused('credentials.registerPdf', { from: '31.02.2026' }, 'Период с', 'from');
    await refused('credentials.registerPdf', { from: '2026-11-30', to: '2026-11-01' }, 'Дата окончания периода', 'to');
    await refused('credentials.list', { state: 'просрочено' }, 'Состояние', 'state');
    await refused('credentials.list', { classId: 3 }, 'Класс', 'classId');
  });

  it('a parent’s refusal of the electronic service is yes or no', async () => {
    const card = await t.call('students.get', { id: ids.free });
    const mother = { id: null, lastName: 'Алексеева', firstName: 'Анна', middleName: null, relation: 'мать', phone: null, email: null, pdConsentDate: null };
    for (const eServiceRefused of ['да', 1, null])
      await refused('students.save', { ...card, guardians: [{ ...mother, eServiceRefused }] }, 'Отказ от электронного дневника', 'guardians.0.eServiceRefused');
  });

  it('the calendar: the day, its kind, the note; the calculator', async () => {
    await eachBadDate('Дата', 'date', (v) => ['calendar.save', { date: v, kind: 'holiday', note: null }]);
    await refused('calendar.save', { date: '2026-12-28', kind: 'праздник', note: null }, 'День', 'kind');
    await refused('calendar.save', { date: '2026-12-28', kind: null, note: null }, 'День', 'kind');
    await refused('calendar.save', { date: '2026-12-28', kind: 'holiday', note: long(151) }, 'Поле «Основание» — не более 150 символов', 'note');
    await refused('calendar.save', { date: '2026-12-28', kind: 'holiday', note: 5 }, 'Основание', 'note');
    await eachBadDate('От даты', 'date', (v) => ['calendar.addWorkingDays', { date: v, days: 10 }]);
    for (const days of [-1, 251, 2.5, '10']) await refused('calendar.addWorkingDays', { date: '2026-12-28', days }, 'Рабочих дней', 'days');
    for (const year of [1999, 2101, 2026.5, '2026']) await refused('calendar.year', { year }, 'Год', 'year');
  });
});

describe('the enrollment import', () => {
  const apps = applications({ count: 6, today: TODAY });
  const file = (spoil: (rows: (string | number | Date | null)[][]) => void = () => {}) => {
    const rows = sheetRows(apps, TODAY).map((r) => [...r]);
    spoil(rows);
    return upload(t.ctx.session, 'zachislenie.csv', csvBytes(rows));
  };
  // sheetRows: a title, the export date, the group header, the header (row 4), then the applications.
  const firstApp = 4;

  it('a file with bad cells imports nothing and names the row, the column and the reason', async () => {
    const cases: [number, (string | number)[], string][] = [
      [COL['Рег. номер заявления'], [long(51)], 'Номер заявления'],
      [COL['Статус заявления'], [long(151)], 'Статус заявления'],
      [COL['Дата  рождения'], ['31.02.2020', '2020-02-31'], 'Дата рождения'],
      [COL['Свидетельство о рождении'], [long(41)], 'Свидетельство'],
      [COL['Адрес проживания'], [long(301)], 'Адрес'],
      [COL['Телефон заявителя'], [long(41)], 'Телефон'],
      [COL['Льгота'], ['особое'], 'право на приём'],
    ];
    for (const [col, values, label] of cases)
      for (const value of values) {
        const e = await refused('enrollment.commit', { file: file((rows) => (rows[firstApp]![col] = value)) }, /Файл не загружен/);
        const p = e.problems.find((x) => x.row === firstApp + 1);
        expect(p, `${label}: ${JSON.stringify(e.problems)}`).toBeDefined();
        expect(`${p!.column} ${p!.message}`.toLowerCase(), String(value).slice(0, 20)).toContain(label.toLowerCase());
      }
  });

  it('the mapping step: a column out of range, of another type, an empty required field', async () => {
    await refused('enrollment.preview', { file: file(), mapping: { regNumber: -1 } }, /столб/, 'mapping.regNumber');
    await refused('enrollment.preview', { file: file(), mapping: { regNumber: 2.5 } }, /столб/, 'mapping.regNumber');
    await refused('enrollment.preview', { file: file(), mapping: { regNumber: '1' } }, /столб/, 'mapping.regNumber');
    await refused('enrollment.commit', { file: file(), mapping: { regNumber: 99, fullName: 6, birthDate: 7, status: 3 } }, /Файл не загружен|столбц/);
    const e = await refused('enrollment.commit', { file: file(), mapping: { regNumber: null, fullName: 6, birthDate: 7, status: 3 } }, /Файл не загружен/);
    expect(e.problems.map((p) => p.message).join('\n')).toMatch(/Не выбран столбец для обязательного поля «Номер заявления»/);
    const unknown = await refused('enrollment.commit', { file: file(), mapping: { regNumber: 1, fullName: 6, birthDate: 7, status: 3, favouriteColour: 9 } }, /Файл не загружен/);
    expect(unknown.problems).toContainEqual({ row: 4, column: 'Сопоставление столбцов', message: 'Неизвестное поле «favouriteColour» в сопоставлении столбцов' });
    await refused('enrollment.commit', { file: '' }, 'Выберите файл', 'file');
    await refused('enrollment.list', { search: long(201) }, 'Поиск', 'search');
    await refused('enrollment.list', { sort: 'age' }, 'Сортировка', 'sort');
    await refused('enrollment.list', { enrollableOnly: 'да' }, 'Только допускающие зачисление', 'enrollableOnly');
  });
});
