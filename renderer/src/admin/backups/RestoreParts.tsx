import { Badge, Group, Radio, Text } from '@mantine/core';
import { IconAlertTriangle, IconKey, IconLock } from '@tabler/icons-react';
import { fileSize, ruDateTime } from '../../lib/dates';
import type { BackupInfo } from '../../../../electron/api/types';

export const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;

/** One fact of a checked copy (its date, reason, counts). */
export function Fact({ label, value, testId }: { label: string; value: React.ReactNode; testId?: string }) {
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

export type Step = 'choose' | 'confirm' | 'restoring' | 'done';
export const OTHER = '__other__';

/** One copy in the restore list: when, why, how it is locked, and whose data when not this database's. */
export function Choice({ b }: { b: BackupInfo }) {
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

