import { useMemo, useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Group, Loader, Menu, Paper, ScrollArea, Select, Stack, Table, Text } from '@mantine/core';
import { LightTooltip } from '../../components/LightTooltip';
import { IconDots, IconKey, IconLinkOff, IconPencil, IconPlus, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useOp } from '../../data/useOp';
import { change } from '../../data/change';
import { useAppState } from '../../app/AppState';
import { go } from '../../app/useHashRoute';
import { useReadOnly } from '../../app/access';
import { useConfirm } from '../../components/Confirm';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyRow } from '../../components/EditorRows';
import { PageHeader } from '../../components/PageHeader';
import { SearchInput } from '../../components/SearchInput';
import { SortTh, useSort } from '../../components/sort';
import { countOf, ruDateTime } from '../../lib/dates';
import { notifyOk } from '../../lib/notify';
import { OneTimePasswordModal } from '../../auth/OneTimePasswordModal';
import type { IssuedPassword } from '../../auth/PasswordSheet';
import { ROLE_LABELS } from '../../../../electron/api/roles';
import { APP_ROLE_COLORS, APP_ROLE_OPTIONS } from '../roles';
import { PermissionMatrix } from './PermissionMatrix';
import { UserModal } from './UserModal';
import type { AppUser } from '../../../../electron/api/types';
import { gradeRanges } from '../../lib/labels';
import { ruFold } from '../../../../electron/api/text';

const fold = ruFold;

type State = { key: 'active' | 'disabled' | 'locked'; label: string; color: string; order: number };
function stateOf(u: AppUser, now: number): State {
  if (u.disabled) return { key: 'disabled', label: 'Отключён', color: 'gray', order: 2 };
  if (u.lockedUntil && Date.parse(u.lockedUntil) > now) return { key: 'locked', label: `Заблокирован до ${ruDateTime(u.lockedUntil).slice(-5)}`, color: 'orange', order: 1 };
  return { key: 'active', label: 'Активен', color: 'teal', order: 0 };
}

/**
 * Пользователи: the staff members' accounts, roles, one-time passwords, disabling; the permission
 * matrix below. `forStaff`: open a new account for this staff member (from the staff card).
 */
export function UsersPage({ forStaff }: { forStaff?: string }) {
  const { user: me } = useAppState();
  const readOnly = useReadOnly();
  const usersQ = useOp('users.list');
  const users = usersQ.data ?? null;
  const error = usersQ.error;
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<string | null>(null);
  const [editing, setEditing] = useState<AppUser | null | 'new'>(forStaff && !readOnly ? 'new' : null);
  const [issued, setIssued] = useState<{ title: string; row: IssuedPassword } | null>(null);
  const [ask, confirmModal] = useConfirm();
  const now = Date.now();


  const filtered = useMemo(() => {
    const words = fold(search.trim()).split(/\s+/).filter(Boolean);
    return (users ?? []).filter((u) => (!role || u.role === role) && words.every((w) => fold(`${u.displayName} ${u.login} ${u.position ?? ''}`).includes(w)));
  }, [users, search, role]);
  const { sorted, sort, toggle } = useSort(
    filtered,
    {
      name: (u) => u.displayName,
      login: (u) => u.login,
      role: (u) => ROLE_LABELS[u.role],
      lastLogin: (u) => u.lastLoginAt ?? '',
      state: (u) => stateOf(u, now).order,
    },
    { key: 'name', desc: false },
  );

  const resetPassword = (u: AppUser) =>
    ask({
      title: 'Сброс пароля',
      message: (
        <Text size="sm">
          Выдать новый одноразовый пароль пользователю <b>{u.displayName}</b> ({u.login})? Прежний пароль перестанет действовать, блокировка входа будет
          снята. При входе программа попросит заменить новый пароль своим.
        </Text>
      ),
      confirmLabel: 'Сбросить пароль',
      color: 'orange',
      icon: <IconKey size={16} />,
      errorTitle: 'Пароль не сброшен',
      run: async () => {
        const r = await change('users.resetPassword', { id: u.id });
        setIssued({ title: 'Новый одноразовый пароль', row: { login: u.login, role: u.role, password: r.password, displayName: u.displayName } });
      },
    });

  const setDisabled = (u: AppUser, disabled: boolean) =>
    ask({
      title: disabled ? 'Отключение пользователя' : 'Включение пользователя',
      message: disabled ? (
        <Text size="sm">
          Отключить учётную запись <b>{u.displayName}</b> ({u.login})? Пользователь не сможет войти в программу. Его записи в журнале изменений
          сохранятся; учётную запись можно включить снова.
        </Text>
      ) : (
        <Text size="sm">
          Включить учётную запись <b>{u.displayName}</b> ({u.login})? Пользователь снова сможет войти со своим паролем.
        </Text>
      ),
      confirmLabel: disabled ? 'Отключить' : 'Включить',
      color: disabled ? 'red' : 'teal',
      icon: disabled ? <IconUserOff size={16} /> : <IconUserCheck size={16} />,
      errorTitle: disabled ? 'Не отключено' : 'Не включено',
      run: async () => {
        await change('users.setDisabled', { id: u.id, disabled });
        notifyOk(`${u.displayName}: учётная запись ${disabled ? 'отключена' : 'включена'}`);
      },
    });

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title="Пользователи"
        description="Сотрудники, которые работают в программе: логины, роли, одноразовые пароли"
        actions={
          readOnly ? null : (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="users-add">
              Учётная запись сотрудника
            </Button>
          )
        }
      />
      {error ? <ErrorAlert error={error} title="Не удалось загрузить" /> : null}
      {!users ? (
        error ? null : <Loader size="sm" />
      ) : (
        <Stack gap="sm">
          {users.some((u) => !u.staffId) ? (
            <Alert color="orange" variant="light" icon={<IconLinkOff size={18} />} data-testid="users-unlinked">
              {countOf(users.filter((u) => !u.staffId).length, 'учётная запись не связана', 'учётные записи не связаны', 'учётных записей не связаны')} с
              карточками сотрудников (созданы до того, как программа стала их связывать, и не сопоставлены по ФИО однозначно). Откройте такую запись и
              выберите сотрудника, которому она принадлежит.
            </Alert>
          ) : null}
          <Group gap="xs">
            <SearchInput value={search} onChange={setSearch} w={300} placeholder="ФИО, логин или должность" data-testid="users-search" />
            <Select placeholder="Все роли" data={APP_ROLE_OPTIONS} value={role} onChange={setRole} clearable allowDeselect w={230} data-testid="users-role-filter" />
          </Group>
          <Paper p={0}>
            <ScrollArea.Autosize mah="calc(100vh - 300px)">
              <Table striped highlightOnHover stickyHeader verticalSpacing={7} data-testid="users-table">
                <Table.Thead>
                  <Table.Tr>
                    <SortTh label="ФИО" k="name" sort={sort} onSort={toggle} />
                    <SortTh label="Логин" k="login" sort={sort} onSort={toggle} w={130} />
                    <SortTh label="Роль" k="role" sort={sort} onSort={toggle} w={230} />
                    <SortTh label="Последний вход" k="lastLogin" sort={sort} onSort={toggle} w={170} style={{ whiteSpace: 'nowrap' }} />
                    <SortTh label="Состояние" k="state" sort={sort} onSort={toggle} w={200} />
                    {readOnly ? null : <Table.Th w={52} />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {sorted.map((u) => {
                    const st = stateOf(u, now);
                    return (
                      <Table.Tr
                        key={u.id}
                        data-testid="user-row"
                        data-login={u.login}
                        style={{ cursor: readOnly ? undefined : 'pointer', opacity: u.disabled ? 0.65 : undefined }}
                        onClick={readOnly ? undefined : () => setEditing(u)}
                      >
                        <Table.Td>
                          <Group gap={6} style={{ rowGap: 2 }}>
                            <Text size="sm" fw={500}>
                              {u.displayName}
                            </Text>
                            {u.id === me?.id ? (
                              <Badge size="xs" variant="outline" color="gray" tt="none" style={{ flexShrink: 0 }}>
                                это вы
                              </Badge>
                            ) : null}
                          </Group>
                          {!u.staffId ? (
                            <Badge size="xs" variant="light" color="orange" tt="none" data-testid="user-unlinked-badge">
                              не связана с сотрудником
                            </Badge>
                          ) : u.staffRemoved ? (
                            <Badge size="xs" variant="light" color="gray" tt="none">
                              удалён из сотрудников
                            </Badge>
                          ) : (
                            <Text size="xs" c="dimmed" truncate data-testid="user-position">
                              {u.position}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td ff="monospace" fz="sm">
                          {u.login}
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={APP_ROLE_COLORS[u.role]} tt="none" fw={600} style={{ flexShrink: 0 }}>
                            {ROLE_LABELS[u.role]}
                          </Badge>
                          {u.role === 'deputy' && u.deputyGrades.length ? (
                            <Text size="xs" c="dimmed" mt={2}>
                              параллели: {gradeRanges(u.deputyGrades)}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td className="tnum" fz="sm">
                          {u.lastLoginAt ? ruDateTime(u.lastLoginAt) : <Text span c="dimmed" size="sm">ещё не входил</Text>}
                        </Table.Td>
                        <Table.Td>
                          <Badge variant={st.key === 'active' ? 'dot' : 'light'} color={st.color} tt="none" fw={600} style={{ flexShrink: 0 }} data-testid="user-state">
                            {st.label}
                          </Badge>
                          {u.mustChangePassword && !u.disabled ? (
                            <LightTooltip label="Пользователь заменит одноразовый пароль своим при первом входе">
                              <Text size="xs" c="blue.7" mt={2} w="fit-content">
                                выдан одноразовый пароль
                              </Text>
                            </LightTooltip>
                          ) : null}
                        </Table.Td>
                        {readOnly ? null : (
                          <Table.Td onClick={(e) => e.stopPropagation()}>
                            <Menu position="bottom-end" withinPortal shadow="md">
                              <Menu.Target>
                                <ActionIcon variant="subtle" color="gray" aria-label={`Действия: ${u.displayName}`} data-testid="user-actions">
                                  <IconDots size={18} />
                                </ActionIcon>
                              </Menu.Target>
                              <Menu.Dropdown>
                                <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setEditing(u)}>
                                  Изменить
                                </Menu.Item>
                                <Menu.Item leftSection={<IconKey size={16} />} onClick={() => resetPassword(u)} data-testid="user-reset-password">
                                  Сбросить пароль
                                </Menu.Item>
                                {u.disabled ? (
                                  <Menu.Item leftSection={<IconUserCheck size={16} />} color="teal" onClick={() => setDisabled(u, false)} data-testid="user-enable">
                                    Включить
                                  </Menu.Item>
                                ) : (
                                  <Menu.Item
                                    leftSection={<IconUserOff size={16} />}
                                    color="red"
                                    disabled={u.id === me?.id}
                                    onClick={() => setDisabled(u, true)}
                                    data-testid="user-disable"
                                  >
                                    Отключить
                                  </Menu.Item>
                                )}
                              </Menu.Dropdown>
                            </Menu>
                          </Table.Td>
                        )}
                      </Table.Tr>
                    );
                  })}
                  {sorted.length === 0 ? (
                    <EmptyRow colSpan={6}>
                      Никого не найдено
                    </EmptyRow>
                  ) : null}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </Paper>
          <Text size="xs" c="dimmed" data-testid="users-count">
            {filtered.length === users.length
              ? countOf(users.length, 'пользователь', 'пользователя', 'пользователей')
              : `Найдено ${filtered.length} из ${users.length}`}
            {users.some((u) => u.disabled) ? ` · отключено: ${users.filter((u) => u.disabled).length}` : ''}
          </Text>
        </Stack>
      )}
      <PermissionMatrix />
      <UserModal
        opened={editing !== null}
        user={editing === 'new' ? null : editing}
        forStaff={editing === 'new' ? forStaff : undefined}
        onClose={() => {
          setEditing(null);
          if (forStaff) go('/admin/users');
        }}
        onSaved={(r) => {
          setEditing(null);
          if (forStaff) go('/admin/users');
          if (r.password) setIssued({ title: 'Пользователь создан', row: { login: r.user.login, role: r.user.role, password: r.password, displayName: r.user.displayName } });
          else notifyOk(`${r.user.displayName} — сохранено`);
        }}
      />
      <OneTimePasswordModal issued={issued?.row ?? null} title={issued?.title ?? ''} onClose={() => setIssued(null)} />
      {confirmModal}
    </Stack>
  );
}
