import { createContext, useContext, type ReactNode } from 'react';
import { Button, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useAppState } from './AppState';
import { AREA_LABELS, ROLE_LABELS, type Area } from '../../../electron/api/roles';

const ReadOnly = createContext(false);

/** True inside a screen the user may only view: add, edit and delete are hidden or disabled. */
export function useReadOnly(): boolean {
  return useContext(ReadOnly);
}

/**
 * A screen of one area: «Нет доступа» for a role without access, read-only for 'view'.
 * The core refuses the same calls; this only spares the user buttons that cannot work.
 */
export function AreaGate({ area, children }: { area: Area; children: ReactNode }) {
  const { access, user } = useAppState();
  const a = access(area);
  if (a === 'none') return <NoAccess title={`Раздел «${AREA_LABELS[area]}» недоступен`} role={user ? ROLE_LABELS[user.role] : ''} />;
  return <ReadOnly.Provider value={a === 'view'}>{children}</ReadOnly.Provider>;
}

/** Marks its content read-only regardless of the area (e.g. a list shown inside another screen). */
export function ReadOnlyScope({ readOnly, children }: { readOnly: boolean; children: ReactNode }) {
  return <ReadOnly.Provider value={readOnly}>{children}</ReadOnly.Provider>;
}

export function NoAccess({ title, role }: { title: string; role: string }) {
  return (
    <Stack align="flex-start" gap="sm" data-testid="no-access">
      <ThemeIcon size={44} radius="md" variant="light" color="gray">
        <IconLock size={24} stroke={1.6} />
      </ThemeIcon>
      <Title order={3}>{title}</Title>
      <Text c="dimmed">
        {role ? `Для роли «${role}» этот раздел закрыт. ` : ''}Если он нужен вам для работы, обратитесь к администратору системы.
      </Text>
      <Button component="a" href="#/" variant="default">
        На главную
      </Button>
    </Stack>
  );
}

/**
 * A form's fields, disabled as a whole in a read-only screen (a native fieldset: every input and
 * button inside). Keep buttons that must work (Закрыть) outside.
 */
export function ReadOnlyFieldset({ children, readOnly }: { children: ReactNode; readOnly?: boolean }) {
  const ro = useReadOnly();
  const disabled = readOnly ?? ro;
  return (
    <fieldset className="plain-fieldset" disabled={disabled} data-readonly={disabled || undefined}>
      {children}
    </fieldset>
  );
}
