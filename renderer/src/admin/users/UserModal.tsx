import { useEffect, useMemo, useState } from 'react';
import { Alert, Anchor, Button, Chip, Group, Input, Loader, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconDeviceFloppy, IconInfoCircle } from '@tabler/icons-react';
import { call } from '../../api';
import { useOp } from '../../data/useOp';
import { useAction } from '../../data/useAction';
import type { OpInput } from '../../../../electron/api/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useGuardedClose } from '../../app/unsaved';
import { focusFirstError } from '../../components/focusError';
import { hasErrors, MAX, tooLong, type FieldErrors } from '../../lib/checks';

/** The core's limit of a login (the contract's `login` schema). */
import { fieldError, problemsOf } from '../../lib/errors';
import { GRADES, ROLE_LABELS as DUTY_LABELS } from '../../lib/labels';
import { APP_ROLE_OPTIONS, ROLE_HINTS } from '../roles';
import type { AppRole, AppUser, Staff, UserSaved } from '../../../../electron/api/types';

/** The role a new account of this person most likely has: their first duty that is a program role. */
function suggestedRole(s: Staff | undefined): AppRole | null {
  for (const r of ['sysadmin', 'director', 'deputy', 'secretary'] as const) if (s?.roles.includes(r)) return r;
  return null;
}

/**
 * An account of a staff member: the person (the name comes from their card), the login, the role
 * (it becomes one of the card's duties) and, for a deputy, the parallels (kept on the card).
 */
export function UserModal({
  user,
  forStaff,
  opened,
  onClose,
  onSaved,
}: {
  user: AppUser | null;
  /** A new account for this staff member (from the staff card's «Создать учётную запись»). */
  forStaff?: string;
  opened: boolean;
  onClose: () => void;
  onSaved: (r: UserSaved) => void;
}) {
  const staffQ = useOp('staff.list', {}, { enabled: opened });
  const staff: Staff[] | null = staffQ.data ?? null;
  const [staffId, setStaffId] = useState<string | null>(null);
  const [login, setLogin] = useState('');
  const [role, setRole] = useState<AppRole | null>(null);
  const [grades, setGrades] = useState<string[]>([]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const saving = useAction((input: OpInput<'users.save'>) => call('users.save', input), { onSuccess: (r) => onSaved(r) });
  const { busy, setError } = saving;
  const error = saving.error ?? staffQ.error;

  useEffect(() => {
    if (!opened) return;
    setStaffId(user?.staffId ?? forStaff ?? null);
    setLogin(user?.login ?? '');
    setRole(user?.role ?? null);
    setGrades((user?.deputyGrades ?? []).map(String));
    setError(null);
    setLocal({});
  }, [opened, user, forStaff]);

  const person = staff?.find((s) => s.id === staffId);
  // A new account for a preselected person: the role and parallels from the card.
  useEffect(() => {
    if (!user && person && role === null) {
      setRole(suggestedRole(person));
      setGrades(person.deputyGrades.map(String));
    }
  }, [user, person, role]);

  const options = useMemo(
    () =>
      (staff ?? [])
        .filter((s) => !s.account || s.account.id === user?.id)
        .map((s) => ({ value: s.id, label: `${s.fullName} — ${s.position}` })),
    [staff, user],
  );

  const pick = (id: string | null) => {
    setStaffId(id);
    setLocal((l) => ({ ...l, staff: '' }));
    const s = staff?.find((x) => x.id === id);
    if (!user && s) {
      setRole(suggestedRole(s));
      setGrades(s.deputyGrades.map(String));
    } else if (s && role === 'deputy') setGrades(s.deputyGrades.map(String));
  };

  // Too long is named while typing; empty fields on «Сохранить».
  const long: FieldErrors = { login: tooLong(login, MAX.login, 'Логин') };
  const submit = async (): Promise<boolean> => {
    const l: Record<string, string> = {};
    if (!staffId) l.staff = 'Выберите сотрудника';
    if (!login.trim()) l.login = 'Укажите логин';
    if (!role) l.role = 'Выберите роль';
    setLocal(l);
    if (Object.values(l).some(Boolean) || hasErrors(long) || !role) return focusFirstError(document.querySelector('[data-testid="user-modal"]'));
    return saving.run({
      id: user?.id ?? null,
      staffId,
      login: login.trim(),
      role,
      deputyGrades: role === 'deputy' ? grades.map(Number).sort((a, b) => a - b) : [],
    });
  };
  const dirty =
    staffId !== (user?.staffId ?? forStaff ?? null) ||
    login !== (user?.login ?? '') ||
    role !== (user?.role ?? null) ||
    grades.join() !== (user?.deputyGrades ?? []).map(String).join();
  const close = useGuardedClose({ opened, dirty, onClose, save: submit });
  const p = problemsOf(error);
  const known = fieldError(p, 'staffId', 'Сотрудник') ?? fieldError(p, 'login', 'Логин');
  const newDuty = person && role && !person.roles.includes(role) ? DUTY_LABELS[role] : null;

  return (
    <Modal opened={opened} onClose={close} title={user ? user.displayName : 'Учётная запись сотрудника'} size="lg" data-testid="user-modal">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          {user && !user.staffId ? (
            <Alert color="orange" variant="light" icon={<IconInfoCircle size={18} />} data-testid="user-unlinked">
              Учётная запись «{user.login}» ({user.displayName}) не связана с карточкой сотрудника. Выберите сотрудника, которому она принадлежит: ФИО будет
              браться из его карточки.
            </Alert>
          ) : null}
          {staff ? (
            <Select
              label="Сотрудник"
              withAsterisk
              searchable
              placeholder="Начните вводить фамилию"
              nothingFoundMessage="Нет такого сотрудника без учётной записи"
              data={options}
              value={staffId}
              onChange={pick}
              description={
                person ? (
                  <>
                    ФИО берётся из карточки сотрудника: <Anchor href="#/setup/staff" size="xs">Настройка → Сотрудники</Anchor>
                  </>
                ) : (
                  'Учётная запись принадлежит сотруднику из списка «Сотрудники»; у сотрудника — не больше одной'
                )
              }
              error={local.staff || fieldError(p, 'staffId', 'Сотрудник')}
              // Focused when the modal opens (the list cached: at once), its list opens only when
              // typed into or clicked: it does not cover the form, and Esc closes the modal.
              openOnFocus={false}
              data-autofocus
              data-testid="user-staff-input"
            />
          ) : (
            <Loader size="sm" />
          )}
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
            label="Роль в программе"
            withAsterisk
            placeholder="Выберите роль"
            data={APP_ROLE_OPTIONS}
            value={role}
            onChange={(v) => {
              setRole(v as AppRole | null);
              if (v === 'deputy' && person && !grades.length) setGrades(person.deputyGrades.map(String));
            }}
            description={role ? ROLE_HINTS[role] : 'Роль определяет, какие разделы пользователь видит и может изменять'}
            error={local.role}
            data-testid="user-role-input"
          />
          {newDuty ? (
            <Text size="sm" c="blue.8" data-testid="user-new-duty">
              В карточке сотрудника появится обязанность «{newDuty}».
            </Text>
          ) : null}
          {role === 'deputy' ? (
            <Input.Wrapper label="Параллели" description="Классы, за которые отвечает заместитель директора; хранятся в карточке сотрудника">
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
