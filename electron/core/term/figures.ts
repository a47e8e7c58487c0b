// The figures of the term report from plain rows (docs/indicators.md «The term report»; R19): each
// student put in one category by their period marks, N, успеваемость, качество, СОУ, средний балл,
// and the same by subject. Pure: no database here (queries.ts loads the rows, report.ts joins them).
import type { Grading, MarkValue } from '../../api/enums';
import type { SouWeights } from '../../api/indicators';
import type { TermClassReport, TermFigures, TermList, TermMarkCounts, TermStudent, TermSubjectFigures } from '../../api/term';

export interface FigClass {
  id: string;
  name: string;
  grade: number;
}
/** A student counted in a class (on its list on the period's last day). */
export interface FigStudent {
  id: string;
  name: string;
  classId: string;
}
/** A subject of a class's curriculum. */
export interface FigSubject {
  classId: string;
  subjectId: string;
  name: string;
  sortOrder: number;
  grading: Grading;
  noAttestation: boolean;
}
export interface FigMark {
  studentId: string;
  subjectId: string;
  value: MarkValue;
}

export interface FigInput {
  classes: FigClass[];
  students: FigStudent[];
  subjects: FigSubject[];
  marks: FigMark[];
  weights: SouWeights;
}

export interface FigResult {
  figures: TermFigures;
  subjects: TermSubjectFigures[];
  classes: TermClassReport[];
}

/** x·100/n to one decimal (half up), null when n is 0; `a` and `n` are counts. */
export function percent(a: number, n: number): number | null {
  return n ? Math.round((a * 1000) / n) / 10 : null;
}

/** СОУ by the weights, to one decimal; null with no mark it counts. */
export function sou(m: TermMarkCounts, w: SouWeights): number | null {
  const n = m['5'] + m['4'] + m['3'] + m['2'] + m.na;
  if (!n) return null;
  return Math.round(((m['5'] * w['5'] + m['4'] * w['4'] + m['3'] * w['3'] + m['2'] * w['2'] + m.na * w.na) * 10) / n) / 10;
}

const DIGITS = new Set<MarkValue>(['5', '4', '3', '2', '1']);

/** Σ/count of the digits, to two decimals. */
function mean(sum: number, count: number): number | null {
  return count ? Math.round((sum * 100) / count) / 100 : null;
}

const list = (students: TermStudent[]): TermList => ({ count: students.length, students });
const emptyCounts = (): TermMarkCounts => ({ '5': 0, '4': 0, '3': 0, '2': 0, na: 0 });

/** The subject is in the figures: graded, not «Без аттестации». */
export const attested = (s: FigSubject) => !s.noAttestation && s.grading !== 'none';

interface Prepared {
  classById: Map<string, FigClass>;
  /** class → subject → its curriculum line (attested ones only). */
  subjects: Map<string, Map<string, FigSubject>>;
  /** student → their marks in their class's attested subjects. */
  marks: Map<string, { subject: FigSubject; value: MarkValue }[]>;
}

function prepare(input: FigInput): Prepared {
  const classById = new Map(input.classes.map((c) => [c.id, c]));
  const subjects = new Map<string, Map<string, FigSubject>>();
  for (const s of input.subjects) if (attested(s)) (subjects.get(s.classId) ?? subjects.set(s.classId, new Map()).get(s.classId)!).set(s.subjectId, s);
  const classOf = new Map(input.students.map((s) => [s.id, s.classId]));
  const marks = new Map<string, { subject: FigSubject; value: MarkValue }[]>();
  for (const m of input.marks) {
    const cls = classOf.get(m.studentId);
    const subject = cls ? subjects.get(cls)?.get(m.subjectId) : undefined;
    if (!subject) continue; // not counted, or not a subject of the class's curriculum that is attested
    (marks.get(m.studentId) ?? marks.set(m.studentId, []).get(m.studentId)!).push({ subject, value: m.value });
  }
  for (const ms of marks.values()) ms.sort((a, b) => a.subject.sortOrder - b.subject.sortOrder || a.subject.name.localeCompare(b.subject.name, 'ru'));
  return { classById, subjects, marks };
}

/** The figures of a set of counted students (a class, a parallel, the school). */
function figuresOf(p: Prepared, students: readonly FigStudent[], weights: SouWeights): TermFigures {
  const out = {
    counted: [] as TermStudent[],
    n: [] as TermStudent[],
    notInN: [] as TermStudent[],
    excellent: [] as TermStudent[],
    good: [] as TermStudent[],
    oneFour: [] as TermStudent[],
    satisfactory: [] as TermStudent[],
    oneThree: [] as TermStudent[],
    failing: [] as TermStudent[],
    notAttested: [] as TermStudent[],
    exempt: [] as TermStudent[],
  };
  const counts = emptyCounts();
  let sum = 0;
  let digits = 0;
  for (const st of students) {
    const ref: TermStudent = { id: st.id, name: st.name, className: p.classById.get(st.classId)?.name ?? '' };
    out.counted.push(ref);
    const marks = p.marks.get(st.id) ?? [];
    const exemptIn = marks.filter((m) => m.value === 'exempt').map((m) => m.subject.name);
    if (exemptIn.length) out.exempt.push({ ...ref, subjects: exemptIn });
    if (!marks.length || exemptIn.length === marks.length) {
      out.notInN.push(ref);
      continue;
    }
    out.n.push(ref);
    const failIn: string[] = [];
    const naIn: string[] = [];
    let fives = 0;
    let fours = 0;
    let threes = 0;
    for (const { subject, value } of marks) {
      if (value === 'fail' || value === '2' || value === '1') failIn.push(subject.name);
      else if (value === 'na') naIn.push(subject.name);
      if (subject.grading !== 'five_point') continue; // a зачёт subject counts only for «незач» (and «н/а»)
      if (value === '5') fives++;
      else if (value === '4') fours++;
      else if (value === '3') threes++;
      if (DIGITS.has(value)) {
        sum += Number(value);
        digits++;
      }
      if (value === '5' || value === '4' || value === '3') counts[value]++;
      else if (value === '2' || value === '1') counts['2']++;
      else if (value === 'na') counts.na++;
    }
    if (failIn.length) out.failing.push({ ...ref, subjects: failIn });
    else if (naIn.length) out.notAttested.push({ ...ref, subjects: naIn });
    else if (threes) {
      out.satisfactory.push(ref);
      if (threes === 1) out.oneThree.push(ref);
    } else if (fours) {
      out.good.push(ref);
      if (fours === 1) out.oneFour.push(ref);
    } else if (fives) out.excellent.push(ref);
    // Else only «зач» and «осв.»: in N, in no category (docs/indicators.md).
  }
  const N = out.n.length;
  return {
    counted: list(out.counted),
    n: list(out.n),
    notInN: list(out.notInN),
    excellent: list(out.excellent),
    good: list(out.good),
    oneFour: list(out.oneFour),
    satisfactory: list(out.satisfactory),
    oneThree: list(out.oneThree),
    failing: list(out.failing),
    notAttested: list(out.notAttested),
    exempt: list(out.exempt),
    progress: percent(out.excellent.length + out.good.length + out.satisfactory.length, N),
    quality: percent(out.excellent.length + out.good.length, N),
    sou: sou(counts, weights),
    average: mean(sum, digits),
    marks: counts,
  };
}

type SubjectKey = keyof TermSubjectFigures['marks'];
const SUBJECT_KEYS: SubjectKey[] = ['5', '4', '3', '2', 'na', 'exempt', 'pass', 'fail'];

/** The figures of each subject over the students' period marks of it, in the subjects' order. */
function subjectsOf(p: Prepared, students: readonly FigStudent[], weights: SouWeights): TermSubjectFigures[] {
  const by = new Map<string, { subject: FigSubject; lists: Record<SubjectKey, TermStudent[]>; ones: number }>();
  for (const st of students) {
    const ref: TermStudent = { id: st.id, name: st.name, className: p.classById.get(st.classId)?.name ?? '' };
    for (const { subject, value } of p.marks.get(st.id) ?? []) {
      let e = by.get(subject.subjectId);
      if (!e) by.set(subject.subjectId, (e = { subject, lists: Object.fromEntries(SUBJECT_KEYS.map((k) => [k, []])) as unknown as Record<SubjectKey, TermStudent[]>, ones: 0 }));
      e.lists[value === '1' ? '2' : value].push(ref);
      if (value === '1') e.ones++;
    }
  }
  return [...by.values()]
    .sort((a, b) => a.subject.sortOrder - b.subject.sortOrder || a.subject.name.localeCompare(b.subject.name, 'ru'))
    .map(({ subject, lists, ones }) => {
      const c = (k: SubjectKey) => lists[k].length;
      const n = SUBJECT_KEYS.filter((k) => k !== 'exempt').reduce((s, k) => s + c(k), 0);
      const five = subject.grading === 'five_point';
      const digitSum = c('5') * 5 + c('4') * 4 + c('3') * 3 + (c('2') - ones) * 2 + ones;
      const digitCount = c('5') + c('4') + c('3') + c('2');
      return {
        subjectId: subject.subjectId,
        subject: subject.name,
        grading: subject.grading,
        n,
        marks: Object.fromEntries(SUBJECT_KEYS.map((k) => [k, list(lists[k])])) as Record<SubjectKey, TermList>,
        progress: five ? percent(c('5') + c('4') + c('3'), n) : percent(c('pass'), n),
        quality: five ? percent(c('5') + c('4'), n) : null,
        sou: five ? sou({ '5': c('5'), '4': c('4'), '3': c('3'), '2': c('2'), na: c('na') }, weights) : null,
        average: five ? mean(digitSum, digitCount) : null,
      };
    });
}

/** The figures of the scope (every student given) and of each class in it, with their subjects. */
export function termFigures(input: FigInput): FigResult {
  const p = prepare(input);
  const byClass = new Map<string, FigStudent[]>();
  for (const s of input.students) (byClass.get(s.classId) ?? byClass.set(s.classId, []).get(s.classId)!).push(s);
  return {
    figures: figuresOf(p, input.students, input.weights),
    subjects: subjectsOf(p, input.students, input.weights),
    classes: input.classes.map((c) => {
      const students = byClass.get(c.id) ?? [];
      return { classId: c.id, className: c.name, grade: c.grade, figures: figuresOf(p, students, input.weights), subjects: subjectsOf(p, students, input.weights) };
    }),
  };
}

/** Only the scope's figures (a comparison). */
export function scopeFigures(input: FigInput): TermFigures {
  return figuresOf(prepare(input), input.students, input.weights);
}
