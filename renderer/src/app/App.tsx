import { useState } from 'react';
import { Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { AppStateProvider, useAppState } from './AppState';
import { useHashRoute } from './useHashRoute';
import { Shell } from './Shell';
import { FirstRun } from '../firstrun/FirstRun';
import { DemoPasswords } from '../firstrun/DemoPasswords';
import { LoginScreen } from '../auth/LoginScreen';
import { ForcedPasswordChange } from '../auth/ForcedPasswordChange';
import { LockScreen } from '../auth/LockScreen';
import { useAutoLock } from '../auth/useAutoLock';
import type { IssuedPassword } from '../auth/PasswordSheet';
import { errorMessage } from '../lib/errors';
import { UnsavedDialog } from './unsaved';

export function App() {
  return (
    <AppStateProvider>
      <Root />
      <UnsavedDialog />
    </AppStateProvider>
  );
}

function Root() {
  const { info, auth, loadError, refresh, lock } = useAppState();
  const route = useHashRoute();
  const [demoUsers, setDemoUsers] = useState<IssuedPassword[] | null>(null);
  const [loginHint, setLoginHint] = useState('');
  const signedIn = !!auth?.user;

  useAutoLock({ enabled: signedIn && !auth?.locked, minutes: auth?.autoLockMinutes ?? 15, onIdle: () => void lock() });
  useHotkeys([['mod+L', () => signedIn && !auth?.locked && void lock()]], []);

  if ((!info || !auth) && loadError) {
    return (
      <Center h="100%">
        <Stack align="center" gap="sm" maw={520} ta="center">
          <IconPlugConnectedX size={48} stroke={1.3} color="var(--mantine-color-red-6)" />
          <Title order={3}>Не удалось открыть программу</Title>
          <Text c="dimmed">{errorMessage(loadError)}</Text>
          <Button variant="default" onClick={() => void refresh()}>
            Повторить
          </Button>
        </Stack>
      </Center>
    );
  }
  if (!info || !auth) {
    return (
      <Center h="100%">
        <Stack align="center" gap="xs">
          <Loader />
          <Text c="dimmed" size="sm">
            Открываем базу данных…
          </Text>
        </Stack>
      </Center>
    );
  }
  if (demoUsers)
    return (
      <DemoPasswords
        users={demoUsers}
        onDone={() => {
          setLoginHint(demoUsers[0]?.login ?? '');
          setDemoUsers(null);
        }}
      />
    );
  if (!auth.hasUsers)
    return (
      <FirstRun
        onDemoLoaded={(users) => {
          setDemoUsers(users);
          void refresh();
        }}
      />
    );
  if (!auth.user) return <LoginScreen initialLogin={loginHint} />;

  let screen;
  if (auth.user.mustChangePassword) screen = <ForcedPasswordChange />;
  // No school yet: the wizard builds one, «Синхронизация» brings it from the central system (issue 10).
  else if (!info.hasSchool && route.parts[0] !== 'wizard' && route.parts[0] !== 'sync') screen = <FirstRun onDemoLoaded={setDemoUsers} />;
  else screen = <Shell route={route} />;
  return (
    <>
      {screen}
      {auth.locked ? <LockScreen /> : null}
    </>
  );
}
