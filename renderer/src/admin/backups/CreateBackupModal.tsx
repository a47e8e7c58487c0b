import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, PasswordInput, Progress, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconDatabaseExport, IconUsb } from '@tabler/icons-react';
import { call } from '../../api';
import { useAction } from '../../data/useAction';
import type { OpInput } from '../../../../electron/api/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { hasFolderDialog, pickBackupFolder } from '../../lib/dialogs';
import { MAX, tooLong } from '../../lib/checks';
import { fieldError, problemsOf } from '../../lib/errors';
import type { BackupInfo } from '../../../../electron/api/types';

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
  const creating = useAction(
    async (input: OpInput<'backup.create'>, encrypted: boolean): Promise<BackupInfo | null> => {
      try {
        return await call('backup.create', input);
      } catch (e) {
        // The backup folder is outside the data folder: ask as for a USB stick (not an error).
        if (fieldError(problemsOf(e), 'password') && !encrypted) {
          setOutside(true);
          return null;
        }
        throw e;
      }
    },
    { onSuccess: (b) => (b ? onCreated(b) : undefined) },
  );
  const { busy, error, setError } = creating;
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
    await creating.run(
      {
        dir: mode === 'usb' ? dir.trim() : null,
        password: encrypt ? password : undefined,
        unencrypted: plainWarning && plainOk ? true : undefined,
      },
      encrypt,
    );
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

