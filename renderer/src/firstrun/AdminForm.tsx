import { useState } from 'react';
import { Button, PasswordInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { IconUserShield } from '@tabler/icons-react';
import { call } from '../api';
import { useAction } from '../data/useAction';
import { ErrorAlert } from '../components/ErrorAlert';
import { MAX, tooLong } from '../lib/checks';
import { fieldError, problemsOf } from '../lib/errors';
import { PasswordRules, passwordProblemOf } from '../auth/PasswordRules';
import type { SessionUser } from '../../../electron/api/types';

/** The first account: the system administrator, created by whoever installs the program. */
export function AdminForm({ submitLabel, onCreated }: { submitLabel: string; onCreated: (user: SessionUser) => void | Promise<void> }) {
  const [displayName, setName] = useState('');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  // Busy after its success too, until the app shows the next screen.
  const [done, setDone] = useState(false);
  const creating = useAction((input: { displayName: string; login: string; password: string }) => call('auth.setupAdmin', input), {
    invalidates: false,
    onSuccess: async (user) => {
      setDone(true);
      await onCreated(user);
    },
  });
  const busy = creating.busy || done;
  const error = creating.error;

  // Too long is named while typing (nothing typed or pasted is cut off).
  const long = { name: tooLong(displayName, MAX.personName, 'ФИО'), login: tooLong(login, 40, 'Логин') };
  const submit = async () => {
    if (busy) return;
    const l: Record<string, string> = {};
    if (!displayName.trim()) l.name = 'Укажите ФИО';
    else if (long.name) l.name = long.name;
    if (!login.trim()) l.login = 'Придумайте логин';
    else if (long.login) l.login = long.login;
    const pw = passwordProblemOf(password, repeat);
    if (pw === 'Пароли не совпадают') l.repeat = pw;
    else if (pw) l.password = pw;
    setLocal(l);
    if (Object.keys(l).length) return;
    await creating.run({ displayName: displayName.trim(), login: login.trim(), password });
  };
  const p = problemsOf(error);
  const clear = (...keys: string[]) => setLocal((l) => Object.fromEntries(Object.entries(l).filter(([k]) => !keys.includes(k))));
  const known = fieldError(p, 'displayName', 'ФИО') ?? fieldError(p, 'login', 'Логин') ?? fieldError(p, 'password', 'Пароль');

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      data-testid="admin-form"
    >
      <Stack gap="sm">
        <TextInput
          label="ФИО"
          placeholder="Фамилия Имя Отчество"
          value={displayName}
          onChange={(e) => {
            setName(e.currentTarget.value);
            clear('name');
          }}
          error={long.name ?? local.name ?? fieldError(p, 'displayName', 'ФИО')}
          autoComplete="name"
          data-testid="admin-name"
        />
        <TextInput
          label="Логин"
          description="От 3 символов: латинские буквы, цифры, точка, дефис, подчёркивание"
          placeholder="например, ivanov"
          value={login}
          onChange={(e) => {
            setLogin(e.currentTarget.value);
            clear('login');
          }}
          error={long.login ?? local.login ?? fieldError(p, 'login', 'Логин')}
          autoComplete="username"
          autoCapitalize="off"
          spellCheck={false}
          data-testid="admin-login"
        />
        <SimpleGrid cols={2} spacing="sm">
          <PasswordInput
            label="Пароль"
            value={password}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              clear('password', 'repeat');
            }}
            error={local.password ?? fieldError(p, 'password', 'Пароль')}
            autoComplete="new-password"
            data-testid="admin-password"
          />
          <PasswordInput
            label="Пароль ещё раз"
            value={repeat}
            onChange={(e) => {
              setRepeat(e.currentTarget.value);
              clear('repeat');
            }}
            error={local.repeat}
            autoComplete="new-password"
            data-testid="admin-repeat"
          />
        </SimpleGrid>
        <PasswordRules password={password} repeat={repeat} />
        {error && !known ? <ErrorAlert error={error} title="Администратор не создан" /> : null}
        <Button type="submit" mt={4} loading={busy} leftSection={<IconUserShield size={16} />} data-testid="admin-submit">
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
