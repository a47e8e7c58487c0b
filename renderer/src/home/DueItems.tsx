import { useMemo } from 'react';
import { Anchor, Badge, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconArchive, IconClockExclamation, IconDatabaseExclamation, IconMessageReport, IconSend } from '@tabler/icons-react';
import { useOp } from '../data/useOp';
import { ErrorAlert } from '../components/ErrorAlert';
import { useAppState } from '../app/AppState';
import { backupLateness } from '../admin/backups/lateness';
import { timeLeft } from '../admin/corrections/status';
import { countOf, ruDate, ruDateTime } from '../lib/dates';
import type { CorrectionRequest } from '../../../electron/api/types';

interface Item {
  key: string;
  icon: React.ReactNode;
  color: string;
  title: string;
  detail?: string;
  when?: { text: string; red: boolean };
  href: string;
}

const SHOWN = 5;

/** What the role has to do now: open correction requests with their deadlines, a late backup. */
export function DueItems() {
  const { access } = useAppState();
  const seesRegister = access('corrections') !== 'none';
  const seesBackups = access('backups') !== 'none';
  // Queries shared with the navbar's badge and the backups page: they follow the data.
  const openQ = useOp('corrections.list', { onlyOpen: true }, { enabled: seesRegister });
  const statusQ = useOp('backup.status', undefined, { enabled: seesBackups });
  const settingsQ = useOp('settings.get', undefined, { enabled: seesBackups });
  // The archives whose storage period runs out or has run out (issue 14 point 5).
  const seesArchive = access('paper') !== 'none';
  const archiveQ = useOp('paper.archives', undefined, { enabled: seesArchive });
  const error = (seesRegister && openQ.error) || (seesBackups && (statusQ.error ?? settingsQ.error)) || null;
  const ready = (!seesRegister || openQ.data) && (!seesBackups || (statusQ.data && settingsQ.data));
  const items = useMemo(() => {
    if (!ready) return null;
    const open: CorrectionRequest[] = seesRegister ? (openQ.data ?? []) : [];
    const backup = seesBackups && statusQ.data && settingsQ.data ? ([statusQ.data, settingsQ.data] as const) : null;
    {
      const out: Item[] = [];
      if (backup) {
        const late = backupLateness(backup[0], backup[1].backupIntervalHours);
        if (late)
          out.push({
            key: 'backup',
            icon: <IconDatabaseExclamation size={20} />,
            color: 'red',
            title: late,
            detail: backup[0].lastBackupAt ? `Последняя копия: ${ruDateTime(backup[0].lastBackupAt)}. Создайте копию сейчас и проверьте папку резервных копий.` : 'Создайте первую резервную копию.',
            href: '#/admin/backups',
          });
      }
      const toFix = open.filter((r) => !r.correctedAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
      for (const r of toFix.slice(0, SHOWN)) {
        const left = timeLeft(r.dueAt);
        out.push({
          key: r.id,
          icon: r.overdue ? <IconClockExclamation size={20} /> : <IconMessageReport size={20} />,
          color: r.overdue ? 'red' : 'orange',
          title: `Исправить ошибку: ${r.description.length > 80 ? r.description.slice(0, 78) + '…' : r.description}`,
          detail: `Заявитель: ${r.reporter}, ${ruDateTime(r.reportedAt)}`,
          when: { text: r.overdue ? `просрочено, срок был до ${ruDateTime(r.dueAt)}` : `до ${ruDateTime(r.dueAt)} · ${left.text}`, red: r.overdue },
          href: '#/admin/corrections',
        });
      }
      if (toFix.length > SHOWN)
        out.push({ key: 'more', icon: <IconMessageReport size={20} />, color: 'gray', title: `И ещё ${countOf(toFix.length - SHOWN, 'обращение', 'обращения', 'обращений')}`, href: '#/admin/corrections' });
      const told = open.filter((r) => r.correctedAt && !r.reporterNotifiedAt).length;
      if (told)
        out.push({
          key: 'tell',
          icon: <IconSend size={20} />,
          color: 'blue',
          title: `Сообщить заявителям об исправлении: ${countOf(told, 'обращение', 'обращения', 'обращений')}`,
          href: '#/admin/corrections',
        });
      for (const r of seesArchive ? (archiveQ.data?.reminders ?? []) : [])
        out.push({
          key: `archive-${r.archiveId}-${r.label}`,
          icon: <IconArchive size={20} />,
          color: r.expired ? 'red' : 'orange',
          title: r.expired ? `Срок хранения истёк: ${r.label}` : `Истекает срок хранения: ${r.label}`,
          detail: r.expired ? `${r.fileName}. Можно составить акт о выделении к уничтожению.` : r.fileName,
          when: { text: `${r.expired ? 'истёк' : 'до'} ${ruDate(r.until)}`, red: r.expired },
          href: '#/paper/archive',
        });
      return out;
    }
  }, [ready, seesRegister, seesBackups, seesArchive, openQ.data, statusQ.data, settingsQ.data, archiveQ.data]);

  if (error) return <ErrorAlert error={error} title="Не удалось проверить сроки" />;
  if (!items || items.length === 0) return null;
  const urgent = items.some((i) => i.color === 'red');
  return (
    <Paper p="lg" data-testid="due-items" style={urgent ? { borderColor: 'var(--mantine-color-red-3)' } : undefined}>
      <Group gap="xs" mb="xs">
        <IconAlertTriangle size={20} stroke={1.6} color={urgent ? 'var(--mantine-color-red-6)' : undefined} />
        <Title order={4}>Требует внимания</Title>
      </Group>
      <Stack gap={0}>
        {items.map((it, i) => (
          <Group
            key={it.key}
            justify="space-between"
            wrap="nowrap"
            py={8}
            style={{ borderTop: i ? '1px solid var(--mantine-color-gray-2)' : undefined }}
            data-testid="due-item"
            data-red={it.color === 'red' || undefined}
          >
            <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
              <ThemeIcon variant="light" color={it.color} size={34} radius="md">
                {it.icon}
              </ThemeIcon>
              <div style={{ minWidth: 0 }}>
                <Anchor href={it.href} size="sm" fw={600} c={it.color === 'red' ? 'red.8' : 'dark'} underline="hover">
                  {it.title}
                </Anchor>
                {it.detail ? (
                  <Text size="xs" c="dimmed">
                    {it.detail}
                  </Text>
                ) : null}
              </div>
            </Group>
            {it.when ? (
              <Badge variant={it.when.red ? 'filled' : 'light'} color={it.when.red ? 'red' : 'orange'} tt="none" fw={600} style={{ flexShrink: 0 }} className="tnum">
                {it.when.text}
              </Badge>
            ) : null}
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
