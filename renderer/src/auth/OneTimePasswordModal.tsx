import { Alert, Button, Group, Modal, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconPrinter } from '@tabler/icons-react';
import { useAppState } from '../app/AppState';
import { ROLE_LABELS } from '../../../electron/api/roles';
import { PrintedPasswords, type IssuedPassword } from './PasswordSheet';

function Field({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="md" fw={500} data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}

/** The one-time password of a new user or after a reset: shown once, with a print button. */
export function OneTimePasswordModal({ issued, title, onClose }: { issued: IssuedPassword | null; title: string; onClose: () => void }) {
  const { info } = useAppState();
  return (
    <Modal opened={issued !== null} onClose={onClose} title={title} size="lg" closeOnClickOutside={false} data-testid="otp-modal">
      {issued ? (
        <Stack gap="md" data-testid="otp-content">
          <PrintedPasswords rows={[issued]} schoolName={info?.schoolName} />
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="Пароль показывается один раз">
            Запишите или распечатайте его и передайте сотруднику лично. При первом входе программа попросит заменить его своим паролем.
          </Alert>
          <Paper p="lg" withBorder>
            <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
              <Field label="ФИО">{issued.displayName}</Field>
              <Field label="Роль">{ROLE_LABELS[issued.role]}</Field>
              <Field label="Логин" testId="otp-login">
                <Text span ff="monospace" fw={700} fz={20}>
                  {issued.login}
                </Text>
              </Field>
              <Field label="Одноразовый пароль" testId="otp-password">
                <Text span ff="monospace" fw={700} fz={24} style={{ letterSpacing: 2 }} data-testid="issued-password-value">
                  {issued.password}
                </Text>
              </Field>
            </SimpleGrid>
          </Paper>
          <Text size="xs" c="dimmed">
            Если пароль потерян, выдайте новый: «Сбросить пароль» в меню пользователя в списке.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()} data-testid="otp-print">
              Распечатать
            </Button>
            <Button onClick={onClose} data-testid="otp-done">
              Пароль записан
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
