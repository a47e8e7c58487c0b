// The class journal's grid: students × lesson dates, virtualized both ways (only the visible rows and
// columns are in the DOM: a class of 30 × a year of lessons stays light). The names stay on the left
// and the averages and period marks on the right while the dates scroll. Arrow keys move the focused
// cell (Home/End: first/last lesson, PageUp/PageDown: ten students).
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { JournalLesson, JournalPeriod, JournalRow } from '../../../electron/api/types';
import { AbsenceLetter, FinalMark, MarkText, avg } from './marks';
import classes from './JournalGrid.module.css';

export const ROW_H = 30;
export const CELL_W = 46;
const HEAD_H = 44;
export const NAME_W = 270;
const SUM_W = { avg: 50, wavg: 58, period: 46 };
const WEEKDAYS = ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'];

export interface Cell {
  r: number;
  c: number;
}

/** Whether the student is on the list on `date` (one who left shows until they left, one who came from that day). */
export const onList = (row: JournalRow, date: string) => row.spans.some((s) => s.from <= date && (s.to === null || date < s.to));

const dayMonth = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;
const weekday = (iso: string) => WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()];

export interface JournalGridProps {
  rows: JournalRow[];
  lessons: JournalLesson[];
  /** The period-mark columns: the chosen period, or every period in the year's view. */
  periodColumns: JournalPeriod[];
  height: string | number;
  focus: Cell | null;
  onFocus: (cell: Cell) => void;
  hover: Cell | null;
  onHover: (cell: Cell | null) => void;
}

const shortPeriod = (name: string) => name.replace(/\s*четверть/i, ' ч.').replace(/\s*полугодие/i, ' п/г');

export function JournalGrid(p: JournalGridProps) {
  const ref = useRef<HTMLDivElement>(null);
  const sumW = SUM_W.avg + SUM_W.wavg + SUM_W.period * (p.periodColumns.length + 1);
  const rowsV = useVirtualizer({
    count: p.rows.length,
    getScrollElement: () => ref.current,
    estimateSize: () => ROW_H,
    overscan: 6,
    paddingStart: HEAD_H,
    scrollPaddingStart: HEAD_H,
  });
  const colsV = useVirtualizer({
    horizontal: true,
    count: p.lessons.length,
    getScrollElement: () => ref.current,
    estimateSize: () => CELL_W,
    overscan: 4,
    paddingStart: NAME_W,
    paddingEnd: sumW,
    scrollPaddingStart: NAME_W,
    scrollPaddingEnd: sumW,
  });
  const rowItems = rowsV.getVirtualItems();
  const colItems = colsV.getVirtualItems();
  const lessonsW = p.lessons.length * CELL_W;
  const totalW = NAME_W + lessonsW + sumW;
  const left = colItems.length ? colItems[0]!.start - NAME_W : 0;
  const right = colItems.length ? lessonsW - (colItems[colItems.length - 1]!.end - NAME_W) : lessonsW;

  const { focus, onFocus } = p;
  const move = useCallback(
    (cell: Cell) => {
      const r = Math.max(0, Math.min(p.rows.length - 1, cell.r));
      const c = Math.max(0, Math.min(p.lessons.length - 1, cell.c));
      onFocus({ r, c });
      rowsV.scrollToIndex(r, { align: 'auto' });
      colsV.scrollToIndex(c, { align: 'auto' });
    },
    [p.rows.length, p.lessons.length, onFocus, rowsV, colsV],
  );
  // A focused cell beyond the list (a search narrowed it) comes back inside.
  useEffect(() => {
    if (focus && (focus.r >= p.rows.length || focus.c >= p.lessons.length) && p.rows.length && p.lessons.length)
      onFocus({ r: Math.min(focus.r, p.rows.length - 1), c: Math.min(focus.c, p.lessons.length - 1) });
  }, [focus, p.rows.length, p.lessons.length, onFocus]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!p.rows.length || !p.lessons.length) return;
    const f = focus ?? { r: 0, c: 0 };
    const to: Record<string, Cell> = {
      ArrowUp: { r: f.r - 1, c: f.c },
      ArrowDown: { r: f.r + 1, c: f.c },
      ArrowLeft: { r: f.r, c: f.c - 1 },
      ArrowRight: { r: f.r, c: f.c + 1 },
      Home: { r: e.ctrlKey ? 0 : f.r, c: 0 },
      End: { r: e.ctrlKey ? p.rows.length - 1 : f.r, c: p.lessons.length - 1 },
      PageUp: { r: f.r - 10, c: f.c },
      PageDown: { r: f.r + 10, c: f.c },
    };
    const next = to[e.key];
    if (!next) return;
    e.preventDefault();
    move(focus ? next : f);
  };

  const cellOf = (el: EventTarget | null): Cell | null => {
    const t = (el as HTMLElement | null)?.closest?.('[data-c]') as HTMLElement | null;
    if (!t) return null;
    return { r: Number(t.dataset.r), c: Number(t.dataset.c) };
  };
  const active = p.hover ?? focus;
  const periodCols = p.periodColumns;

  return (
    <div
      ref={ref}
      className={classes.scroller}
      style={{ height: p.height }}
      tabIndex={0}
      role="grid"
      aria-label="Классный журнал"
      aria-rowcount={p.rows.length + 1}
      aria-colcount={p.lessons.length + 1}
      data-testid="journal-grid"
      onKeyDown={onKeyDown}
      onMouseOver={(e) => {
        const c = cellOf(e.target);
        if (c?.r !== p.hover?.r || c?.c !== p.hover?.c) p.onHover(c);
      }}
      onMouseLeave={() => p.onHover(null)}
      onMouseDown={(e) => {
        const c = cellOf(e.target);
        if (c && c.r >= 0) {
          onFocus(c);
          ref.current?.focus({ preventScroll: true });
        }
      }}
    >
      <div className={classes.header} style={{ width: totalW, height: HEAD_H }} role="row">
        <div className={classes.name} style={{ width: NAME_W }} role="columnheader">
          <span className={classes.no}>№</span>
          <span>Ученик</span>
        </div>
        <div style={{ width: left, flex: 'none' }} />
        {colItems.map((it) => {
          const l = p.lessons[it.index]!;
          const cancelled = l.status === 'cancelled';
          return (
            <div
              key={l.id}
              className={`${classes.head} ${cancelled ? classes.cancelled : ''} ${active?.c === it.index ? classes.active : ''}`}
              style={{ width: CELL_W }}
              role="columnheader"
              aria-colindex={it.index + 2}
              data-date={l.date}
              data-lesson={l.id}
              data-c={it.index}
              data-r={-1}
              title={`${l.date.split('-').reverse().join('.')}${l.lessonNo ? `, ${l.lessonNo}-й урок` : ''}${cancelled ? ' — урок отменён' : ''}${l.topic ? `\n${l.topic}` : ''}`}
            >
              <span>{dayMonth(l.date)}</span>
              <small>{cancelled ? 'отм.' : l.lessonNo === null ? 'б/у' : weekday(l.date)}</small>
            </div>
          );
        })}
        <div style={{ width: right, flex: 'none' }} />
        <div className={classes.sums} style={{ width: sumW }}>
          <div className={classes.sum} style={{ width: SUM_W.avg }} role="columnheader" title="Средний балл: сумма отметок / их число">
            Ср.
          </div>
          <div className={classes.sum} style={{ width: SUM_W.wavg }} role="columnheader" title="Средневзвешенный балл: Σ(отметка·вес) / Σвесов (н/а, осв., зач/незач не учитываются)">
            Ср. взв.
          </div>
          {periodCols.map((pc) => (
            <div key={pc.id} className={classes.sum} style={{ width: SUM_W.period }} role="columnheader" title={`Отметка за период: ${pc.name}`}>
              {shortPeriod(pc.name)}
            </div>
          ))}
          <div className={classes.sum} style={{ width: SUM_W.period }} role="columnheader" title="Годовая отметка">
            Год
          </div>
        </div>
      </div>
      <div className={classes.body} style={{ height: rowsV.getTotalSize() - HEAD_H, width: totalW }}>
        {rowItems.map((ri) => {
          const row = p.rows[ri.index]!;
          return (
            <div
              key={row.studentId}
              className={classes.row}
              style={{ width: totalW, height: ROW_H, transform: `translateY(${ri.start - HEAD_H}px)` }}
              role="row"
              aria-rowindex={ri.index + 2}
              data-testid="journal-row"
              data-student={row.studentId}
            >
              <div className={classes.name} style={{ width: NAME_W }} role="rowheader" title={row.fullName}>
                <span className={classes.no}>{ri.index + 1}</span>
                <span className={classes.fullName} data-testid="journal-name">
                  {row.fullName}
                </span>
              </div>
              <div style={{ width: left, flex: 'none' }} />
              {colItems.map((ci) => {
                const l = p.lessons[ci.index]!;
                const marks = row.marks[l.id];
                const absence = row.absences[l.id];
                const inList = onList(row, l.date);
                const isFocus = focus?.r === ri.index && focus.c === ci.index;
                const isHover = p.hover?.r === ri.index && p.hover.c === ci.index;
                const cls = [
                  classes.cell,
                  l.status === 'cancelled' ? classes.cancelled : '',
                  inList ? '' : classes.out,
                  active?.c === ci.index ? classes.colActive : '',
                  isHover ? classes.hover : '',
                  isFocus ? classes.focused : '',
                  (marks?.length ?? 0) + (absence ? 1 : 0) > 2 || marks?.some((m) => m.value.length > 1) ? classes.dense : '',
                ].join(' ');
                return (
                  <div
                    key={l.id}
                    className={cls}
                    style={{ width: CELL_W }}
                    role="gridcell"
                    aria-colindex={ci.index + 2}
                    aria-selected={isFocus}
                    data-testid="journal-cell"
                    data-lesson={l.id}
                    data-r={ri.index}
                    data-c={ci.index}
                    data-focused={isFocus || undefined}
                    title={inList ? undefined : 'Не в списке класса в этот день'}
                  >
                    {absence ? <AbsenceLetter k={absence} /> : null}
                    {marks?.map((m, i) => <MarkText key={i} m={m} />)}
                  </div>
                );
              })}
              <div style={{ width: right, flex: 'none' }} />
              <div className={classes.sums} style={{ width: sumW }}>
                <div className={classes.sum} style={{ width: SUM_W.avg }} data-testid="journal-avg">
                  {avg(row.average)}
                </div>
                <div className={classes.sum} style={{ width: SUM_W.wavg }} data-testid="journal-wavg">
                  {avg(row.weightedAverage)}
                </div>
                {periodCols.map((pc) => (
                  <div key={pc.id} className={classes.sum} style={{ width: SUM_W.period }} data-testid="journal-period-mark">
                    <FinalMark v={row.periodMarks[pc.id] ?? null} />
                  </div>
                ))}
                <div className={classes.sum} style={{ width: SUM_W.period }} data-testid="journal-year-mark">
                  <FinalMark v={row.yearMark} />
                </div>
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
