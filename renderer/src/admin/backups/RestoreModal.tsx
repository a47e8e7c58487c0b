import { useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, Radio, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCircleCheck, IconFileSearch, IconFolderOpen, IconHistory } from '@tabler/icons-react';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { hasFileDialog, pickBackupFile } from '../../lib/dialogs';
import { MAX, tooLong } from '../../lib/checks';
import { ruDateTime } from '../../lib/dates';
import { useAction } from '../../data/useAction';
import type { BackupInfo, RestoreResult } from '../../../../electron/api/types';
import { Choice, OTHER, baseName, type Step } from './RestoreParts';
import { RestoreConfirm } from './RestoreConfirm';

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
  const [result, setResult] = useState<RestoreResult | null>(null);
  const inspecting = useAction((f: string, pw: string) => call('backup.inspect', { file: f, password: pw || undefined }), {
    invalidates: false,
    onSuccess: (info) => {
      setPreview(info);
      setAgree(false);
      setOtherOk(false);
      setStep('confirm');
    },
  });
  const restoring = useAction(
    async (f: string, pw: string, other: boolean) => {
      setStep('restoring');
      try {
        return await call('backup.restore', { file: f, password: pw || undefined, otherDatabase: other || undefined });
      } catch (e) {
        setStep('confirm');
        throw e;
      }
    },
    {
      onSuccess: (r) => {
        setResult(r);
        setStep('done');
        onRestored(r);
      },
    },
  );
  const busy = inspecting.busy;
  const error = step === 'choose' ? inspecting.error : restoring.error;
  const setError = (e: null) => {
    inspecting.setError(e);
    restoring.setError(e);
  };
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

  const inspect = () => inspecting.run(file, password);
  const restore = () => restoring.run(file, password, foreign);

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
        <RestoreConfirm
          preview={preview}
          foreign={foreign}
          agree={agree}
          setAgree={setAgree}
          otherOk={otherOk}
          setOtherOk={setOtherOk}
          restoring={step === 'restoring'}
          error={error}
          onBack={() => setStep('choose')}
          onClose={onClose}
          onRestore={() => void restore()}
        />
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
