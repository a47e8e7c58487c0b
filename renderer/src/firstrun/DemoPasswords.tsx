import { Alert, Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconLogin2, IconPrinter } from '@tabler/icons-react';
import { useAppState } from '../app/AppState';
import { PasswordSheet, PrintedPasswords, type IssuedPassword } from '../auth/PasswordSheet';
import { EntryScreen } from '../components/EntryScreen';

/** After the demo school was created: its four users and their one-time passwords, shown once. */
export function DemoPasswords({ users, onDone }: { users: IssuedPassword[]; onDone: () => void }) {
  const { info } = useAppState();
  return (
    <EntryScreen testId="demo-passwords">
      <Stack maw={760} w="100%" gap="lg">
        <Group gap="md" wrap="nowrap" justify="center">
          <ThemeIcon size={48} radius="xl" color="teal" variant="light">
            <IconCircleCheck size={30} stroke={1.6} />
          </ThemeIcon>
          <div>
            <Title order={2} fz={24}>
              Демонстрационная школа открыта
            </Title>
            <Text c="dimmed">{info?.schoolName ?? ''} — созданы четыре пользователя.</Text>
          </div>
        </Group>
        <Paper p="xl" radius="md" shadow="sm">
          <PrintedPasswords rows={users} schoolName={info?.schoolName} />
          <Stack gap="md">
            <Alert color="orange" variant="light" icon={<IconAlertTriangle size={20} />} title="Запишите или распечатайте: пароли показываются один раз">
              Войдите под любым из пользователей. При первом входе программа попросит заменить одноразовый пароль своим.
            </Alert>
            <PasswordSheet rows={users} />
            <Group justify="space-between">
              <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()} data-testid="demo-print">
                Распечатать
              </Button>
              <Button leftSection={<IconLogin2 size={16} />} onClick={onDone} data-testid="demo-continue">
                Пароли записаны — перейти ко входу
              </Button>
            </Group>
          </Stack>
        </Paper>
      </Stack>
    </EntryScreen>
  );
}
