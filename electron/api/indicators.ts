// The figures of the term reports and the journal's monitoring (issue 13; R16–R20), each with the
// definition the UI shows beside it and docs/indicators.md repeats (tests/reports/indicators-doc.test.ts
// keeps the two alike), and the school's thresholds (`school.report_rules`, migration 0012): every
// threshold is a setting, an empty object is every default.
import { z } from 'zod';
import * as s from './schemas';
import { change, none, read, view, write } from './ops';

/** The weights of СОУ (степень обученности учащихся, after В. П. Симонов) by period mark. */
export interface SouWeights {
  '5': number;
  '4': number;
  '3': number;
  '2': number;
  na: number;
}

/** Weekly hours of a subject as the accumulation norms are keyed ('6': 6 and more). */
export type AccumulationHours = '1' | '2' | '3' | '4' | '5' | '6';

export interface ReportRules {
  souWeights: SouWeights;
  /** A mark is «in time» when entered within this many days after its lesson (0: the same day). */
  markDays: number;
  /** Attendance is «in time» within this many days after the lesson (R13: 2). */
  attendanceDays: number;
  /** Homework is «in time» when recorded within this many days after the lesson (0: the same day). */
  homeworkDays: number;
  /** Accumulation: the least current marks a student should have in a period, by the subject's weekly hours ('1'…'5'; '6' is 6 and more). */
  accumulation: Record<AccumulationHours, number>;
  /** Systemic failure: this many «2» (or «1») in a row among a student's current marks in a subject. */
  failureRun: number;
  /** Systemic absence: a student missed at least this share (%) of a subject's lessons in the period without a valid reason («Н»). */
  absencePercent: number;
  /** Similarity across subgroups: the averages of two subgroups of one subject in a class differ by more than this. */
  subgroupGap: number;
  /** The class teacher's preliminary report: this many days before the period's end (R19: two weeks). */
  preliminaryDays: number;
  /** Statements for parents without e-access: a batch is due this many days after the last (R12: weekly, at least every 14 days). */
  statementEveryDays: number;
}

export const DEFAULT_REPORT_RULES: ReportRules = {
  souWeights: { '5': 100, '4': 64, '3': 36, '2': 16, na: 7 },
  markDays: 3,
  attendanceDays: 2,
  homeworkDays: 0,
  accumulation: { '1': 3, '2': 5, '3': 6, '4': 7, '5': 8, '6': 9 },
  failureRun: 3,
  absencePercent: 30,
  subgroupGap: 0.5,
  preliminaryDays: 14,
  statementEveryDays: 7,
};

const weight = (label: string) => s.int(label, 0, 100);
/** The rules as the settings form sends them: every field, each in its range. */
export const reportRulesInput = z.object({
  souWeights: z.object({ '5': weight('Вес «5» в СОУ'), '4': weight('Вес «4» в СОУ'), '3': weight('Вес «3» в СОУ'), '2': weight('Вес «2» в СОУ'), na: weight('Вес «н/а» в СОУ') }),
  markDays: s.int('Отметка вовремя, дней', 0, 30),
  attendanceDays: s.int('Посещаемость вовремя, дней', 0, 30),
  homeworkDays: s.int('Домашнее задание вовремя, дней', 0, 30),
  accumulation: z.object({
    '1': s.int('Накопляемость при 1 ч в неделю', 0, 50),
    '2': s.int('Накопляемость при 2 ч в неделю', 0, 50),
    '3': s.int('Накопляемость при 3 ч в неделю', 0, 50),
    '4': s.int('Накопляемость при 4 ч в неделю', 0, 50),
    '5': s.int('Накопляемость при 5 ч в неделю', 0, 50),
    '6': s.int('Накопляемость при 6 ч и более', 0, 50),
  }),
  failureRun: s.int('Системная неуспеваемость: «2» подряд', 2, 20),
  absencePercent: s.int('Системные пропуски, % уроков', 1, 100),
  subgroupGap: s.num('Расхождение подгрупп, балла', 0.1, 4, { step: 0.1 }),
  preliminaryDays: s.int('Предварительный отчёт, дней до конца периода', 1, 30),
  statementEveryDays: s.int('Выписки родителям, каждые … дней', 1, 14, 'Выписки родителям — не реже раза в 14 дней (R12)'),
});

/**
 * The rules as stored: each threshold as saved when it is valid, its default when it is missing or
 * not valid (an unknown key is dropped); a broken value reads as the defaults.
 */
export function reportRules(json: string | null | undefined): ReportRules {
  let stored: Record<string, unknown> = {};
  try {
    const v: unknown = json ? JSON.parse(json) : {};
    if (v && typeof v === 'object' && !Array.isArray(v)) stored = v as Record<string, unknown>;
  } catch {
    // Saving writes a whole valid object again.
  }
  const rules: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(reportRulesInput.shape)) {
    const fallback = DEFAULT_REPORT_RULES[key as keyof ReportRules];
    const value = stored[key];
    // The norms by hours and the СОУ weights: a missing part of the object takes its default.
    const merged = typeof fallback === 'object' && value && typeof value === 'object' ? { ...fallback, ...value } : (value ?? fallback);
    const parsed = (schema as z.ZodType).safeParse(merged);
    rules[key] = parsed.success ? parsed.data : fallback;
  }
  return rules as unknown as ReportRules;
}

/** What a figure is, in the words the UI shows beside it (and docs/indicators.md). */
export interface IndicatorDefinition {
  name: string;
  definition: string;
}

/**
 * The figures of the term report (point 1) and the monitoring (point 3). The keys are the ones the
 * results use; the definitions are the rules the computations follow (docs/indicators.md says more).
 */
export const INDICATORS = {
  counted: {
    name: 'Учеников',
    definition:
      'Ученики, которые были в списке класса на последний день периода (выбывшие до конца периода не считаются, прибывшие считаются). Ученик без единой отметки за период по аттестуемым предметам и ученик, освобождённый от всех предметов, в N не входят.',
  },
  excellent: { name: 'Отличники', definition: 'Все отметки за период по аттестуемым предметам — «5» (зачёт и «осв.» не мешают).' },
  good: { name: 'Хорошисты', definition: 'Все отметки за период — «4» и «5», хотя бы одна «4».' },
  oneFour: { name: 'С одной «4»', definition: 'Ровно одна «4», остальные — «5» (входят в хорошистов).' },
  oneThree: { name: 'С одной «3»', definition: 'Ровно одна «3», остальные — «4» и «5».' },
  satisfactory: { name: 'Успевают на «3»', definition: 'Есть «3», нет «2», «1», «незач» и «н/а».' },
  failing: { name: 'Неуспевающие', definition: 'Хотя бы одна «2» (или «1», или «незач») за период; с перечнем предметов.' },
  notAttested: { name: 'Не аттестованы (н/а)', definition: 'Нет «2», но хотя бы одна «н/а» за период. Остаются в N.' },
  exempt: { name: 'Освобождены (осв.)', definition: 'Отметка «осв.» по предмету: по этому предмету ученик в N не входит.' },
  progress: { name: 'Успеваемость, %', definition: '(отличники + хорошисты + успевающие на «3») · 100 / N. По предмету — по отметкам за период: («5» + «4» + «3») · 100 / N.' },
  quality: { name: 'Качество знаний, %', definition: '(отличники + хорошисты) · 100 / N. По предмету: («5» + «4») · 100 / N.' },
  sou: {
    name: 'СОУ, %',
    definition: 'Степень обученности (по В. П. Симонову): (n5·100 + n4·64 + n3·36 + n2·16 + nн/а·7) / (n5 + n4 + n3 + n2 + nн/а), где n — число таких отметок за период («1» считается как «2»; веса — настройка); по классу и школе — по всем отметкам за период по всем предметам.',
  },
  average: { name: 'Средний балл', definition: 'Среднее арифметическое отметок за период «1»–«5» (н/а, осв., зач, незач не считаются).' },
  lessonsPlanned: { name: 'Уроков по плану', definition: 'Часы учебного плана в неделю × учебные недели периода (по сегодняшний день, если период не закончился; для класса, предмета, учителя).' },
  lessonsScheduled: { name: 'Уроков по расписанию', definition: 'Уроки расписания в учебные дни периода (по сегодняшний день, если период не закончился), без каникул и выходных.' },
  lessonsHeld: { name: 'Проведено уроков', definition: 'Уроки со статусом «проведён» в периоде.' },
  lessonsWithTopic: { name: 'С темой урока', definition: 'Проведённые уроки с заполненной темой, % от проведённых.' },
  homeworkRecorded: { name: 'Домашнее задание записано', definition: 'Проведённые уроки с записанным домашним заданием, % от проведённых.' },
  homeworkInTime: { name: 'Д/з записано вовремя', definition: 'Д/з записано не позже установленного числа дней после урока, % от уроков с д/з.' },
  marksInTime: { name: 'Отметки вовремя', definition: 'Текущие отметки, выставленные не позже установленного числа дней после урока, % от всех текущих отметок.' },
  attendanceInTime: { name: 'Посещаемость отмечена вовремя', definition: 'Отметки «Б», «У», «Н», «О», внесённые не позже установленного числа дней после урока (R13), % от всех таких отметок.' },
  accumulation: {
    name: 'Накопляемость',
    definition: 'Доля учеников, у которых текущих отметок за период не меньше нормы по недельным часам предмета (нормы — настройка; «осв.» не учитываются).',
  },
  noMarks: { name: 'Без отметок', definition: 'Ученики без единой текущей отметки по предмету за период, % от учеников.' },
  oneMark: { name: 'С одной отметкой', definition: 'Ученики ровно с одной текущей отметкой по предмету за период, % от учеников.' },
  attendance: { name: 'Посещаемость, %', definition: '100 − пропущенные уроки (Б, У, Н) · 100 / (уроки × ученики); опоздания (О) считаются отдельно.' },
  lateness: { name: 'Опоздания', definition: 'Отметки «О» за период.' },
  systemicFailure: { name: 'Системная неуспеваемость', definition: 'Ученик с установленным числом «2» (или «1») подряд среди текущих отметок по предмету.' },
  systemicAbsence: { name: 'Системные пропуски', definition: 'Ученик пропустил без уважительной причины («Н») не меньше установленной доли уроков предмета за период.' },
  subgroupSimilarity: {
    name: 'Сходство отметок в подгруппах',
    definition: 'Средние баллы текущих отметок подгрупп одного предмета в классе; расхождение больше установленного — отмечается для проверки.',
  },
  substitutions: { name: 'Замены', definition: 'Уроки, проведённые заменяющим учителем.' },
  equivalentSubstitutions: { name: 'Равноценные замены, %', definition: 'Доля замен, в которых заменяющий учитель ведёт этот же предмет (по тарификации или квалификации).' },
} as const satisfies Record<string, IndicatorDefinition>;

export type IndicatorKey = keyof typeof INDICATORS;

export const indicatorsOps = {
  /** The school's thresholds (the defaults where none is set). */
  'indicators.rules': read(view('reports'), none).returns<ReportRules>(),
  'indicators.saveRules': write(change('reports'), reportRulesInput).returns<ReportRules>(),
};
