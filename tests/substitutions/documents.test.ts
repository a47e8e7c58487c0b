// Issue 11 point 4 (R9; PRODUCT.md «How documents should look»): the day sheet «Замены на
// 02.12.2026» and the monthly «Журнал замещения уроков» (PDF and XLSX): what they say, read back with
// pdftotext and LibreOffice; the pages rendered to tests/artifacts/substitutions/ to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DayLesson } from '../../electron/api/substitutions';
import type { ExportedFile } from '../../electron/api/types';
import { resultBytes } from '../support/files';
import { placedDemo } from './timetable';

const ART = join(import.meta.dirname, '../artifacts/substitutions');
const WED = '2026-12-02';
let t: Awaited<ReturnType<typeof placedDemo>>;
const short = (full: string) => {
  const [last, first, middle] = full.split(' ');
  return `${last} ${first![0]}.${middle ? ` ${middle[0]}.` : ''}`;
};
const save = (file: ExportedFile, name: string) => {
  mkdirSync(ART, { recursive: true });
  const path = join(ART, name);
  writeFileSync(path, resultBytes(t.ctx.session, file));
  return path;
};
const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
const render = (path: string) => execFileSync('pdftoppm', ['-png', '-r', '60', path, path.replace(/\.pdf$/, '')]);
const pageSize = (path: string) => /Page size:\s+([\d.]+) x ([\d.]+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))!.slice(1).map(Number);

let covered: DayLesson;
let roomText = '';
let longAbsent: DayLesson;
let substitute: { id: string; name: string; sameSubject: boolean };

beforeAll(async () => {
  t = await placedDemo();
  const lessons = (await t.call('substitutions.day', { date: WED })).lessons;
  covered = lessons.find((l) => l.targetName === '7А' && l.lessonNo === 1)!;
  longAbsent = lessons.find((l) => l.targetName === '6А' && l.lessonNo === 3 && l.teacherId !== covered.teacherId)!;
  await t.call('absences.save', { staffId: covered.teacherId, dateFrom: WED, dateTo: '2026-12-04', reason: 'illness', note: null });
  // Since 05.10: past two months on 05.12 — paid as tariffed load, the journal flags it.
  await t.call('absences.save', { staffId: longAbsent.teacherId, dateFrom: '2026-10-05', dateTo: '2026-12-10', reason: 'illness', note: null });
  const top = (await t.call('substitutions.candidates', { date: WED, cardId: covered.cardId }))[0]!;
  substitute = { id: top.staffId, name: top.name, sameSubject: top.sameSubject };
  await t.call('substitutions.assign', { date: WED, cardId: covered.cardId, substituteId: top.staffId, roomId: null, note: 'Тема по КТП' });
  const c2 = (await t.call('substitutions.candidates', { date: WED, cardId: longAbsent.cardId })).find((c) => c.staffId === top.staffId)!;
  expect(c2.refused).toBeNull();
  await t.call('substitutions.assign', { date: WED, cardId: longAbsent.cardId, substituteId: top.staffId, roomId: null, note: null });
  const cancel = lessons.find((l) => l.targetName === '5Б' && l.lessonNo === 5)!;
  const spare = t.db.raw.prepare(`SELECT id, number FROM room WHERE id NOT IN (SELECT room_id FROM school_class WHERE room_id IS NOT NULL) LIMIT 1`).get() as { id: string; number: string };
  const roomChanged = lessons.find((l) => l.targetName === '5Б' && l.lessonNo === 4)!;
  await t.call('substitutions.change', { kind: 'room', date: WED, cardId: roomChanged.cardId, roomId: spare.id, note: null });
  const moved = lessons.find((l) => l.targetName === '6А' && l.lessonNo === 6)!;
  await t.call('substitutions.change', { kind: 'move', date: WED, cardId: moved.cardId, toDate: '2026-12-09', toLessonNo: 7, roomId: null, note: null });
  roomText = `${spare.number} (вместо ${roomChanged.roomNumber})`;
  // A third teacher absent that day, no cover yet: «не назначен».
  const uncovered = lessons.find((l) => l.targetName === '5А' && ![covered.teacherId, longAbsent.teacherId, cancel.teacherId].includes(l.teacherId))!;
  await t.call('absences.save', { staffId: uncovered.teacherId, dateFrom: WED, dateTo: WED, reason: 'course', note: null });
  await t.call('substitutions.change', { kind: 'cancel', date: WED, cardId: cancel.cardId, note: 'Экскурсия' });
}, 300_000);
afterAll(() => t?.cleanup());

describe('the day sheet', () => {
  it('«Замены на 02.12.2026»: the school, the table of changes and lessons needing cover, the deputy’s signature', async () => {
    const path = save(await t.call('substitutions.daySheetPdf', { date: WED }), 'замены-02.12.2026.pdf');
    render(path);
    const text = pdfText(path);
    expect(text).toContain('Средняя общеобразовательная школа № 17');
    expect(text).toContain('Замены на 02.12.2026');
    expect(text).toContain('среда');
    for (const h of ['Урок', 'Время', 'Класс', 'Предмет', 'Отсутствует', 'Заменяет', 'Кабинет', 'Примечание']) expect(text).toContain(h);
    const line = text.split('\n').find((l) => l.includes('08:30–09:15') && l.includes('7А'))!;
    expect(line).toContain(covered.subjectName.split(' ')[0]);
    expect(line).toContain(short(covered.teacherName));
    expect(line).toContain(short(substitute.name));
    expect(line).toContain('Тема по КТП');
    expect(text).toContain('урок отменён');
    expect(text).toContain(roomText);
    expect(text).toContain('перенесён на 09.12.2026, 7-й урок');
    const target = pdfText(save(await t.call('substitutions.daySheetPdf', { date: '2026-12-09' }), 'замены-09.12.2026.pdf'));
    expect(target).toMatch(/14:20–15:05 6А .*перенесён с 02\.12\.2026, 6-го/);
    expect(text).toContain('Экскурсия');
    const needCover = (await t.call('substitutions.day', { date: WED })).lessons.filter((l) => l.needsCover);
    expect(needCover.length).toBeGreaterThan(0);
    for (const l of needCover) expect(text.split('\n').find((x) => x.includes(`${l.startsAt}–${l.endsAt}`) && x.includes(l.targetName))).toContain('не назначен');
    expect(text).toContain('Заместитель директора ____________');
    expect(text).toContain('Лист 1 из 1');
    const [w, h] = pageSize(path);
    expect(w! > h!).toBe(true); // eight columns: landscape
  });
});

describe('«Журнал замещения уроков»', () => {
  it('PDF: per teacher, each substitution with whom replaced, hours, same subject, the flag past two months; totals', async () => {
    const path = save(await t.call('substitutions.journal', { month: '2026-12', teacherId: null, format: 'pdf' }), 'журнал-замещения-12.2026.pdf');
    render(path);
    const text = pdfText(path);
    expect(text).toContain('Журнал замещения уроков');
    expect(text).toContain('за декабрь 2026 г.');
    expect(text).toContain(substitute.name);
    const rows = text.split('\n').filter((l) => l.includes('02.12.2026'));
    expect(rows).toHaveLength(2);
    const first = rows.find((l) => l.includes('7А'))!;
    expect(first).toContain(covered.teacherName.split(' ')[0]);
    expect(first).toMatch(new RegExp(` 1 ${substitute.sameSubject ? 'да' : 'нет'}`));
    expect(first).not.toContain('свыше');
    expect(rows.find((l) => l.includes('6А'))).toContain('свыше');
    expect(text).toContain('Итого: 2 часа');
    expect(text).toContain('Заместитель директора');
  });

  it('XLSX: the same rows, read back by LibreOffice', async () => {
    const path = save(await t.call('substitutions.journal', { month: '2026-12', teacherId: substitute.id, format: 'xlsx' }), 'журнал-замещения-12.2026.xlsx');
    execFileSync('soffice', ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', ART, path], { stdio: 'ignore', timeout: 120_000 });
    const csv = readFileSync(path.replace(/\.xlsx$/, '.csv'), 'utf8');
    expect(csv).toContain('Журнал замещения уроков');
    expect(csv).toContain(`учитель: ${substitute.name}`);
    const rows = csv.split('\n').filter((l) => l.includes('02.12.2026'));
    expect(rows).toHaveLength(2);
    const flag = rows.find((l) => l.includes('6А'))!;
    expect(flag).toContain('свыше двух месяцев');
    expect(flag).toContain(longAbsent.teacherName);
    expect(rows.find((l) => l.includes('7А'))).toContain(`,1,${substitute.sameSubject ? 'да' : 'нет'},`);
    expect(csv).toMatch(/Итого: [^\n]*,2,/);
  }, 180_000);

  it('cancellations are not in it; another month is empty and says so', async () => {
    const path = save(await t.call('substitutions.journal', { month: '2026-11', teacherId: null, format: 'pdf' }), 'журнал-замещения-11.2026.pdf');
    expect(pdfText(path)).toContain('Замещений уроков не было в этом месяце.');
    const absences = await t.call('absences.list', { from: WED, to: WED });
    expect(absences.find((a) => a.staffId === longAbsent.teacherId)!.overTwoMonths).toBe(true);
    expect(absences.find((a) => a.staffId === covered.teacherId)!.overTwoMonths).toBe(false);
  });
});
