// How a journal's marks, letters and averages read on screen (issue 10 point 5), shared by the
// class journal, the student's marks card and the mark-change log.
import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { ABSENCE_TEXT, absenceKinds, markValues, workKinds, type AbsenceKind, type MarkValue } from '../../../electron/api/enums';
import type { JournalMark } from '../../../electron/api/types';
import classes from './JournalGrid.module.css';

export const markLabel = (v: MarkValue) => markValues.labels[v];

const COLOR: Record<MarkValue, string> = { '5': classes.m5!, '4': classes.m4!, '3': classes.m3!, '2': classes.m2!, '1': classes.m1!, na: classes.mx!, exempt: classes.mx!, pass: classes.mx!, fail: classes.mx! };

/** «Контрольная работа, вес 2» — the kind of work of a mark and its weight. */
export const markTitle = (m: JournalMark) => `${markLabel(m.value)} — ${workKinds.labels[m.workKind]}, вес ${String(m.weight).replace('.', ',')}`;

/** A mark as the journal writes it; a weight above 1 is bold and underlined (its kind in the title). */
export function MarkText({ m }: { m: JournalMark }) {
  return (
    <span className={`${classes.mark} ${COLOR[m.value]} ${m.weight > 1 ? classes.heavy : ''}`} title={markTitle(m)} data-mark={m.value} data-weight={m.weight}>
      {markLabel(m.value)}
    </span>
  );
}

/** A final (period or year) mark. */
export function FinalMark({ v }: { v: MarkValue | null }) {
  if (!v) return null;
  return <span className={`${classes.mark} ${classes.final} ${COLOR[v]}`}>{markLabel(v)}</span>;
}

const ABS_CLASS: Record<AbsenceKind, string> = { sick: classes.sick!, excused: classes.excused!, unexcused: '', late: classes.late! };
export const absenceTitle = (k: AbsenceKind) => `${absenceKinds.labels[k]} — ${ABSENCE_TEXT[k]}`;

export function AbsenceLetter({ k }: { k: AbsenceKind }) {
  return (
    <span className={`${classes.abs} ${ABS_CLASS[k]}`} title={absenceTitle(k)} data-absence={k}>
      {absenceKinds.labels[k]}
    </span>
  );
}

/** 4,25 — an average with two decimals; «—» when none. */
export const avg = (x: number | null) => (x === null ? '—' : x.toLocaleString('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

/** The journal has not come from the central system yet: say so and point to «Синхронизация». */
export function NoJournalData() {
  return (
    <Alert color="blue" variant="light" title="Данных журнала ещё нет" data-testid="journal-empty">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          Уроки, отметки и пропуски учителя ведут в центральном электронном журнале. Сюда они приходят при синхронизации с центральной системой — она
          ещё не выполнялась или не принесла данных журнала.
        </Text>
        <Button component="a" href="#/sync" variant="light" size="xs" leftSection={<IconRefresh size={14} />} data-testid="journal-go-sync">
          Открыть «Синхронизация»
        </Button>
      </Stack>
    </Alert>
  );
}
