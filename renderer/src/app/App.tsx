import { Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { AppStateProvider, useAppState } from './AppState';
import { useHashRoute } from './useHashRoute';
import { Shell } from './Shell';
import { FirstRun } from '../firstrun/FirstRun';
import { errorMessage } from '../lib/errors';

export function App() {
  return (
    <AppStateProvider>
      <Root />
    </AppStateProvider>
  );
}

function Root() {
  const { info, loadError, refresh } = useAppState();
  const route = useHashRoute();
  if (!info && loadError) {
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
  if (!info) {
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
  if (!info.hasSchool && route.parts[0] !== 'wizard') return <FirstRun />;
  return <Shell route={route} />;
}
