import { useState } from 'react';
import { Box, Group, List, Progress, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { IconArrowRight, IconDatabase, IconPlayerPlay, IconSchool, IconWand } from '@tabler/icons-react';
import { call } from '../api';
import { useAppState } from '../app/AppState';
import { go } from '../app/useHashRoute';
import { ErrorAlert } from '../components/ErrorAlert';
import { notifyOk } from '../lib/notify';
import classes from './FirstRun.module.css';

/** The first screen of an empty database: create a school with the wizard, or open the demo school. */
export function FirstRun() {
  const { info, refresh } = useAppState();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const openDemo = async () => {
    if (loading) return;
    setLoading(true);
    setError(null);
    try {
      const r = await call('app.loadDemo', { students: 1000, seed: 1 });
      notifyOk(`Учеников: ${r.students}, классов: ${r.classes}, сотрудников: ${r.staff}.`, 'Демонстрационная школа открыта');
      go('/');
      await refresh();
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  return (
    <div className={classes.page} data-testid="first-run">
      <Stack maw={960} w="100%" gap="xl">
        <Stack gap={6} align="center" ta="center">
          <ThemeIcon size={56} radius="md">
            <IconSchool size={34} stroke={1.5} />
          </ThemeIcon>
          <Title order={1} fz={32}>
            Школьный офис
          </Title>
          <Text c="dimmed" size="lg" maw={620}>
            Подготовка школы к учебному году: сведения об организации, календарь, звонки, предметы, сотрудники, классы, учебный план и
            контингент.
          </Text>
        </Stack>

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <UnstyledButton className={classes.card} onClick={() => go('/wizard/1')} data-testid="firstrun-create" disabled={loading}>
            <Group gap="sm">
              <ThemeIcon size={40} radius="md" variant="light">
                <IconWand size={24} stroke={1.6} />
              </ThemeIcon>
              <Title order={3} fz={20}>
                Создать новую школу
              </Title>
            </Group>
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

          <UnstyledButton className={classes.card} onClick={() => void openDemo()} data-testid="firstrun-demo" data-disabled={loading || undefined}>
            <Group gap="sm">
              <ThemeIcon size={40} radius="md" variant="light" color="teal">
                <IconPlayerPlay size={24} stroke={1.6} />
              </ThemeIcon>
              <Title order={3} fz={20}>
                Открыть демонстрационную школу
              </Title>
            </Group>
            <Text c="dimmed" size="sm">
              Вымышленная школа, заполненная целиком: 1000 учеников с родителями, 40 классов, около 70 сотрудников, звонки и учебный план. Чтобы
              посмотреть программу в работе или обучить сотрудников.
            </Text>
            <Text size="xs" c="dimmed">
              Данные вымышлены; совпадения с реальными людьми случайны.
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

        {error ? <ErrorAlert error={error} title="Демонстрационная школа не открыта" onClose={() => setError(null)} /> : null}

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
    </div>
  );
}
