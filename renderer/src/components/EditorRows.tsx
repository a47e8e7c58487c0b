// Pieces of the tables (the editable ones of the setup: periods, holidays, lessons; the lists): a
// row's remove button, the line under a row that lists its problems, the row of an empty table.
import type { ReactNode } from 'react';
import { ActionIcon, Table, Text, type MantineSize, type MantineSpacing } from '@mantine/core';
import { LightTooltip } from './LightTooltip';
import { IconTrash } from '@tabler/icons-react';

export function RemoveRowButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <LightTooltip label={label}>
      <ActionIcon variant="subtle" color="gray" onClick={onClick} aria-label={label}>
        <IconTrash size={16} />
      </ActionIcon>
    </LightTooltip>
  );
}

/** The problems of the row above, across the table; nothing when there are none. */
export function RowProblems({ problems, colSpan }: { problems: readonly { message: string }[]; colSpan: number }) {
  if (!problems.length) return null;
  return (
    <Table.Tr bg="red.0">
      <Table.Td colSpan={colSpan} pt={0}>
        {problems.map((x, k) => (
          <Text key={k} size="xs" c="red.8" data-testid="row-error">
            {x.message}
          </Text>
        ))}
      </Table.Td>
    </Table.Tr>
  );
}

/** The one row of an empty table: what it would show, dimmed, across all its columns. */
export function EmptyRow({ colSpan, py = 'md', size = 'sm', children }: { colSpan: number; py?: MantineSpacing; size?: MantineSize; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>
        <Text c="dimmed" ta="center" py={py} size={size}>
          {children}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
