import { useMemo, useState } from 'react';
import { Table, UnstyledButton, type TableThProps } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';

export interface SortState {
  key: string;
  desc: boolean;
}

const collator = new Intl.Collator('ru', { numeric: true, sensitivity: 'base' });

export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined || a === '') return 1;
  if (b === null || b === undefined || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** Client-side sorting of a short list by named accessors. */
export function useSort<T>(rows: T[], accessors: Record<string, (r: T) => unknown>, initial: SortState) {
  const [sort, setSort] = useState<SortState>(initial);
  const sorted = useMemo(() => {
    const get = accessors[sort.key];
    if (!get) return rows;
    const out = [...rows].sort((a, b) => compareValues(get(a), get(b)));
    return sort.desc ? out.reverse() : out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, sort]);
  const toggle = (key: string) => setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: false }));
  return { sorted, sort, toggle };
}

export function SortLabel({ label, active, desc, onClick, testId }: { label: React.ReactNode; active: boolean; desc: boolean; onClick: () => void; testId?: string }) {
  const Icon = active ? (desc ? IconChevronDown : IconChevronUp) : IconSelector;
  return (
    <UnstyledButton onClick={onClick} data-testid={testId} aria-sort={active ? (desc ? 'descending' : 'ascending') : 'none'} style={{ fontWeight: 600, fontSize: 'inherit' }}>
      {/* The label wraps between words in a narrow column; the icon stays beside its last line. */}
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
        <span>{label}</span>
        <Icon size={14} stroke={1.6} style={{ flexShrink: 0 }} color={active ? 'var(--mantine-primary-color-filled)' : 'var(--mantine-color-gray-5)'} />
      </span>
    </UnstyledButton>
  );
}

/** A sortable header cell of a Mantine Table. */
export function SortTh({ label, k, sort, onSort, ...rest }: { label: React.ReactNode; k: string; sort: SortState; onSort: (k: string) => void } & TableThProps) {
  return (
    <Table.Th {...rest}>
      <SortLabel label={label} active={sort.key === k} desc={sort.desc} onClick={() => onSort(k)} testId={`sort-${k}`} />
    </Table.Th>
  );
}
