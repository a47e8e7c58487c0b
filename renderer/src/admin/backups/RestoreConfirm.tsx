import { Alert, Button, Checkbox, Group, Paper, Progress, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconRestore } from '@tabler/icons-react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fileSize, ruDateTime } from '../../lib/dates';
import type { BackupInfo } from '../../../../electron/api/types';
import { Fact } from './RestoreParts';

/** The checked copy, what a restore replaces, and the confirmations (a second for another database's copy). */
export function RestoreConfirm(props: {
  preview: BackupInfo;
  foreign: boolean;
  agree: boolean;
  setAgree: (v: boolean) => void;
  otherOk: boolean;
  setOtherOk: (v: boolean) => void;
  restoring: boolean;
  error: unknown;
  onBack: () => void;
  onClose: () => void;
  onRestore: () => void;
}) {
  const { preview, foreign, agree, setAgree, otherOk, setOtherOk, restoring, error, onBack, onClose, onRestore } = props;
  return (
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
            disabled={restoring}
            data-testid="restore-other-ok"
          />
        </Alert>
      ) : null}
      <Checkbox
        label={`Я понимаю, что данные будут заменены состоянием на ${ruDateTime(preview.createdAt)}`}
        checked={agree}
        onChange={(e) => setAgree(e.currentTarget.checked)}
        disabled={restoring}
        data-testid="restore-agree"
      />
      {restoring ? (
        <Stack gap={6} data-testid="restore-progress">
          <Text size="sm" fw={500}>
            Сохраняем текущее состояние и восстанавливаем данные… Не закрывайте программу.
          </Text>
          <Progress value={100} animated striped color="red" />
        </Stack>
      ) : null}
      {error ? <ErrorAlert error={error} title="Данные не восстановлены" /> : null}
      <Group justify="space-between">
        <Button variant="subtle" color="gray" onClick={onBack} disabled={restoring}>
          ← Выбрать другую копию
        </Button>
        <Group gap="xs">
          <Button variant="default" onClick={onClose} disabled={restoring}>
            Отмена
          </Button>
          <Button color="red" leftSection={<IconRestore size={16} />} disabled={!agree || (foreign && !otherOk)} loading={restoring} onClick={onRestore} data-testid="restore-ok">
            Восстановить данные
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
