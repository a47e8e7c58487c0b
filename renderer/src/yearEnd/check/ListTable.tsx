// A short sortable list of the year-end check (one section of a class's detail).
import type { ReactNode } from 'react';
import { Table, Text } from '@mantine/core';
import { SortTh, useSort } from '../../components/sort';

export interface Column<T> {
  key: string;
  label: string;
  get: (r: T) => string | number | null;
  render?: (r: T) => ReactNode;
  width?: number;
}

export function ListTable<T>({ rows, columns, rowKey, testId, empty }: { rows: T[]; columns: Column<T>[]; rowKey: (r: T, i: number) => string; testId: string; empty: string }) {
  const { sorted, sort, toggle } = useSort(rows, Object.fromEntries(columns.map((c) => [c.key, c.get])), { key: columns[0]!.key, desc: false });
  if (!rows.length)
    return (
      <Text size="sm" c="dimmed" px="sm" pb="xs" data-testid={`${testId}-empty`}>
        {empty}
      </Text>
    );
  return (
    <Table verticalSpacing={3} horizontalSpacing="sm" striped data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((c) => (
            <SortTh key={c.key} label={c.label} k={c.key} sort={sort} onSort={toggle} w={c.width} />
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sorted.map((r, i) => (
          <Table.Tr key={rowKey(r, i)} data-testid={`${testId}-row`}>
            {columns.map((c) => (
              <Table.Td key={c.key}>{c.render ? c.render(r) : (c.get(r) ?? '—')}</Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
