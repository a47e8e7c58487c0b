import { Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconCloud, IconCloudOff, IconRefresh } from '@tabler/icons-react';
import { useOp } from '../data/useOp';
import { go } from '../app/useHashRoute';
import { ruDateTime } from '../lib/dates';
import type { SyncStatus } from '../../../electron/api/types';

/** While a round runs its progress is asked for this often; otherwise change events and this period keep it fresh. */
export const SYNC_POLL_RUNNING_MS = 1000;
const SYNC_POLL_IDLE_MS = 15_000;

/** «сегодня 12:05», «вчера 18:40», «28.11.2026 09:15». */
export function whenText(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const full = ruDateTime(iso);
  const day = (x: Date) => x.toDateString();
  if (day(d) === day(now)) return `сегодня ${full.slice(11)}`;
  const y = new Date(now);
  y.setDate(y.getDate() - 1);
  if (day(d) === day(y)) return `вчера ${full.slice(11)}`;
  return full;
}

/** The sync status for the header and the page: refetched often while a round runs. */
export function useSyncStatus(enabled: boolean) {
  return useOp('sync.status', undefined, {
    enabled,
    refetchInterval: enabled ? (data) => ((data as SyncStatus | undefined)?.running ? SYNC_POLL_RUNNING_MS : SYNC_POLL_IDLE_MS) : false,
  });
}

/**
 * The header's sync line (issue 10 point 4): «В сети» or «Нет связи с центральной системой», the
 * time of the last sync and «Ждут отправки: N»; only when this installation is registered. A click
 * opens the «Синхронизация» page.
 */
export function SyncIndicator({ enabled }: { enabled: boolean }) {
  const q = useSyncStatus(enabled);
  const s = q.data;
  if (!enabled || !s?.registered) return null;
  const offline = s.online === false;
  const color = offline ? 'var(--mantine-color-red-7)' : s.online ? 'var(--mantine-color-teal-7)' : 'var(--mantine-color-gray-6)';
  const label = s.running ? 'Синхронизация…' : offline ? 'Нет связи с центральной системой' : s.online ? 'В сети' : 'Ещё не синхронизировано';
  const tip = [
    offline && s.lastError ? s.lastError : null,
    s.lastSyncAt ? `Последняя синхронизация: ${ruDateTime(s.lastSyncAt)}` : 'Синхронизации ещё не было',
    s.refused ? `Отклонено изменений: ${s.refused}` : null,
    'Нажмите, чтобы открыть страницу «Синхронизация»',
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <Tooltip label={tip} position="bottom-end" multiline maw={380} style={{ whiteSpace: 'pre-line' }}>
      <UnstyledButton onClick={() => go('/sync')} data-testid="header-sync" data-online={s.online === null ? 'unknown' : String(s.online)} aria-label={`Синхронизация: ${label}`} style={{ flexShrink: 0 }}>
        <Group gap={6} wrap="nowrap">
          {s.running ? <IconRefresh size={16} color={color} /> : offline ? <IconCloudOff size={16} color={color} /> : <IconCloud size={16} color={color} />}
          <Text size="xs" fw={600} c={color} style={{ whiteSpace: 'nowrap' }} data-testid="header-sync-state">
            {label}
          </Text>
          {s.lastSyncAt ? (
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="header-sync-time">
              {whenText(s.lastSyncAt)}
            </Text>
          ) : null}
          {s.pending ? (
            <Text size="xs" fw={600} c="orange.8" style={{ whiteSpace: 'nowrap' }} data-testid="header-sync-pending">
              Ждут отправки: {s.pending}
            </Text>
          ) : null}
        </Group>
      </UnstyledButton>
    </Tooltip>
  );
}
