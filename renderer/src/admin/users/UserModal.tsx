import { useEffect, useState } from 'react';
import { Button, Chip, Group, Input, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useGuardedClose } from '../../app/unsaved';
import { focusFirstError } from '../../components/focusError';
import { hasErrors, MAX, tooLong, type FieldErrors } from '../../lib/checks';

/** The core's limit of a login (the contract's `login` schema). */
import { fieldError, problemsOf } from '../../lib/errors';
import { GRADES } from '../../lib/labels';
import { APP_ROLE_OPTIONS, ROLE_HINTS } from '../roles';
import type { AppRole, AppUser, UserSaved } from '../../../../electron/api/types';

/** A user's card: ФИО, login, role and, for a deputy, the parallels they are responsible for. */
export function UserModal({ user, opened, onClose, onSaved }: { user: AppUser | null; opened: boolean; onClose: () => void; onSaved: (r: UserSaved) => void }) {
  const [displayName, setName] = useState('');
  const [login, setLogin] = useState('');
  const [role, setRole] = useState<AppRole | null>(null);
  const [grades, setGrades] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setName(user?.displayName ?? '');
    setLogin(user?.login ?? '');
    setRole(user?.role ?? null);
    setGrades((user?.deputyGrades ?? []).map(String));
    setError(null);
    setLocal({});
  }, [opened, user]);

  // Too long is named while typing; empty fields on «Сохранить».
  const long: FieldErrors = { name: tooLong(displayName, MAX.personName, 'ФИО'), login: tooLong(login, MAX.login, 'Логин') };
  const submit = async (): Promise<boolean> => {
    const l: Record<string, string> = {};
    if (!displayName.trim()) l.name = 'Укажите ФИО';
    if (!login.trim()) l.login = 'Укажите логин';
    if (!role) l.role = 'Выберите роль';
    setLocal(l);
    if (Object.keys(l).length || hasErrors(long) || !role) return focusFirstError(document.querySelector('[data-testid="user-modal"]'));
    setBusy(true);
    try {
      const r = await call('users.save', {
        id: user?.id ?? null,
        displayName: displayName.trim(),
        login: login.trim(),
        role,
        deputyGrades: role === 'deputy' ? grades.map(Number).sort((a, b) => a - b) : [],
      });
      onSaved(r);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const dirty =
    displayName !== (user?.displayName ?? '') ||
    login !== (user?.login ?? '') ||
    role !== (user?.role ?? null) ||
    grades.join() !== (user?.deputyGrades ?? []).map(String).join();
  const close = useGuardedClose({ opened, dirty, onClose, save: submit });
  const p = problemsOf(error);
  const known = fieldError(p, 'displayName', 'ФИО') ?? fieldError(p, 'login', 'Логин');

  return (
    <Modal opened={opened} onClose={close} title={user ? user.displayName : 'Новый пользователь'} size="lg" data-testid="user-modal">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="ФИО"
            withAsterisk
            placeholder="Фамилия Имя Отчество"
            value={displayName}
            onChange={(e) => setName(e.currentTarget.value)}
            error={long.name ?? local.name ?? fieldError(p, 'displayName', 'ФИО')}
            data-autofocus
            data-testid="user-name-input"
          />
          <TextInput
            label="Логин"
            withAsterisk
            description="От 3 символов: латинские буквы, цифры, точка, дефис, подчёркивание"
            placeholder="например, petrova"
            value={login}
            onChange={(e) => setLogin(e.currentTarget.value)}
            error={long.login ?? local.login ?? fieldError(p, 'login', 'Логин')}
            autoCapitalize="off"
            spellCheck={false}
            data-testid="user-login-input"
          />
          <Select
            label="Роль"
            withAsterisk
            placeholder="Выберите роль"
            data={APP_ROLE_OPTIONS}
            value={role}
            onChange={(v) => setRole(v as AppRole | null)}
            description={role ? ROLE_HINTS[role] : 'Роль определяет, какие разделы пользователь видит и может изменять'}
            error={local.role}
            data-testid="user-role-input"
          />
          {role === 'deputy' ? (
            <Input.Wrapper label="Параллели" description="Классы, за которые отвечает заместитель директора">
              <Chip.Group multiple value={grades} onChange={setGrades}>
                <Group gap={6} mt={6} data-testid="user-grades">
                  {GRADES.map((g) => (
                    <Chip key={g} value={String(g)} size="sm" variant="outline">
                      {g}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            </Input.Wrapper>
          ) : null}
          {!user ? (
            <Text size="sm" c="dimmed">
              После сохранения программа покажет одноразовый пароль: передайте его сотруднику, при первом входе он заменит его своим.
            </Text>
          ) : null}
          {error && !known ? <ErrorAlert error={error} /> : null}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              Отмена
            </Button>
            <Button type="submit" loading={busy} leftSection={<IconDeviceFloppy size={16} />} data-testid="user-save">
              {user ? 'Сохранить' : 'Создать и выдать пароль'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
