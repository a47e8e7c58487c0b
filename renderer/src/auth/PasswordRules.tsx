import { Group, Stack, Text } from '@mantine/core';
import { IconCircleCheckFilled, IconCircleDashed } from '@tabler/icons-react';
import { MAX } from '../lib/checks';

/** The core's rules for a password (auth/password.ts): at least 8 characters, letters and digits. */
export function passwordRules(password: string, repeat: string) {
  return [
    { key: 'length', label: 'не менее 8 символов', ok: password.length >= 8 },
    { key: 'mix', label: 'буквы и цифры', ok: /\p{L}/u.test(password) && /\d/.test(password) },
    { key: 'same', label: 'пароль повторён без ошибок', ok: password.length > 0 && password === repeat },
  ];
}

/** The rules as a live checklist under the password fields. */
export function PasswordRules({ password, repeat }: { password: string; repeat: string }) {
  return (
    <Stack gap={2} data-testid="password-rules">
      {passwordRules(password, repeat).map((r) => (
        <Group key={r.key} gap={6} wrap="nowrap" data-ok={r.ok || undefined}>
          {r.ok ? (
            <IconCircleCheckFilled size={15} color="var(--mantine-color-teal-6)" />
          ) : (
            <IconCircleDashed size={15} color="var(--mantine-color-gray-5)" />
          )}
          <Text size="xs" c={r.ok ? 'teal.8' : 'dimmed'}>
            {r.label}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** The first rule a password breaks, as the message the user sees; null when it is fine. */
export function passwordProblemOf(password: string, repeat: string): string | null {
  if (password.length < 8) return 'Пароль должен содержать не менее 8 символов';
  if (password.length > MAX.password) return `Пароль — не более ${MAX.password} символов`;
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return 'Пароль должен содержать буквы и цифры';
  if (password !== repeat) return 'Пароли не совпадают';
  return null;
}
