// Numbers of the term report as the office writes them: «72,7», «4,22», «—» for none; a change
// with its sign («+3», «−2,5»), coloured by whether it is good news.
import type { TermFigures } from '../../../../electron/api/term';

const nf = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });

export function num(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : nf.format(v);
}

/** The change from `was` to `now`, rounded to the figure's own precision; null when either is none. */
export function change(now: number | null, was: number | null, digits: number): number | null {
  if (now === null || was === null) return null;
  const k = 10 ** digits;
  return Math.round((now - was) * k) / k;
}

export function signed(d: number): string {
  if (d === 0) return '0';
  return `${d > 0 ? '+' : '−'}${nf.format(Math.abs(d))}`;
}

/** How a figure's change reads: more is better, worse, or neither. */
export type Direction = 'up' | 'down' | 'neutral';

export function deltaColor(d: number, dir: Direction): string {
  if (d === 0 || dir === 'neutral') return 'dimmed';
  return (d > 0) === (dir === 'up') ? 'teal.7' : 'red.7';
}

export type ListKey = 'counted' | 'n' | 'excellent' | 'good' | 'oneFour' | 'satisfactory' | 'oneThree' | 'failing' | 'notAttested' | 'exempt';
export type ValueKey = 'progress' | 'quality' | 'sou' | 'average';

export interface FigureRow {
  key: ListKey | ValueKey;
  label: string;
  /** Shown in the tooltip (INDICATORS' definitions, the same words as docs/indicators.md). */
  definition: string;
  /** A subset of the row above it: indented. */
  sub?: boolean;
  dir: Direction;
  /** Decimals of the figure (counts 0). */
  digits: number;
}

export const isList = (k: FigureRow['key']): k is ListKey => !['progress', 'quality', 'sou', 'average'].includes(k);

export function valueOf(f: TermFigures, k: FigureRow['key']): number | null {
  return isList(k) ? f[k].count : f[k];
}
