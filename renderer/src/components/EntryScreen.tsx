import type { ReactNode } from 'react';
import { Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconSchool } from '@tabler/icons-react';
import classes from './EntryScreen.module.css';

/**
 * The page of the screens before work — the login, the one-time password change, the first run and
 * the demo school's passwords: centred on a light background. Shared by the auth and first-run features.
 */
export function EntryScreen({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div className={classes.page} data-testid={testId}>
      {children}
    </div>
  );
}

/** The program's sign and name above such a screen, with a line under it (the school, or what the program does). */
export function ProgramTitle({ large = false, children }: { large?: boolean; children?: ReactNode }) {
  return (
    <Stack gap={6} align="center" ta="center">
      <ThemeIcon size={large ? 56 : 52} radius="md">
        <IconSchool size={large ? 34 : 32} stroke={1.5} />
      </ThemeIcon>
      <Title order={1} fz={large ? 32 : 28}>
        Школьный офис
      </Title>
      {children}
    </Stack>
  );
}

/** The line under the title: what the program does (first run). */
export function ProgramTagline({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" size="lg" maw={620}>
      {children}
    </Text>
  );
}
