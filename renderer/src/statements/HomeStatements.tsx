// The home screen's line about the statements for parents without e-access (R12): when the next
// batch is due, or that it is late, with a link to the page.
import { Anchor, Group, Paper, Text, ThemeIcon } from '@mantine/core';
import { IconMailForward } from '@tabler/icons-react';
import { useOp } from '../data/useOp';
import { useAppState } from '../app/AppState';
import { dueText } from './due';

export function HomeStatements() {
  const { access } = useAppState();
  const sees = access('statements') !== 'none';
  const dueQ = useOp('statements.due', undefined, { enabled: sees });
  const d = dueQ.data;
  if (!sees || !d || !d.children) return null;
  return (
    <Paper p="md" data-testid="home-statements" data-overdue={d.overdue || undefined} style={d.overdue ? { borderColor: 'var(--mantine-color-red-3)' } : undefined}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" color={d.overdue ? 'red' : 'blue'} size={30} radius="md">
            <IconMailForward size={18} />
          </ThemeIcon>
          <Text size="sm" fw={600} c={d.overdue ? 'red.8' : undefined} data-testid="home-statements-text">
            {dueText(d)}
          </Text>
        </Group>
        <Anchor href="#/statements" size="sm" style={{ flexShrink: 0 }}>
          Выписки →
        </Anchor>
      </Group>
    </Paper>
  );
}
