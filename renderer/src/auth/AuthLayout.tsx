import type { ReactNode } from 'react';
import { Group, Paper, Stack, Text } from '@mantine/core';
import { IconDatabase } from '@tabler/icons-react';
import { useAppState } from '../app/AppState';
import { EntryScreen, ProgramTitle } from '../components/EntryScreen';

/** The frame of the screens before work: login, the one-time password change, the first run. */
export function AuthLayout({ children, width = 420, testId }: { children: ReactNode; width?: number; testId?: string }) {
  const { info } = useAppState();
  return (
    <EntryScreen testId={testId}>
      <Stack w="100%" maw={width} gap="lg">
        <ProgramTitle>
          {info?.schoolName ? (
            <Text size="lg" fw={500} c="gray.7" data-testid="auth-school">
              {info.schoolName}
            </Text>
          ) : null}
        </ProgramTitle>
        <Paper p="xl" shadow="sm" radius="md">
          {children}
        </Paper>
        {info ? (
          <Group justify="center" gap={6} wrap="nowrap">
            <IconDatabase size={14} stroke={1.6} color="var(--mantine-color-gray-6)" />
            <Text size="xs" c="dimmed" ff="monospace" truncate title={info.dbPath}>
              {info.dbPath}
            </Text>
          </Group>
        ) : null}
      </Stack>
    </EntryScreen>
  );
}
