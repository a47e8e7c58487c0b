import { useState } from 'react';
import { Avatar, Group, Kbd, Menu, Modal, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconKey, IconLock, IconLogout } from '@tabler/icons-react';
import { useAppState } from '../app/AppState';
import { notifyOk } from '../lib/notify';
import { ROLE_LABELS } from '../../../electron/api/roles';
import { ChangePasswordForm } from './ChangePasswordForm';
import { initials } from './LockScreen';

/** «Гордиенко Станислав Петрович» → «Гордиенко С. П.» */
export function shortName(full: string): string {
  const [last, ...rest] = full.split(/\s+/).filter(Boolean);
  if (!last || rest.length === 0) return full;
  return `${last} ${rest.map((w) => `${w[0]!.toUpperCase()}.`).join(' ')}`;
}

/** The header's user menu: who is logged in, «Сменить пароль», «Заблокировать» (Ctrl+L), «Выйти». */
export function UserMenu() {
  const { user, lock, logout, signedIn } = useAppState();
  const [changing, setChanging] = useState(false);
  if (!user) return null;
  return (
    <>
      <Menu position="bottom-end" width={300} shadow="md" withinPortal>
        <Menu.Target>
          <UnstyledButton data-testid="user-menu" px={8} py={4} style={{ borderRadius: 'var(--mantine-radius-sm)' }} aria-label="Меню пользователя">
            <Group gap={10} wrap="nowrap">
              <Avatar size={34} radius="xl" color="indigo" variant="light">
                {initials(user.displayName)}
              </Avatar>
              <div style={{ lineHeight: 1.15, minWidth: 0 }}>
                <Text size="sm" fw={600} truncate maw={240} data-testid="user-name" title={user.displayName}>
                  {shortName(user.displayName)}
                </Text>
                <Text size="xs" c="dimmed" data-testid="user-role">
                  {ROLE_LABELS[user.role]}
                </Text>
              </div>
              <IconChevronDown size={14} color="var(--mantine-color-gray-6)" />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Text size="sm" fw={600} c="dark">
              {user.displayName}
            </Text>
            <Text size="xs" c="dimmed">
              {ROLE_LABELS[user.role]} · вход под логином {user.login}
            </Text>
          </Menu.Label>
          <Menu.Divider />
          <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setChanging(true)} data-testid="menu-change-password">
            Сменить пароль
          </Menu.Item>
          <Menu.Item leftSection={<IconLock size={16} />} rightSection={<Kbd size="xs">Ctrl L</Kbd>} onClick={() => void lock()} data-testid="menu-lock">
            Заблокировать
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item leftSection={<IconLogout size={16} />} color="red" onClick={() => void logout()} data-testid="menu-logout">
            Выйти
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={changing} onClose={() => setChanging(false)} title="Смена пароля" size="sm" data-testid="change-password-modal">
        <ChangePasswordForm
          submitLabel="Сменить пароль"
          onCancel={() => setChanging(false)}
          onChanged={async (u) => {
            setChanging(false);
            notifyOk('Используйте новый пароль при следующем входе.', 'Пароль изменён');
            await signedIn(u);
          }}
        />
      </Modal>
    </>
  );
}
