import { useState } from 'react';
import { Alert, Badge, Button, Grid, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconDatabaseExport,
  IconDeviceFloppy,
  IconFolder,
  IconRestore,
  IconShieldLock,
  IconUsb,
  IconCalendarRepeat,
} from '@tabler/icons-react';
import { call } from '../../api';
import { useAppState } from '../../app/AppState';
import { useReadOnly } from '../../app/access';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { countOf, ruDateTime } from '../../lib/dates';
import { fieldError, problemsOf } from '../../lib/errors';
import { notifyOk } from '../../lib/notify';
import { backupLateness } from './lateness';
import { hasFolderDialog, pickBackupFolder } from '../../lib/dialogs';
import { useUnsavedGuard } from '../../app/unsaved';
import { NumberField } from '../../components/NumberField';
import { focusFirstError } from '../../components/focusError';
import { checkNumber, COPIES, HOURS, MAX, MINUTES, numberText, numberValue, PASSWORDS, tooLong, type NumberRule } from '../../lib/checks';
import { CreateBackupModal } from './CreateBackupModal';
import { RestoreModal } from './RestoreModal';
import { baseName } from './RestoreParts';
import { BackupList } from './BackupList';
import { useOp } from '../../data/useOp';
import { useDraft } from '../../data/useDraft';
import { useAction } from '../../data/useAction';
import type { AppSettings, BackupInfo } from '../../../../electron/api/types';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group gap="md" wrap="nowrap" align="flex-start" py={6} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
      <Text size="sm" c="dimmed" w={210} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <div style={{ minWidth: 0, flex: 1 }}>{children}</div>
    </Group>
  );
}

/** The settings as typed (numbers too: nothing is clamped or rounded); each card saves its own. */
interface SettingsForm {
  autoLockMinutes: string;
  maxFailedLogins: string;
  lockoutMinutes: string;
  backupIntervalHours: string;
  backupKeep: string;
  backupDir: string;
}
type Card = 'backup' | 'security';
type NumberKey = Exclude<keyof SettingsForm, 'backupDir'>;
/** The ranges of settings.save. */
const RULES: Record<NumberKey, NumberRule> = {
  autoLockMinutes: { min: 1, max: 240, step: 1, unit: MINUTES },
  maxFailedLogins: { min: 3, max: 20, step: 1, unit: PASSWORDS },
  lockoutMinutes: { min: 1, max: 1440, step: 1, unit: MINUTES },
  backupIntervalHours: { min: 1, max: 168, step: 1, unit: HOURS },
  backupKeep: { min: 1, max: 365, step: 1, unit: COPIES },
};
const formOf = (s: AppSettings): SettingsForm => ({
  autoLockMinutes: numberText(s.autoLockMinutes),
  maxFailedLogins: numberText(s.maxFailedLogins),
  lockoutMinutes: numberText(s.lockoutMinutes),
  backupIntervalHours: numberText(s.backupIntervalHours),
  backupKeep: numberText(s.backupKeep),
  backupDir: s.backupDir ?? '',
});

/** R23: the backup status, schedule and retention, security settings, copies and restore. */
export function BackupsPage() {
  const { access } = useAppState();
  const readOnly = useReadOnly();
  const canSettings = !readOnly && access('users') === 'change';
  const statusQ = useOp('backup.status');
  const settingsQ = useOp('settings.get');
  const status = statusQ.data ?? null;
  const settings = settingsQ.data ?? null;
  const d = useDraft<AppSettings, SettingsForm | null>(settingsQ.data, formOf, null);
  const form = d.draft;
  const setForm = d.setDraft;
  const error = statusQ.error ?? settingsQ.error;
  const [saveError, setSaveError] = useState<{ card: 'backup' | 'security'; error: unknown } | null>(null);
  const [saving, setSaving] = useState<'backup' | 'security' | null>(null);
  const [creating, setCreating] = useState<'here' | 'usb' | null>(null);
  const [restoring, setRestoring] = useState<{ initial: BackupInfo | null } | null>(null);
  // Each card saves its own fields; the other card's unsaved edits are left as they are.
  const mineOf = (card: Card) => (card === 'backup' ? (['backupIntervalHours', 'backupKeep', 'backupDir'] as const) : (['autoLockMinutes', 'maxFailedLogins', 'lockoutMinutes'] as const));
  const settingsAction = useAction((_card: Card, input: AppSettings) => call('settings.save', { ...input, backupDir: input.backupDir || null }), {
    success: (_s, card) => (card === 'backup' ? 'Расписание и хранение копий сохранены' : 'Настройки безопасности сохранены'),
    onSuccess: (saved, card) => {
      const stored = formOf(saved);
      d.saved(stored, form ? { ...form, ...Object.fromEntries(mineOf(card).map((k) => [k, stored[k]])) } : stored);
    },
    onError: (error, card) => setSaveError({ card, error }),
  });

  const saveSettings = async (card: 'backup' | 'security') => {
    if (!form || !settings) return;
    const mine = mineOf(card);
    const next: AppSettings = { ...settings };
    const wrong = mine.some((k) => (k === 'backupDir' ? !!tooLong(form.backupDir, MAX.path, 'Папка резервных копий') : !checkNumber(form[k], RULES[k]).ok));
    if (wrong) return focusFirstError(document.querySelector(`[data-testid="${card === 'backup' ? 'backup-settings' : 'security-settings'}"]`));
    for (const k of mine) (next as unknown as Record<string, unknown>)[k] = k === 'backupDir' ? form.backupDir.trim() : numberValue(form[k], RULES[k]);
    setSaving(card);
    setSaveError(null);
    await settingsAction.run(card, next);
    setSaving(null);
  };

  const late = status && settings ? backupLateness(status, settings.backupIntervalHours) : null;
  const p = problemsOf(saveError?.error);
  const set = (k: keyof SettingsForm) => (v: string) => setForm((f) => (f ? { ...f, [k]: v } : f));
  const dirty = canSettings && d.dirty;
  useUnsavedGuard(dirty, { discard: d.discard });
  const chooseDir = async () => {
    const chosen = await pickBackupFolder();
    if (chosen) set('backupDir')(chosen);
  };

  if (!status || !settings || !form) return error ? <ErrorAlert error={error} title="Не удалось загрузить" /> : <Loader size="sm" />;

  return (
    <Stack gap="lg" maw={1400}>
      <PageHeader
        title="Резервные копии"
        description="Копии базы данных школы: по расписанию, вручную и перед рискованными изменениями; восстановление из копии"
        actions={
          readOnly ? null : (
            <>
              <Button variant="default" leftSection={<IconUsb size={16} />} onClick={() => setCreating('usb')} data-testid="backup-usb">
                Сохранить на флешку…
              </Button>
              <Button leftSection={<IconDatabaseExport size={16} />} onClick={() => setCreating('here')} data-testid="backup-create">
                Создать резервную копию сейчас
              </Button>
            </>
          )
        }
      />
      {error ? <ErrorAlert error={error} title="Не удалось обновить" /> : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper p="lg" h="100%" data-testid="backup-status">
            <Group justify="space-between" mb="sm">
              <Title order={4}>Состояние</Title>
              {late ? (
                <Badge color="red" variant="light" size="lg" tt="none" fw={600} leftSection={<IconAlertTriangle size={14} />} data-testid="backup-late">
                  {late}
                </Badge>
              ) : (
                <Badge color="teal" variant="light" size="lg" tt="none" fw={600}>
                  Копии создаются по расписанию
                </Badge>
              )}
            </Group>
            <Stack gap={0}>
              <Row label="Папка резервных копий">
                <Group gap={6} wrap="nowrap">
                  <IconFolder size={16} stroke={1.6} color="var(--mantine-color-gray-6)" style={{ flexShrink: 0 }} />
                  <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }} data-testid="backup-folder">
                    {status.dir}
                  </Text>
                </Group>
              </Row>
              <Row label="Последняя копия">
                <Text size="sm" fw={500} className="tnum" c={late ? 'red.7' : undefined} data-testid="backup-last">
                  {status.lastBackupAt ? ruDateTime(status.lastBackupAt) : 'ещё не создавалась'}
                </Text>
              </Row>
              <Row label="Следующая по расписанию">
                <Text size="sm" className="tnum" data-testid="backup-next">
                  {status.nextBackupAt ? `${ruDateTime(status.nextBackupAt)} (каждые ${countOf(settings.backupIntervalHours, 'час', 'часа', 'часов')})` : 'при ближайшем запуске программы'}
                </Text>
              </Row>
              <Row label="Шифрование автоматических копий">
                <Text size="sm" data-testid="backup-key-encryption">
                  {status.keyEncryption
                    ? 'ключом этого компьютера: его хранит операционная система, копии открываются только здесь'
                    : 'нет: копии лежат в папке данных программы, закрытой для других пользователей компьютера'}
                </Text>
              </Row>
              <Row label="Копий в папке">
                <Text size="sm" fw={500}>
                  {status.backups.length}
                </Text>
                <Text size="xs" c="dimmed">
                  Автоматических хранится не больше {settings.backupKeep}; копии, созданные вручную, не удаляются.
                </Text>
              </Row>
            </Stack>
            {readOnly ? null : (
              <Group mt="md">
                <Button variant="light" color="red" leftSection={<IconRestore size={16} />} onClick={() => setRestoring({ initial: null })} data-testid="backup-restore">
                  Восстановить из копии…
                </Button>
              </Group>
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Paper p="lg" h="100%" data-testid="backup-settings">
            <Group gap="xs" mb="sm">
              <IconCalendarRepeat size={20} stroke={1.6} />
              <Title order={4}>Расписание и хранение</Title>
            </Group>
            <fieldset className="plain-fieldset" disabled={!canSettings} data-readonly={!canSettings || undefined}>
              <Stack gap="sm">
                <NumberField label="Создавать копию каждые, часов" rule={RULES.backupIntervalHours} value={form.backupIntervalHours} onChange={set('backupIntervalHours')} error={fieldError(p, 'backupIntervalHours')} data-testid="set-interval" />
                <NumberField
                  label="Хранить автоматических копий"
                  description="Более старые удаляются; копии, созданные вручную, не удаляются"
                  rule={RULES.backupKeep}
                  value={form.backupKeep}
                  onChange={set('backupKeep')}
                  error={fieldError(p, 'backupKeep')}
                  data-testid="set-keep"
                />
                <TextInput
                  label="Папка резервных копий"
                  description="Полный путь; лучше — на другом диске, чем база данных"
                  value={form.backupDir}
                  onChange={(e) => set('backupDir')(e.currentTarget.value)}
                  error={tooLong(form.backupDir, MAX.path, 'Папка резервных копий') ?? fieldError(p, 'backupDir')}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
                  rightSection={
                    hasFolderDialog() && canSettings ? (
                      <Button size="compact-sm" variant="light" onClick={() => void chooseDir()} data-testid="set-dir-pick">
                        Выбрать…
                      </Button>
                    ) : undefined
                  }
                  rightSectionWidth={hasFolderDialog() && canSettings ? 100 : undefined}
                  rightSectionPointerEvents="all"
                  data-testid="set-dir"
                />
                {saveError?.card === 'backup' && p.length === 0 ? <ErrorAlert error={saveError.error} /> : null}
                {canSettings ? (
                  <Group justify="flex-end">
                    <Button variant="default" leftSection={<IconDeviceFloppy size={16} />} loading={saving === 'backup'} onClick={() => void saveSettings('backup')} data-testid="set-backup-save">
                      Сохранить
                    </Button>
                  </Group>
                ) : null}
              </Stack>
            </fieldset>
          </Paper>
        </Grid.Col>
        {/* The list of copies needs the whole width on a 1366 or 1280 px laptop; beside the security settings only on a wide screen. */}
        <Grid.Col span={{ base: 12, xl: 7 }}>
          <BackupList backups={status.backups} readOnly={readOnly} onRestore={(b) => setRestoring({ initial: b })} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 5 }}>
          <Paper p="lg" h="100%" data-testid="security-settings">
            <Group gap="xs" mb="sm">
              <IconShieldLock size={20} stroke={1.6} />
              <Title order={4}>Безопасность</Title>
            </Group>
            <fieldset className="plain-fieldset" disabled={!canSettings} data-readonly={!canSettings || undefined}>
              <Stack gap="sm">
                <NumberField
                  label="Блокировать программу после бездействия, минут"
                  description="Экран блокируется, если мышь и клавиатура не используются"
                  rule={RULES.autoLockMinutes}
                  value={form.autoLockMinutes}
                  onChange={set('autoLockMinutes')}
                  error={fieldError(p, 'autoLockMinutes')}
                  data-testid="set-autolock"
                />
                <NumberField
                  label="Неверных паролей подряд до блокировки входа"
                  rule={RULES.maxFailedLogins}
                  value={form.maxFailedLogins}
                  onChange={set('maxFailedLogins')}
                  error={fieldError(p, 'maxFailedLogins')}
                  data-testid="set-max-failed"
                />
                <NumberField
                  label="Вход блокируется на, минут"
                  description="Администратор может снять блокировку раньше: «Сбросить пароль»"
                  rule={RULES.lockoutMinutes}
                  value={form.lockoutMinutes}
                  onChange={set('lockoutMinutes')}
                  error={fieldError(p, 'lockoutMinutes')}
                  data-testid="set-lockout"
                />
                {saveError?.card === 'security' && p.length === 0 ? <ErrorAlert error={saveError.error} /> : null}
                {canSettings ? (
                  <Group justify="flex-end">
                    <Button variant="default" leftSection={<IconDeviceFloppy size={16} />} loading={saving === 'security'} onClick={() => void saveSettings('security')} data-testid="set-security-save">
                      Сохранить
                    </Button>
                  </Group>
                ) : null}
              </Stack>
            </fieldset>
          </Paper>
        </Grid.Col>
      </Grid>
      {readOnly ? (
        <Alert variant="light" color="gray">
          Создавать копии и восстанавливать данные может администратор системы.
        </Alert>
      ) : null}

      <CreateBackupModal
        mode={creating}
        keyEncryption={status.keyEncryption}
        onClose={() => setCreating(null)}
        onCreated={(b) => {
          setCreating(null);
          notifyOk(creating === 'usb' ? b.file : baseName(b.file), b.encrypted ? 'Зашифрованная копия создана' : 'Резервная копия создана');
        }}
      />
      <RestoreModal
        opened={restoring !== null}
        backups={status.backups}
        dir={status.dir}
        initial={restoring?.initial ?? null}
        onClose={() => setRestoring(null)}
        onRestored={() => notifyOk('Данные восстановлены из резервной копии')}
      />
    </Stack>
  );
}
