// Pieces of the editable tables of the setup (periods, holidays, lessons): a row's remove button,
// and the line under a row that lists its problems.
import { ActionIcon, Table, Text } from '@mantine/core';
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
