import type { ReactNode } from 'react';
import { Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconDatabase, IconSchool } from '@tabler/icons-react';
import { useAppState } from '../app/AppState';
import classes from '../firstrun/FirstRun.module.css';

/** The frame of the screens before work: login, the one-time password change, the first run. */
export function AuthLayout({ children, width = 420, testId }: { children: ReactNode; width?: number; testId?: string }) {
  const { info } = useAppState();
  return (
    <div className={classes.page} data-testid={testId}>
      <Stack w="100%" maw={width} gap="lg">
        <Stack gap={6} align="center" ta="center">
          <ThemeIcon size={52} radius="md">
            <IconSchool size={32} stroke={1.5} />
          </ThemeIcon>
          <Title order={1} fz={28}>
            Школьный офис
          </Title>
          {info?.schoolName ? (
            <Text size="lg" fw={500} c="gray.7" data-testid="auth-school">
              {info.schoolName}
            </Text>
          ) : null}
        </Stack>
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
    </div>
  );
}
