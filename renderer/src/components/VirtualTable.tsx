import { useEffect, useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { SortLabel, type SortState } from './sort';
import classes from './VirtualTable.module.css';

export interface Column<T> {
  key: string;
  title: ReactNode;
  /** A CSS grid track: '2fr', '120px', 'minmax(160px, 1fr)'. */
  width: string;
  render: (row: T, index: number) => ReactNode;
  sortable?: boolean;
  align?: 'left' | 'right' | 'center';
}

export interface VirtualTableProps<T> {
  columns: Column<T>[];
  rowCount: number;
  /** The row at an index; undefined while its page is being loaded (a placeholder is shown). */
  getRow: (index: number) => T | undefined;
  getRowKey?: (row: T, index: number) => string;
  rowHeight?: number;
  height: string | number;
  sort?: SortState;
  onSort?: (key: string) => void;
  onRowClick?: (row: T, index: number) => void;
  /** Called with the visible index range, to load the pages it needs. */
  onRangeChange?: (start: number, end: number) => void;
  empty?: ReactNode;
  testId?: string;
  /** Bump to scroll back to the top (e.g. after a new search). */
  resetKey?: unknown;
  /** Rows grow with their content (measured); rowHeight is then the estimate and the minimum. */
  dynamicHeight?: boolean;
  /** Extra attributes of a loaded row: a class name (highlight) or test data. */
  rowProps?: (row: T, index: number) => { className?: string; [data: `data-${string}`]: string | undefined };
}

/** A long list with a sticky header: only the visible rows are in the DOM (fixed row height). */
export function VirtualTable<T>(p: VirtualTableProps<T>) {
  const rowHeight = p.rowHeight ?? 40;
  const scrollRef = useRef<HTMLDivElement>(null);
  const template = p.columns.map((c) => c.width).join(' ');
  const v = useVirtualizer({
    count: p.rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  const onRange = p.onRangeChange;
  useEffect(() => {
    if (onRange && last >= first) onRange(first, last);
  }, [first, last, onRange]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [p.resetKey]);

  return (
    <div ref={scrollRef} className={classes.scroller} style={{ height: p.height }} role="table" aria-rowcount={p.rowCount} data-testid={p.testId}>
      <div className={classes.header} style={{ gridTemplateColumns: template, minHeight: rowHeight }} role="row">
        {p.columns.map((c) => (
          <div key={c.key} className={classes.cell} role="columnheader" style={{ textAlign: c.align }}>
            {c.sortable && p.onSort && p.sort ? (
              <SortLabel label={c.title} active={p.sort.key === c.key} desc={p.sort.desc} onClick={() => p.onSort!(c.key)} testId={`sort-${c.key}`} />
            ) : (
              c.title
            )}
          </div>
        ))}
      </div>
      {p.rowCount === 0 ? (
        <div className={classes.empty}>{p.empty}</div>
      ) : (
        <div className={classes.body} style={{ height: v.getTotalSize() }}>
          {items.map((it) => {
            const row = p.getRow(it.index);
            const extra = row && p.rowProps ? p.rowProps(row, it.index) : undefined;
            return (
              <div
                key={row && p.getRowKey ? p.getRowKey(row, it.index) : it.index}
                {...extra}
                ref={p.dynamicHeight ? v.measureElement : undefined}
                data-index={it.index}
                data-dynamic={p.dynamicHeight || undefined}
                className={extra?.className ? `${classes.row} ${extra.className}` : classes.row}
                role="row"
                aria-rowindex={it.index + 2}
                tabIndex={row ? 0 : -1}
                data-testid={row ? 'vt-row' : 'vt-row-loading'}
                style={{
                  gridTemplateColumns: template,
                  ...(p.dynamicHeight ? { minHeight: rowHeight } : { height: rowHeight }),
                  transform: `translateY(${it.start}px)`,
                }}
                onClick={row && p.onRowClick ? () => p.onRowClick!(row, it.index) : undefined}
                onKeyDown={
                  row && p.onRowClick
                    ? (e) => {
                        if (e.key === 'Enter') p.onRowClick!(row, it.index);
                      }
                    : undefined
                }
              >
                {p.columns.map((c) => (
                  <div key={c.key} className={classes.cell} role="cell" style={{ textAlign: c.align }}>
                    {row ? c.render(row, it.index) : <div className={classes.placeholder} style={{ width: '60%' }} />}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
