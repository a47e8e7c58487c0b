import { useRef, useState } from 'react';
import { Alert, Avatar, Button, Group, Paper, PasswordInput, Portal, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconLockOpen, IconLogout } from '@tabler/icons-react';
import { AppError, call } from '../api';
import { useAction } from '../data/useAction';
import { useAppState } from '../app/AppState';
import { errorMessage } from '../lib/errors';
import { ROLE_LABELS } from '../../../electron/api/roles';
import classes from './LockScreen.module.css';

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

/**
 * Over the app after inactivity (or Ctrl+L): the screen beneath stays as it was, unsaved input
 * included, and the personal data on it is hidden until the same user enters the password.
 */
export function LockScreen() {
  const { auth, signedIn, logout, signedOut } = useAppState();
  const [password, setPassword] = useState('');
  const unlocking = useAction((pw: string) => call('auth.unlock', { password: pw }), {
    invalidates: false,
    onSuccess: async (u) => {
      setPassword('');
      await signedIn(u);
    },
    onError: (e) => {
      // Too many wrong passwords locked the account and ended the session: the login screen says so.
      if (e instanceof AppError && e.code === 'forbidden') return signedOut(e.message);
      setPassword('');
      requestAnimationFrame(() => ref.current?.focus());
    },
  });
  const { busy, error, setError } = unlocking;
  const ref = useRef<HTMLInputElement>(null);
  const user = auth?.user;
  if (!user) return null;

  const submit = async () => {
    if (busy) return;
    if (!password) {
      setError(new AppError('validation', 'Введите пароль'));
      return;
    }
    await unlocking.run(password);
  };

  return (
    <Portal>
      <div className={classes.overlay} data-testid="lock-screen" role="dialog" aria-modal="true" aria-label="Программа заблокирована">
        <Paper p="xl" radius="md" shadow="xl" w={400}>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <Stack gap="md" align="stretch">
              <Group gap={8} c="gray.7">
                <IconLock size={18} stroke={1.8} />
                <Text size="sm" fw={600}>
                  Программа заблокирована
                </Text>
              </Group>
              <Group gap="md" wrap="nowrap">
                <Avatar size={52} radius="xl" color="indigo" variant="light">
                  {initials(user.displayName)}
                </Avatar>
                <div style={{ minWidth: 0 }}>
                  <Title order={4} fz={18} lineClamp={2} data-testid="lock-user">
                    {user.displayName}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {ROLE_LABELS[user.role]} · {user.login}
                  </Text>
                </div>
              </Group>
              <PasswordInput
                ref={ref}
                label="Пароль"
                value={password}
                autoComplete="current-password"
                autoFocus
                onChange={(e) => {
                  setPassword(e.currentTarget.value);
                  setError(null);
                }}
                data-testid="unlock-password"
              />
              {error ? (
                <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} py={8} data-testid="unlock-error">
                  {errorMessage(error)}
                </Alert>
              ) : null}
              <Button type="submit" loading={busy} leftSection={<IconLockOpen size={16} />} data-testid="unlock-submit">
                Разблокировать
              </Button>
              <Text size="xs" c="dimmed" ta="center">
                Другой сотрудник может войти под своей учётной записью после выхода. Несохранённые изменения на экране при выходе пропадут.
              </Text>
              <Button variant="subtle" color="gray" leftSection={<IconLogout size={16} />} onClick={() => void logout()} data-testid="lock-logout">
                Выйти
              </Button>
            </Stack>
          </form>
        </Paper>
      </div>
    </Portal>
  );
}
