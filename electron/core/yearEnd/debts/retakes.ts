// The retakes of a debt (273-ФЗ art. 58 p. 5–6): at most two within a year from the day the debt
// arose, the second only after a failed first one and before a commission of at least three staff
// (the chair first). A positive result closes the debt; a failed second one leaves it open for the
// decision (debts.ts decideDebt).
import type { Ctx } from '../../context';
import { todayOf } from '../../context';
import type { OpParsed } from '../../../api/contract';
import { COMMISSION_MIN, type DebtRow } from '../../../api/debts';
import { AppError, invalid, type Problem } from '../../../api/errors';
import { act } from '../../tx';
import { ruDate } from '../../format';
import { debtRow, staffNames } from './queries';
import { addYear, isPositive } from './view';
import { oneDebt, requireDebtParallels } from './debts';

/** The problems of a debt's retakes as entered, each next to its field. */
export function retakeProblems(i: OpParsed<'debts.save'>, recordedOn: string, today: string, known: Set<string>): Problem[] {
  const out: Problem[] = [];
  const add = (column: string, message: string) => out.push({ column, message });
  const deadline = addYear(recordedOn);
  const inYear = (column: string, label: string, v: string | null) => {
    if (!v) return;
    if (v <= recordedOn) add(column, `${label}: пересдача — после дня возникновения задолженности (${ruDate(recordedOn)})`);
    else if (v > deadline) add(column, `${label}: пересдача — в пределах года со дня возникновения задолженности, не позже ${ruDate(deadline)} (273-ФЗ, ст. 58, ч. 5)`);
  };
  inYear('firstRetakeOn', 'Дата первой пересдачи', i.firstRetakeOn);
  inYear('secondRetakeOn', 'Дата второй пересдачи', i.secondRetakeOn);
  if (i.firstResult && !i.firstRetakeOn) add('firstRetakeOn', 'Дата первой пересдачи: укажите дату, к которой относится результат');
  if (i.firstResult && i.firstRetakeOn && i.firstRetakeOn > today) add('firstResult', `Результат первой пересдачи: пересдача ${ruDate(i.firstRetakeOn)} ещё не прошла`);

  const second = i.secondRetakeOn || i.secondResult || i.commission.length > 0;
  if (second) {
    if (!i.firstRetakeOn || !i.firstResult) add('secondRetakeOn', 'Вторая пересдача назначается только после первой, когда её результат внесён');
    else if (isPositive(i.firstResult))
      add('secondRetakeOn', 'Первая пересдача сдана — задолженность ликвидирована, вторая пересдача не нужна');
    else if (i.secondRetakeOn && i.secondRetakeOn <= i.firstRetakeOn) add('secondRetakeOn', `Дата второй пересдачи: после первой (${ruDate(i.firstRetakeOn)})`);
  }
  if (i.secondResult && !i.secondRetakeOn) add('secondRetakeOn', 'Дата второй пересдачи: укажите дату, к которой относится результат');
  if (i.secondResult && i.secondRetakeOn && i.secondRetakeOn > today) add('secondResult', `Результат второй пересдачи: пересдача ${ruDate(i.secondRetakeOn)} ещё не прошла`);
  if (i.commission.length > 0 && i.commission.length < COMMISSION_MIN)
    add('commission', `Комиссия: не менее ${COMMISSION_MIN} человек — председатель и члены комиссии (выбрано ${i.commission.length})`);
  else if (i.secondResult && i.commission.length < COMMISSION_MIN)
    add('commission', `Комиссия: вторая пересдача проходит перед комиссией не менее чем из ${COMMISSION_MIN} человек (273-ФЗ, ст. 58, ч. 6)`);
  const unknown = i.commission.filter((id) => !known.has(id));
  if (unknown.length) add('commission', `Комиссия: ${unknown.length === 1 ? 'сотрудник не найден' : `не найдено сотрудников: ${unknown.length}`} — возможно, карточку удалили`);
  return out;
}

export function saveRetakes(ctx: Ctx, i: OpParsed<'debts.save'>): DebtRow {
  act(ctx, (w) => {
    const d = debtRow(ctx, i.id);
    requireDebtParallels(ctx, d);
    if (d.status === 'decided')
      throw new AppError('conflict', `По задолженности принято решение ${ruDate(d.decided_on)}: пересдачи не изменяются. Чтобы исправить их, сначала отмените решение.`);
    const known = new Set(staffNames(ctx, i.commission).keys());
    const problems = retakeProblems(i, d.recorded_on, todayOf(ctx), known);
    if (problems.length) throw invalid(problems[0]!.message, problems);
    const closed = isPositive(i.firstResult) || isPositive(i.secondResult);
    w.update('academic_debt', d.id, {
      first_retake_on: i.firstRetakeOn,
      first_result: i.firstResult,
      second_retake_on: i.secondRetakeOn,
      second_result: i.secondResult,
      commission: JSON.stringify(i.commission),
      note: i.note,
      status: closed ? 'closed' : 'open',
    });
  });
  return oneDebt(ctx, i.id);
}

