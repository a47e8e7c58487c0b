import { useState } from 'react';
import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { call } from '../api';
import { useAction } from '../data/useAction';
import { ErrorAlert } from '../components/ErrorAlert';
import { fieldError, problemsOf } from '../lib/errors';
import { PasswordRules, passwordProblemOf } from './PasswordRules';
import type { SessionUser } from '../../../electron/api/types';

/**
 * The current password, the new one twice, the rules as a live checklist → auth.changePassword.
 * Used by the forced change after a one-time password and by «Сменить пароль» in the user menu.
 */
export function ChangePasswordForm({
  oneTime,
  submitLabel,
  onChanged,
  onCancel,
}: {
  oneTime?: boolean;
  submitLabel: string;
  onChanged: (user: SessionUser) => void | Promise<void>;
  onCancel?: () => void;
}) {
  const [oldPassword, setOld] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  // Busy after its success too, until the app shows the next screen.
  const [done, setDone] = useState(false);
  const changing = useAction((o: string, n: string) => call('auth.changePassword', { oldPassword: o, newPassword: n }), {
    invalidates: false,
    onSuccess: async (user) => {
      setDone(true);
      await onChanged(user);
    },
  });
  const busy = changing.busy || done;
  const error = changing.error;

  const submit = async () => {
    if (busy) return;
    const problem = !oldPassword ? 'Введите текущий пароль' : passwordProblemOf(password, repeat);
    setLocal(problem);
    if (problem) return;
    await changing.run(oldPassword, password);
  };

  const p = problemsOf(error);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        <PasswordInput
          label={oneTime ? 'Одноразовый пароль' : 'Текущий пароль'}
          description={oneTime ? 'Тот, что выдал администратор системы' : undefined}
          value={oldPassword}
          autoComplete="current-password"
          onChange={(e) => {
            setOld(e.currentTarget.value);
            setLocal(null);
          }}
          error={fieldError(p, 'Текущий пароль', 'oldPassword') ?? (local === 'Введите текущий пароль' ? local : undefined)}
          data-autofocus
          autoFocus
          data-testid="pw-old"
        />
        <PasswordInput
          label="Новый пароль"
          value={password}
          autoComplete="new-password"
          onChange={(e) => {
            setPassword(e.currentTarget.value);
            setLocal(null);
          }}
          error={fieldError(p, 'Новый пароль', 'newPassword') ?? (local && local !== 'Введите текущий пароль' && local !== 'Пароли не совпадают' ? local : undefined)}
          data-testid="pw-new"
        />
        <PasswordInput
          label="Новый пароль ещё раз"
          value={repeat}
          autoComplete="new-password"
          onChange={(e) => {
            setRepeat(e.currentTarget.value);
            setLocal(null);
          }}
          error={local === 'Пароли не совпадают' ? local : undefined}
          data-testid="pw-repeat"
        />
        <PasswordRules password={password} repeat={repeat} />
        {error && p.length === 0 ? <ErrorAlert error={error} title="Пароль не изменён" /> : null}
        <Group justify={onCancel ? 'flex-end' : 'stretch'} mt="xs" grow={!onCancel}>
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              Отмена
            </Button>
          ) : null}
          <Button type="submit" loading={busy} leftSection={<IconKey size={16} />} data-testid="pw-submit">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
