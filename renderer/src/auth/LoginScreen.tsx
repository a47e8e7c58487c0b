import { useRef, useState } from 'react';
import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle, IconLock, IconLogin2, IconUser } from '@tabler/icons-react';
import { AppError, call } from '../api';
import { useAction } from '../data/useAction';
import { useAppState } from '../app/AppState';
import { errorMessage } from '../lib/errors';
import { AuthLayout } from './AuthLayout';

/** Вход: login and password; the core's refusals (wrong password, lockout, disabled account) as they come. */
export function LoginScreen({ initialLogin = '' }: { initialLogin?: string }) {
  const { signedIn, signedOutReason } = useAppState();
  const [login, setLogin] = useState(initialLogin);
  const [password, setPassword] = useState('');
  // The login stays busy after its success, until the app shows the user's screen.
  const [done, setDone] = useState(false);
  const logging = useAction((l: string, pw: string) => call('auth.login', { login: l, password: pw }), {
    invalidates: false,
    onSuccess: async (user) => {
      setDone(true);
      await signedIn(user);
    },
    onError: () => {
      setPassword('');
      requestAnimationFrame(() => passwordRef.current?.focus());
    },
  });
  const busy = logging.busy || done;
  const error = logging.error;
  const [missing, setMissing] = useState<'login' | 'password' | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const loginRef = useRef<HTMLInputElement>(null);

  const submit = async () => {
    if (busy) return;
    if (!login.trim()) {
      setMissing('login');
      loginRef.current?.focus();
      return;
    }
    if (!password) {
      setMissing('password');
      passwordRef.current?.focus();
      return;
    }
    await logging.run(login.trim(), password);
  };

  const blocked = error instanceof AppError && error.code === 'forbidden';
  return (
    <AuthLayout testId="login-screen">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <div>
            <Title order={3} fz={20}>
              Вход в программу
            </Title>
            <Text size="sm" c="dimmed">
              Войдите под своей учётной записью
            </Text>
          </div>
          {signedOutReason && !error ? (
            <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} data-testid="login-info">
              {signedOutReason}
            </Alert>
          ) : null}
          <TextInput
            ref={loginRef}
            label="Логин"
            leftSection={<IconUser size={16} stroke={1.6} />}
            value={login}
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
            onChange={(e) => {
              setLogin(e.currentTarget.value);
              setMissing(null);
            }}
            error={missing === 'login' ? 'Введите логин' : undefined}
            data-autofocus
            autoFocus={!initialLogin}
            data-testid="login-login"
          />
          <PasswordInput
            ref={passwordRef}
            label="Пароль"
            leftSection={<IconLock size={16} stroke={1.6} />}
            value={password}
            autoComplete="current-password"
            autoFocus={!!initialLogin}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              setMissing(null);
            }}
            error={missing === 'password' ? 'Введите пароль' : undefined}
            data-testid="login-password"
          />
          {error ? (
            <Alert color={blocked ? 'orange' : 'red'} variant="light" icon={<IconAlertTriangle size={18} />} data-testid="login-error">
              {errorMessage(error)}
            </Alert>
          ) : null}
          <Button type="submit" size="md" loading={busy} leftSection={<IconLogin2 size={18} />} data-testid="login-submit">
            Войти
          </Button>
          <Text size="xs" c="dimmed">
            Забыли пароль? Администратор системы выдаст новый одноразовый пароль в разделе «Пользователи».
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
