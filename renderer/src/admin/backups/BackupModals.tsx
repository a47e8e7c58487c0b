import { useEffect, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  PasswordInput,
  Progress,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconDatabaseExport,
  IconFileSearch,
  IconFolderOpen,
  IconHistory,
  IconKey,
  IconLock,
  IconRestore,
  IconUsb,
} from '@tabler/icons-react';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { hasFileDialog, hasFolderDialog, pickBackupFile, pickBackupFolder } from '../../lib/dialogs';
import { MAX, tooLong } from '../../lib/checks';
import { fieldError, problemsOf } from '../../lib/errors';
import { fileSize, ruDateTime } from '../../lib/dates';
import type { BackupInfo, RestoreResult } from '../../../../electron/api/types';

export const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;

/**
 * «Создать резервную копию сейчас» (into the backup folder) or «Сохранить на флешку…» (a folder
 * chosen in the system's dialog or typed). A copy leaving the private data folder is encrypted
 * unless the administrator declines after a warning (the core refuses it otherwise).
 */
export function CreateBackupModal({
  mode,
  keyEncryption,
  onClose,
  onCreated,
}: {
  mode: 'here' | 'usb' | null;
  /** Copies into the backup folder are encrypted with this computer's key (the desktop app). */
  keyEncryption: boolean;
  onClose: () => void;
  onCreated: (b: BackupInfo) => void;
}) {
  const [dir, setDir] = useState('');
  const [encrypt, setEncrypt] = useState(false);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [plainOk, setPlainOk] = useState(false);
  /** The backup folder lies outside the data folder (the core said so): the same choice as for a USB stick. */
  const [outside, setOutside] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!mode) return;
    setDir('');
    setEncrypt(mode === 'usb');
    setPassword('');
    setRepeat('');
    setPlainOk(false);
    setOutside(false);
    setLocal({});
    setError(null);
  }, [mode]);

  const leaves = mode === 'usb' || outside;
  const plainWarning = leaves && !encrypt;
  const problems = problemsOf(error);

  const chooseFolder = async () => {
    const chosen = await pickBackupFolder();
    if (chosen) {
      setDir(chosen);
      setLocal((l) => ({ ...l, dir: '' }));
    }
  };

  const submit = async () => {
    const l: Record<string, string> = {};
    if (mode === 'usb' && !dir.trim()) l.dir = 'Укажите папку на флешке или сетевом диске';
    else if (mode === 'usb' && tooLong(dir, MAX.path, 'Папка')) l.dir = tooLong(dir, MAX.path, 'Папка')!;
    if (encrypt) {
      if (password.length < 8) l.password = 'Пароль резервной копии — не менее 8 символов';
      else if (password.length > MAX.password) l.password = `Пароль — не более ${MAX.password} символов`;
      else if (password !== repeat) l.repeat = 'Пароли не совпадают';
    } else if (plainWarning && !plainOk) l.plain = 'Задайте пароль копии или подтвердите, что сохраняете её без шифрования';
    setLocal(l);
    if (Object.values(l).some(Boolean)) return;
    setBusy(true);
    setError(null);
    try {
      const b = await call('backup.create', {
        dir: mode === 'usb' ? dir.trim() : null,
        password: encrypt ? password : undefined,
        unencrypted: plainWarning && plainOk ? true : undefined,
      });
      onCreated(b);
    } catch (e) {
      // The backup folder is outside the data folder: ask as for a USB stick.
      if (fieldError(problemsOf(e), 'password') && !encrypt) {
        setOutside(true);
        setError(null);
      } else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={mode !== null}
      onClose={() => !busy && onClose()}
      title={mode === 'usb' ? 'Сохранить резервную копию на флешку' : 'Создать резервную копию'}
      size="lg"
      data-testid="backup-create-modal"
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          {mode === 'usb' ? (
            <TextInput
              label="Папка"
              withAsterisk
              description="Полный путь к папке на флешке или сетевом диске. Храните флешку с копией вне компьютера, в надёжном месте."
              placeholder="E:\Резервные копии   или   /media/usb"
              leftSection={<IconUsb size={16} stroke={1.6} />}
              rightSection={
                hasFolderDialog() ? (
                  <Button size="compact-sm" variant="light" onClick={() => void chooseFolder()} disabled={busy} data-testid="backup-dir-pick">
                    Выбрать…
                  </Button>
                ) : undefined
              }
              rightSectionWidth={hasFolderDialog() ? 100 : undefined}
              rightSectionPointerEvents="all"
              value={dir}
              onChange={(e) => setDir(e.currentTarget.value)}
              error={tooLong(dir, MAX.path, 'Папка') ?? (local.dir || fieldError(problems, 'dir'))}
              disabled={busy}
              data-autofocus
              data-testid="backup-dir"
            />
          ) : (
            <Text size="sm" c="dimmed">
              Копия всей базы данных школы будет сохранена в папку резервных копий. Это занимает несколько секунд; работать можно сразу после.
              {keyEncryption && !encrypt
                ? ' Копия будет зашифрована ключом этого компьютера: восстановить её можно только здесь. Чтобы унести копию, используйте «Сохранить на флешку…».'
                : ''}
            </Text>
          )}
          <Checkbox
            label="Зашифровать паролем"
            description={
              leaves
                ? 'Рекомендуется: на флешке копия может попасть в чужие руки. Без пароля восстановить зашифрованную копию нельзя — пароль нигде не хранится.'
                : 'Без пароля восстановить зашифрованную копию нельзя — пароль нигде не хранится.'
            }
            checked={encrypt}
            onChange={(e) => {
              setEncrypt(e.currentTarget.checked);
              setLocal({});
            }}
            disabled={busy}
            data-testid="backup-encrypt"
          />
          {encrypt ? (
            <SimpleGrid cols={2} spacing="sm">
              <PasswordInput label="Пароль копии" withAsterisk value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={local.password || fieldError(problems, 'password')} disabled={busy} data-testid="backup-password" />
              <PasswordInput label="Пароль ещё раз" withAsterisk value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)} error={local.repeat} disabled={busy} data-testid="backup-repeat" />
            </SimpleGrid>
          ) : null}
          {plainWarning ? (
            <Alert color="orange" variant="light" icon={<IconAlertTriangle size={20} />} title="Копия без шифрования" data-testid="backup-plain-warning">
              <Text size="sm">
                {outside
                  ? 'Папка резервных копий лежит вне папки данных программы. '
                  : ''}
                В копии — персональные данные учеников, их родителей и сотрудников. Без пароля её откроет любой, к кому попадёт флешка или доступ к папке.
              </Text>
              <Checkbox
                mt="sm"
                label="Понимаю риск: сохранить копию без шифрования"
                checked={plainOk}
                onChange={(e) => {
                  setPlainOk(e.currentTarget.checked);
                  setLocal((l) => ({ ...l, plain: '' }));
                }}
                error={local.plain}
                disabled={busy}
                data-testid="backup-plain-ok"
              />
            </Alert>
          ) : null}
          {busy ? (
            <Stack gap={6} data-testid="backup-progress">
              <Text size="sm" fw={500}>
                Создаём резервную копию и проверяем её целостность…
              </Text>
              <Progress value={100} animated striped />
            </Stack>
          ) : null}
          {error && !fieldError(problems, 'dir') ? <ErrorAlert error={error} title="Резервная копия не создана" /> : null}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Отмена
            </Button>
            <Button type="submit" loading={busy} leftSection={mode === 'usb' ? <IconUsb size={16} /> : <IconDatabaseExport size={16} />} data-testid="backup-create-ok">
              {mode === 'usb' ? 'Сохранить копию' : 'Создать копию'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Fact({ label, value, testId }: { label: string; value: React.ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="sm" fw={500} className="tnum" data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

type Step = 'choose' | 'confirm' | 'restoring' | 'done';
const OTHER = '__other__';

/** One copy in the restore list: when, why, how it is locked, and whose data when not this database's. */
function Choice({ b }: { b: BackupInfo }) {
  return (
    <Radio.Card value={b.file} p="sm" radius="sm" data-testid={b.origin === 'other' ? 'restore-choice-foreign' : 'restore-choice'}>
      <Group wrap="nowrap" gap="sm">
        <Radio.Indicator />
        <div style={{ flex: 1, minWidth: 0 }}>
          <Group gap={8}>
            <Text size="sm" fw={600} className="tnum">
              {ruDateTime(b.createdAt)}
            </Text>
            <Badge size="sm" variant="light" color="gray" tt="none">
              {b.reason}
            </Badge>
            {b.encryptedBy === 'key' ? (
              <Badge size="sm" variant="light" color="violet" tt="none" leftSection={<IconKey size={11} />}>
                ключ компьютера
              </Badge>
            ) : b.encrypted ? (
              <Badge size="sm" variant="light" color="violet" tt="none" leftSection={<IconLock size={11} />}>
                зашифрована паролем
              </Badge>
            ) : null}
            {b.origin === 'other' ? (
              <Badge size="sm" variant="light" color="orange" tt="none" leftSection={<IconAlertTriangle size={11} />}>
                другая база данных
              </Badge>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed" truncate>
            {b.origin === 'other' && b.database?.school ? `Школа: ${b.database.school} · ` : ''}
            {b.encrypted ? baseName(b.file) : `Учеников: ${b.counts.students}, сотрудников: ${b.counts.staff}, классов: ${b.counts.classes} · ${fileSize(b.sizeBytes)}`}
          </Text>
        </div>
      </Group>
    </Radio.Card>
  );
}

/**
 * «Восстановить…»: choose a copy of the backup folder (this database's, and apart, clearly marked,
 * another database's) or, in the desktop app, a file in the system's dialog; its password when it
 * has one; a full check with a preview (backup.inspect), a strong confirmation — a second one for
 * another database's copy — then backup.restore. Every refusal is shown.
 */
export function RestoreModal({
  opened,
  backups,
  dir,
  initial,
  onClose,
  onRestored,
}: {
  opened: boolean;
  backups: BackupInfo[];
  /** The backup folder: in the browser, the only place a copy can be restored from. */
  dir: string;
  initial: BackupInfo | null;
  onClose: () => void;
  onRestored: (r: RestoreResult) => void;
}) {
  const [step, setStep] = useState<Step>('choose');
  const [choice, setChoice] = useState<string>('');
  const [path, setPath] = useState('');
  const [password, setPassword] = useState('');
  const [preview, setPreview] = useState<BackupInfo | null>(null);
  const [agree, setAgree] = useState(false);
  const [otherOk, setOtherOk] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RestoreResult | null>(null);
  const ours = backups.filter((b) => b.origin !== 'other');
  const others = backups.filter((b) => b.origin === 'other');

  useEffect(() => {
    if (!opened) return;
    setStep('choose');
    setChoice(initial?.file ?? ours[0]?.file ?? OTHER);
    setPath('');
    setPassword('');
    setPreview(null);
    setAgree(false);
    setOtherOk(false);
    setError(null);
    setResult(null);
    // Only when the dialog opens: the list reloads after a restore and must not reset the result.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);

  const file = choice === OTHER ? path : choice;
  const listed = backups.find((b) => b.file === choice);
  const needsPassword = (choice === OTHER && path !== '') || listed?.encryptedBy === 'password' || (listed?.encrypted === true && listed.encryptedBy === undefined);
  const foreign = preview?.origin === 'other';

  const chooseFile = async () => {
    setError(null);
    const chosen = await pickBackupFile();
    if (chosen) setPath(chosen);
  };

  const inspect = async () => {
    setBusy(true);
    setError(null);
    try {
      setPreview(await call('backup.inspect', { file, password: password || undefined }));
      setAgree(false);
      setOtherOk(false);
      setStep('confirm');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const restore = async () => {
    setStep('restoring');
    setError(null);
    try {
      const r = await call('backup.restore', { file, password: password || undefined, otherDatabase: foreign || undefined });
      setResult(r);
      setStep('done');
      onRestored(r);
    } catch (e) {
      setError(e);
      setStep('confirm');
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={() => step !== 'restoring' && onClose()}
      title="Восстановление из резервной копии"
      size="xl"
      closeOnClickOutside={false}
      data-testid="restore-modal"
    >
      {step === 'choose' ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!tooLong(path, MAX.path, 'Путь к файлу')) void inspect();
          }}
        >
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              Выберите копию. Перед восстановлением программа полностью проверит файл и покажет, что в нём.
            </Text>
            <Radio.Group
              value={choice}
              onChange={(v) => {
                setChoice(v);
                setError(null);
              }}
            >
              {/* A plain scrolling box: the list is as wide as the dialog, long names are cut with «…» */}
              <div style={{ maxHeight: 300, overflowY: 'auto' }}>
                <Stack gap={6} data-testid="restore-choices">
                  {ours.map((b) => (
                    <Choice key={b.file} b={b} />
                  ))}
                  {others.length ? (
                    <Text size="xs" fw={700} c="orange.8" tt="uppercase" mt={6} data-testid="restore-foreign-heading">
                      Копии другой базы данных — не этой школы или другой установки программы
                    </Text>
                  ) : null}
                  {others.map((b) => (
                    <Choice key={b.file} b={b} />
                  ))}
                  {hasFileDialog() ? (
                    <Radio.Card value={OTHER} p="sm" radius="sm" data-testid="restore-choice-other">
                      <Group wrap="nowrap" gap="sm">
                        <Radio.Indicator />
                        <Text size="sm" fw={600}>
                          Другой файл — с флешки или из другой папки
                        </Text>
                      </Group>
                    </Radio.Card>
                  ) : null}
                </Stack>
              </div>
            </Radio.Group>
            {choice === OTHER ? (
              <Group gap="sm" wrap="nowrap">
                <Button variant="default" leftSection={<IconFolderOpen size={16} />} onClick={() => void chooseFile()} style={{ flexShrink: 0 }} data-testid="restore-pick">
                  Выбрать файл…
                </Button>
                <Text size="sm" ff="monospace" c={path ? undefined : 'dimmed'} truncate style={{ minWidth: 0 }} title={path} data-testid="restore-path">
                  {path || 'файл не выбран'}
                </Text>
              </Group>
            ) : null}
            {!hasFileDialog() ? (
              <Text size="xs" c="dimmed" data-testid="restore-browser-note">
                В браузере можно восстановить только копию из папки резервных копий. Копию с флешки скопируйте в папку «{dir}» — она появится в этом списке.
              </Text>
            ) : null}
            {listed?.encryptedBy === 'key' ? (
              <Text size="xs" c="dimmed">
                Копия зашифрована ключом этого компьютера: пароль не нужен.
              </Text>
            ) : null}
            {needsPassword ? (
              <PasswordInput
                label={choice === OTHER ? 'Пароль копии (если она зашифрована)' : 'Пароль копии'}
                withAsterisk={choice !== OTHER}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                data-testid="restore-password"
              />
            ) : null}
            {error ? <ErrorAlert error={error} title="Копию нельзя восстановить" /> : null}
            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={onClose}>
                Отмена
              </Button>
              <Button type="submit" loading={busy} disabled={!file} leftSection={<IconFileSearch size={16} />} data-testid="restore-inspect">
                Проверить копию
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}

      {(step === 'confirm' || step === 'restoring') && preview ? (
        <Stack gap="md">
          <Paper p="md" bg="gray.0" data-testid="restore-preview">
            <Group gap="xs" mb="sm">
              <ThemeIcon size={28} radius="xl" color="teal" variant="light">
                <IconCircleCheck size={18} />
              </ThemeIcon>
              <Text fw={600}>Копия проверена: файл цел</Text>
            </Group>
            {preview.database?.school ? (
              <Text size="sm" mb="sm" data-testid="restore-school">
                Школа: {preview.database.school}
              </Text>
            ) : null}
            <SimpleGrid cols={4} spacing="md" verticalSpacing="sm">
              <Fact label="Создана" value={ruDateTime(preview.createdAt)} testId="restore-created" />
              <Fact label="Причина" value={preview.reason} />
              <Fact label="Версия программы" value={preview.appVersion || 'неизвестна'} />
              <Fact label="Размер" value={fileSize(preview.sizeBytes)} />
              <Fact label="Учеников" value={preview.counts.students.toLocaleString('ru-RU')} testId="restore-students" />
              <Fact label="Сотрудников" value={preview.counts.staff} />
              <Fact label="Классов" value={preview.counts.classes} />
              <Fact label="Пользователей" value={preview.counts.users} />
            </SimpleGrid>
            <Text size="xs" c="dimmed" mt="sm" ff="monospace" truncate title={preview.file}>
              {preview.file}
            </Text>
          </Paper>
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Текущие данные будут заменены данными копии">
            <Text size="sm">
              Всё, что внесено после {ruDateTime(preview.createdAt)}, — ученики, сотрудники, классы, настройки, пользователи и их пароли — вернётся к
              состоянию копии.
            </Text>
            <Text size="sm" mt={6}>
              Перед восстановлением программа сама сохранит резервную копию текущего состояния («перед восстановлением»): если копия выбрана по ошибке, из
              неё можно вернуть сегодняшние данные.
            </Text>
          </Alert>
          {foreign ? (
            <Alert color="orange" variant="light" icon={<IconAlertTriangle size={20} />} title="Это копия другой базы данных" data-testid="restore-foreign">
              <Text size="sm">
                Копия сделана не из базы, открытой сейчас{preview.database?.school ? `, а из базы школы «${preview.database.school}»` : ''}: другой школы или другой
                установки программы. После восстановления в программе будут данные той базы — её ученики, сотрудники, пользователи и их пароли.
              </Text>
              <Checkbox
                mt="sm"
                label="Да, восстановить копию другой базы данных"
                checked={otherOk}
                onChange={(e) => setOtherOk(e.currentTarget.checked)}
                disabled={step === 'restoring'}
                data-testid="restore-other-ok"
              />
            </Alert>
          ) : null}
          <Checkbox
            label={`Я понимаю, что данные будут заменены состоянием на ${ruDateTime(preview.createdAt)}`}
            checked={agree}
            onChange={(e) => setAgree(e.currentTarget.checked)}
            disabled={step === 'restoring'}
            data-testid="restore-agree"
          />
          {step === 'restoring' ? (
            <Stack gap={6} data-testid="restore-progress">
              <Text size="sm" fw={500}>
                Сохраняем текущее состояние и восстанавливаем данные… Не закрывайте программу.
              </Text>
              <Progress value={100} animated striped color="red" />
            </Stack>
          ) : null}
          {error ? <ErrorAlert error={error} title="Данные не восстановлены" /> : null}
          <Group justify="space-between">
            <Button variant="subtle" color="gray" onClick={() => setStep('choose')} disabled={step === 'restoring'}>
              ← Выбрать другую копию
            </Button>
            <Group gap="xs">
              <Button variant="default" onClick={onClose} disabled={step === 'restoring'}>
                Отмена
              </Button>
              <Button color="red" leftSection={<IconRestore size={16} />} disabled={!agree || (foreign && !otherOk)} loading={step === 'restoring'} onClick={() => void restore()} data-testid="restore-ok">
                Восстановить данные
              </Button>
            </Group>
          </Group>
        </Stack>
      ) : null}

      {step === 'done' && result ? (
        <Stack gap="md" data-testid="restore-done">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon size={44} radius="xl" color="teal" variant="light">
              <IconCircleCheck size={28} />
            </ThemeIcon>
            <div>
              <Text fw={700} size="lg">
                Данные восстановлены
              </Text>
              <Text size="sm" c="dimmed">
                Состояние на {ruDateTime(result.restored.createdAt)}: учеников {result.restored.counts.students}, сотрудников {result.restored.counts.staff},
                классов {result.restored.counts.classes}.
              </Text>
            </div>
          </Group>
          <Alert color="blue" variant="light" icon={<IconHistory size={18} />}>
            <Text size="sm">Данные, какими они были перед восстановлением, сохранены в копию:</Text>
            <Text size="sm" ff="monospace" mt={4} data-testid="restore-safety">
              {baseName(result.safetyBackup.file)}
            </Text>
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="restore-close">
              Готово
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
