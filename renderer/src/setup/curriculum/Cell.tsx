import { memo, useState } from 'react';
import css from './Curriculum.module.css';

const fmt = (n: number) => String(n).replace('.', ',');

/** One cell of the grid: a light text input (a thousand of them must stay fast); Enter and ↑/↓ move like in Excel. */
export const Cell = memo(function Cell(p: {
  classId: string;
  subjectId: string;
  row: number;
  col: number;
  /** The stored hours. */
  value: number;
  /** The text typed into the cell since the last save, if any. */
  text: string | undefined;
  error: string | undefined;
  dirty: boolean;
  label: string;
  readOnly?: boolean;
  /** Another parallel's class for a deputy director (R8): the reason, shown on hover. */
  locked?: string;
  onText: (classId: string, subjectId: string, text: string) => void;
}) {
  const [focused, setFocused] = useState(false);
  const shown = p.text ?? (p.value === 0 ? '' : fmt(p.value));
  const move = (e: React.KeyboardEvent<HTMLInputElement>, dr: number, dc: number) => {
    const el = e.currentTarget.closest('table')?.querySelector<HTMLInputElement>(`input[data-cell="${p.row + dr}:${p.col + dc}"]`);
    if (el) {
      e.preventDefault();
      el.focus();
      el.select();
    }
  };
  return (
    <>
      <input
        className={css.cell}
        value={shown}
        readOnly={p.readOnly}
        disabled={p.locked !== undefined}
        inputMode="decimal"
        autoComplete="off"
        aria-label={p.label}
        aria-invalid={p.error ? true : undefined}
        title={p.locked ?? (p.error ? `${p.label}: ${p.error}` : p.label)}
        data-cell={`${p.row}:${p.col}`}
        data-dirty={p.dirty || undefined}
        data-invalid={p.error ? true : undefined}
        onFocus={(e) => {
          setFocused(true);
          e.currentTarget.select();
        }}
        onBlur={() => setFocused(false)}
        onChange={(e) => p.onText(p.classId, p.subjectId, e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === 'ArrowDown') move(e, 1, 0);
          else if (e.key === 'ArrowUp') move(e, -1, 0);
        }}
      />
      {p.error && focused ? (
        <span className={css.cellError} role="alert" data-testid="cell-error">
          {p.error}
        </span>
      ) : null}
    </>
  );
});

