// The books themselves (issue 12, R10, R11), built from the facts (facts.ts): the alphabetical book,
// the movement book, «Сведения о прибывших и выбывших» and the movement summary.
import type { Ctx } from '../context';
import type { AlphabetBook, AlphabetEntry, ArrivalsReport, MovementBook, MovementSummary, SummaryRow } from '../../api/books';
import { invalid } from '../../api/errors';
import { ruDate } from '../format';
import { atEnd, atStart, closesIn, loadFacts, movements, opensIn, type Facts } from './facts';

/** A period's days in order, else a message next to its end. */
export function checkPeriod(from: string, to: string): void {
  if (from > to) {
    const msg = `Конец периода ${ruDate(to)} раньше его начала ${ruDate(from)}`;
    throw invalid(msg, [{ column: 'to', message: msg }]);
  }
}

const collator = new Intl.Collator('ru');
/** «И-12» → letter «И», number 12. */
function parseFileNo(no: string | null): { letter: string; number: number } | null {
  const m = no ? /^\s*(\p{L}+)\s*[-–]\s*(\d+)\s*$/u.exec(no) : null;
  return m ? { letter: m[1]!.toUpperCase(), number: Number(m[2]) } : null;
}

/**
 * «Алфавитная книга записи обучающихся»: every student ever enrolled, those who left too, on the
 * pages of their letter (the letters in alphabetical order); within a letter in the order of the
 * entry numbers, as the book is written (students without a number last, by name).
 */
export function alphabetBook(ctx: Ctx, f: Facts = loadFacts(ctx)): AlphabetBook {
  const letters = new Map<string, AlphabetEntry[]>();
  let left = 0;
  for (const s of f.students.values()) {
    const spans = f.spans.get(s.id) ?? [];
    const first = spans[0];
    const last = spans[spans.length - 1];
    const gone = !!last && last.closeKind === 'left';
    if (gone) left++;
    const parsed = parseFileNo(s.fileNo);
    const letter = parsed?.letter ?? (s.last.trim().charAt(0).toUpperCase() || '?');
    const current = !gone && last && last.to === null ? f.classes.get(last.classId)?.name ?? null : null;
    const e: AlphabetEntry = {
      studentId: s.id,
      fileNo: s.fileNo,
      letter,
      number: parsed?.number ?? null,
      fullName: s.fullName,
      birthDate: s.birthDate,
      parents: s.parents,
      address: s.address,
      entryClass: first ? f.classes.get(first.classId)!.name : null,
      entryDate: first?.from ?? null,
      entryOrder: first?.openOrder ?? null,
      cameFrom: first?.place.from ?? null,
      leftDate: gone ? last.to : null,
      leftOrder: gone ? last.closeOrder : null,
      leftReason: gone ? last.place.reason : null,
      wentTo: gone ? last.place.to : null,
      currentClass: current,
    };
    const list = letters.get(letter) ?? [];
    list.push(e);
    letters.set(letter, list);
  }
  const byNumber = (a: AlphabetEntry, b: AlphabetEntry) =>
    a.number !== null && b.number !== null ? a.number - b.number : a.number !== null ? -1 : b.number !== null ? 1 : collator.compare(a.fullName, b.fullName);
  const out = [...letters.entries()].sort(([a], [b]) => collator.compare(a, b)).map(([letter, entries]) => ({ letter, entries: entries.sort(byNumber) }));
  return { letters: out, total: f.students.size, left };
}

/** The classes the period concerns: with a student in them during it, by parallel and letter. */
function classesOf(f: Facts, from: string, to: string) {
  const ids = new Set<string>();
  for (const list of f.spans.values()) for (const m of list) if (m.from <= to && (m.to === null || m.to >= from)) ids.add(m.classId);
  return [...ids].map((id) => f.classes.get(id)!).sort((a, b) => a.grade - b.grade || collator.compare(a.letter, b.letter) || collator.compare(a.yearId, b.yearId));
}

/** «Книга движения учащихся»: per class, who came and who left (and moves between classes) in the period, with the orders. */
export function movementBook(ctx: Ctx, from: string, to: string, f: Facts = loadFacts(ctx)): MovementBook {
  checkPeriod(from, to);
  const all = movements(f, from, to);
  const sum = movementSummary(ctx, from, to, f);
  const byClass = new Map(sum.classes.map((r) => [r.classId!, r]));
  return {
    from,
    to,
    classes: classesOf(f, from, to).map((c) => ({
      classId: c.id,
      className: c.name,
      grade: c.grade,
      start: byClass.get(c.id)?.start ?? 0,
      end: byClass.get(c.id)?.end ?? 0,
      rows: all.filter((m) => m.classId === c.id),
    })),
  };
}

/** «Сведения о прибывших и выбывших»: arrivals into and departures from the school; moves between classes not counted. */
export function arrivalsReport(ctx: Ctx, from: string, to: string, f: Facts = loadFacts(ctx)): ArrivalsReport {
  checkPeriod(from, to);
  const rows = movements(f, from, to).filter((m) => m.kind === 'arrived' || m.kind === 'left');
  return { from, to, rows, arrived: rows.filter((r) => r.kind === 'arrived').length, left: rows.filter((r) => r.kind === 'left').length };
}

const zero = (label: string, grade: number | null, classId: string | null): SummaryRow => ({ label, grade, classId, start: 0, arrived: 0, left: 0, movedIn: 0, movedOut: 0, end: 0 });
const add = (into: SummaryRow, r: SummaryRow) => {
  into.start += r.start;
  into.arrived += r.arrived;
  into.left += r.left;
  into.movedIn += r.movedIn;
  into.movedOut += r.movedOut;
  into.end += r.end;
};

/** At the start of the period, arrived, left, moved in and out inside the school, at its end: per class, parallel and school. */
export function movementSummary(ctx: Ctx, from: string, to: string, f: Facts = loadFacts(ctx)): MovementSummary {
  checkPeriod(from, to);
  const classes = classesOf(f, from, to).map((c) => zero(c.name, c.grade, c.id));
  const byId = new Map(classes.map((r) => [r.classId!, r]));
  for (const list of f.spans.values())
    for (const m of list) {
      const r = byId.get(m.classId);
      if (!r) continue;
      if (atStart(m, from)) r.start++;
      if (atEnd(m, to)) r.end++;
      if (opensIn(m, from, to)) m.openKind === 'arrived' ? r.arrived++ : r.movedIn++;
      if (closesIn(m, from, to)) m.closeKind === 'left' ? r.left++ : r.movedOut++;
    }
  const parallels = new Map<number, SummaryRow>();
  const total = zero('Всего по школе', null, null);
  for (const r of classes) {
    let p = parallels.get(r.grade!);
    if (!p) parallels.set(r.grade!, (p = zero(`${r.grade}-е классы`, r.grade, null)));
    add(p, r);
    add(total, r);
  }
  return { from, to, classes, parallels: [...parallels.values()], total };
}
