import { useState } from 'react';
import { Alert, Box, Button, Group, List, Progress, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { IconArrowRight, IconCloudDownload, IconDatabase, IconInfoCircle, IconLogout, IconPlayerPlay, IconWand } from '@tabler/icons-react';
import { call } from '../api';
import { useAction } from '../data/useAction';
import { useAppState } from '../app/AppState';
import { go } from '../app/useHashRoute';
import { ErrorAlert } from '../components/ErrorAlert';
import type { IssuedPassword } from '../auth/PasswordSheet';
import { AdminForm } from './AdminForm';
import { EntryScreen, ProgramTagline, ProgramTitle } from '../components/EntryScreen';
import classes from './FirstRun.module.css';

function Frame({ children, testId = 'first-run' }: { children: React.ReactNode; testId?: string }) {
  const { info } = useAppState();
  return (
    <EntryScreen testId={testId}>
      <Stack maw={1000} w="100%" gap="xl">
        <ProgramTitle large>
          <ProgramTagline>
            Подготовка школы к учебному году: сведения об организации, календарь, звонки, предметы, сотрудники, классы, учебный план и
            контингент.
          </ProgramTagline>
        </ProgramTitle>
        {children}
        <Group justify="center" gap={6}>
          <IconDatabase size={16} stroke={1.6} color="var(--mantine-color-gray-6)" />
          <Text size="sm" c="dimmed">
            Файл базы данных:
          </Text>
          <Text size="sm" ff="monospace" data-testid="firstrun-db">
            {info?.dbPath}
          </Text>
        </Group>
      </Stack>
    </EntryScreen>
  );
}

function CardTitle({ icon, color, children }: { icon: React.ReactNode; color?: string; children: React.ReactNode }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <ThemeIcon size={40} radius="md" variant="light" color={color}>
        {icon}
      </ThemeIcon>
      <Title order={3} fz={20}>
        {children}
      </Title>
    </Group>
  );
}

/**
 * The first screen of a database without users: a new school starts with the system
 * administrator's account (then the wizard); the demo school — only possible in an empty
 * database — creates its own four users with one-time passwords.
 */
export function FirstRun({ onDemoLoaded }: { onDemoLoaded: (users: IssuedPassword[]) => void }) {
  const { info, auth, signedIn } = useAppState();
  // Busy after its success too, until the app shows the demo's passwords.
  const [done, setDone] = useState(false);
  const demo = useAction(() => call('app.loadDemo', { students: 1000, seed: 1 }), {
    onSuccess: (r) => {
      setDone(true);
      onDemoLoaded(r.users);
    },
  });
  const loading = demo.busy || done;
  const error = demo.error;

  // Users exist: a logged-in user whose database has no school yet.
  if (auth?.hasUsers) return <NoSchoolYet />;

  const openDemo = async () => {
    if (loading) return;
    await demo.run();
  };

  const adminCard = (
    <Box className={`${classes.card} ${classes.cardStatic}`} data-testid="firstrun-create">
      <CardTitle icon={<IconWand size={24} stroke={1.6} />}>{info?.hasSchool ? 'Администратор системы' : 'Создать новую школу'}</CardTitle>
      <Text c="dimmed" size="sm">
        {info?.hasSchool
          ? 'В этой базе есть школа, но нет ни одной учётной записи. Создайте учётную запись администратора системы — он заведёт остальных пользователей.'
          : 'Сначала — учётная запись администратора системы: он настраивает школу, заводит пользователей и отвечает за резервные копии. Затем мастер проведёт по шагам настройки.'}
      </Text>
      <AdminForm
        submitLabel={info?.hasSchool ? 'Создать администратора и войти' : 'Создать администратора и начать настройку'}
        onCreated={async (user) => {
          if (!info?.hasSchool) go('/wizard/1');
          await signedIn(user);
        }}
      />
    </Box>
  );

  if (info?.hasSchool) return <Frame>{<Box maw={520} mx="auto" w="100%">{adminCard}</Box>}</Frame>;

  return (
    <Frame>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        {adminCard}
        <UnstyledButton className={classes.card} onClick={() => void openDemo()} data-testid="firstrun-demo" data-disabled={loading || undefined}>
          <CardTitle icon={<IconPlayerPlay size={24} stroke={1.6} />} color="teal">
            Открыть демонстрационную школу
          </CardTitle>
          <Text c="dimmed" size="sm">
            Вымышленная школа, заполненная целиком: 1000 учеников с родителями, 40 классов, около 70 сотрудников, звонки и учебный план. Чтобы
            посмотреть программу в работе или обучить сотрудников.
          </Text>
          <List size="sm" spacing={2} c="gray.7">
            <List.Item>четыре пользователя: администратор, секретарь, заместитель директора и директор;</List.Item>
            <List.Item>их одноразовые пароли будут показаны один раз — запишите или распечатайте их.</List.Item>
          </List>
          <Text size="xs" c="dimmed">
            Данные вымышлены; совпадения с реальными людьми случайны. Демонстрационная школа открывается только в пустой базе данных.
          </Text>
          <Box mt="auto">
            {loading ? (
              <Stack gap={6} data-testid="demo-progress">
                <Text size="sm" fw={500}>
                  Создаём демонстрационную школу…
                </Text>
                <Progress value={100} animated striped color="teal" size="md" />
              </Stack>
            ) : (
              <Group gap={6} c="teal.8">
                <Text fw={600} size="sm">
                  Открыть демо
                </Text>
                <IconArrowRight size={16} />
              </Group>
            )}
          </Box>
        </UnstyledButton>
      </SimpleGrid>
      {error ? <ErrorAlert error={error} title="Демонстрационная школа не открыта" onClose={() => demo.setError(null)} /> : null}
    </Frame>
  );
}

/** Logged in, but the database has no school yet: the administrator starts the wizard, others wait. */
function NoSchoolYet() {
  const { access, logout } = useAppState();
  const canSetUp = access('setup') === 'change';
  const canConnect = access('sync') === 'change';
  return (
    <Frame>
      <SimpleGrid cols={canSetUp && canConnect ? 2 : 1} spacing="lg" maw={canSetUp && canConnect ? undefined : 560} mx="auto" w="100%">
        {canSetUp ? (
          <UnstyledButton className={classes.card} onClick={() => go('/wizard/1')} data-testid="firstrun-wizard" w="100%">
            <CardTitle icon={<IconWand size={24} stroke={1.6} />}>Создать школу</CardTitle>
            <Text c="dimmed" size="sm">
              Мастер настройки проведёт по шагам в том порядке, в каком школу готовят к году:
            </Text>
            <List size="sm" spacing={2} c="gray.7">
              <List.Item>сведения о школе, учебный год и периоды, звонки;</List.Item>
              <List.Item>предметы, сотрудники, классы и классные руководители;</List.Item>
              <List.Item>учебный план и загрузка учеников из Excel.</List.Item>
            </List>
            <Group gap={6} mt="auto" c="indigo.7">
              <Text fw={600} size="sm">
                Начать настройку
              </Text>
              <IconArrowRight size={16} />
            </Group>
          </UnstyledButton>
        ) : (
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} title="Школа ещё не настроена">
            <Text size="sm">Сведения о школе вносит администратор системы. Обратитесь к нему и войдите позже.</Text>
            <Button mt="sm" variant="default" leftSection={<IconLogout size={16} />} onClick={() => void logout()}>
              Выйти
            </Button>
          </Alert>
        )}
        {canConnect ? (
          // The school is already in the central system (another office computer sent it): it comes with the first sync.
          <UnstyledButton className={classes.card} onClick={() => go('/sync')} data-testid="firstrun-sync" w="100%">
            <CardTitle icon={<IconCloudDownload size={24} stroke={1.6} />} color="teal">
              Получить школу из центральной системы
            </CardTitle>
            <Text c="dimmed" size="sm">
              Если школа уже есть в центральной системе (её данные отправил другой компьютер школы), подключите программу: сведения о школе,
              сотрудники, классы, ученики и электронный журнал придут при первой синхронизации.
            </Text>
            <Text size="sm" c="gray.7">
              Нужны адрес центральной системы и одноразовый код подключения.
            </Text>
            <Group gap={6} mt="auto" c="teal.8">
              <Text fw={600} size="sm">
                Подключить
              </Text>
              <IconArrowRight size={16} />
            </Group>
          </UnstyledButton>
        ) : null}
      </SimpleGrid>
    </Frame>
  );
}
