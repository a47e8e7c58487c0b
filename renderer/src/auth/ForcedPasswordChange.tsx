import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useAppState } from '../app/AppState';
import { notifyOk } from '../lib/notify';
import { AuthLayout } from './AuthLayout';
import { ChangePasswordForm } from './ChangePasswordForm';

/** After a login with a one-time password: nothing else opens until the user has chosen their own. */
export function ForcedPasswordChange() {
  const { auth, signedIn, logout } = useAppState();
  const user = auth?.user;
  return (
    <AuthLayout testId="forced-password-change" width={460}>
      <Stack gap="md">
        <div>
          <Title order={3} fz={20}>
            Придумайте свой пароль
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            {user?.displayName ? `${user.displayName}, в` : 'В'}ы вошли с одноразовым паролем. Чтобы начать работу, замените его паролем,
            который знаете только вы.
          </Text>
        </div>
        <ChangePasswordForm
          oneTime
          submitLabel="Сменить пароль и продолжить"
          onChanged={async (u) => {
            notifyOk('Пароль изменён. Используйте его при следующем входе.');
            await signedIn(u);
          }}
        />
        <Group justify="center">
          <Anchor component="button" type="button" size="sm" c="dimmed" onClick={() => void logout()} data-testid="forced-logout">
            Выйти
          </Anchor>
        </Group>
      </Stack>
    </AuthLayout>
  );
}
