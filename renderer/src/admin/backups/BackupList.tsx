import { ActionIcon, EmptyState, Group, Paper, ScrollArea, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconDatabaseExport, IconKey, IconLock, IconRestore } from '@tabler/icons-react';
import { LightTooltip } from '../../components/LightTooltip';
import { countOf, fileSize, ruDateTime } from '../../lib/dates';
import type { BackupInfo } from '../../../../electron/api/types';
import { baseName } from './RestoreParts';

/** The copies in the backup folder, newest first; each may be restored (not for the director). */
export function BackupList({ backups, readOnly, onRestore }: { backups: BackupInfo[]; readOnly: boolean; onRestore: (b: BackupInfo) => void }) {
  return (
    <Paper p={0} h="100%">
      <Group justify="space-between" px="lg" pt="md" pb="sm">
        <Title order={4}>Копии в папке</Title>
        <Text size="sm" c="dimmed">
          {countOf(backups.length, 'копия', 'копии', 'копий')}
        </Text>
      </Group>
      {backups.length === 0 ? (
        <EmptyState py={40} icon={<IconDatabaseExport size={28} />} withIndicatorBackground title="Копий пока нет" description="Создайте первую копию кнопкой «Создать резервную копию сейчас»." />
      ) : (
        <ScrollArea.Autosize mah={460}>
          <Table striped highlightOnHover stickyHeader verticalSpacing={7} data-testid="backups-table">
            <Table.Thead>
              <Table.Tr>
              <Table.Th w={140}>Дата и время</Table.Th>
              <Table.Th>Причина</Table.Th>
              <Table.Th w={110}>Зашифрована</Table.Th>
              <Table.Th w={80} ta="right">
                Размер
              </Table.Th>
              <Table.Th w={120}>Учеников / сотрудников</Table.Th>
              {readOnly ? null : <Table.Th w={52} />}
            </Table.Tr>
          </Table.Thead>
            <Table.Tbody>
              {backups.map((b) => (
                <Table.Tr key={b.file} data-testid="backup-row">
                  <Table.Td className="tnum" fw={500} title={baseName(b.file)} style={{ whiteSpace: 'nowrap' }}>
                    {ruDateTime(b.createdAt)}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={b.reason === 'вручную' ? undefined : 'dimmed'} fw={b.reason === 'вручную' ? 500 : undefined}>
                      {b.reason}
                    </Text>
                    {b.origin === 'other' ? (
                      <LightTooltip label={`Копия другой базы данных${b.database?.school ? `: ${b.database.school}` : ''}`}>
                        <Group gap={3} c="orange.8" wrap="nowrap" data-testid="backup-row-foreign">
                          <IconAlertTriangle size={12} style={{ flexShrink: 0 }} />
                          <Text size="xs" fw={600} style={{ whiteSpace: 'nowrap' }}>
                            другая база
                          </Text>
                        </Group>
                      </LightTooltip>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {b.encrypted ? (
                      <Group gap={4} c="violet.7" wrap="nowrap">
                        {b.encryptedBy === 'key' ? <IconKey size={14} /> : <IconLock size={14} />}
                        <Text size="sm">{b.encryptedBy === 'key' ? 'ключом' : 'паролем'}</Text>
                      </Group>
                    ) : (
                      <Text size="sm" c="dimmed">
                        нет
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" className="tnum">
                    {fileSize(b.sizeBytes)}
                  </Table.Td>
                  <Table.Td className="tnum">
                    {b.encrypted ? (
                      <LightTooltip label={b.encryptedBy === 'key' ? 'Содержимое видно при проверке копии перед восстановлением' : 'Содержимое зашифрованной копии видно после ввода пароля при восстановлении'}>
                        <Text size="sm" c="dimmed" span>
                          —
                        </Text>
                      </LightTooltip>
                    ) : (
                      `${b.counts.students.toLocaleString('ru-RU')} / ${b.counts.staff}`
                    )}
                  </Table.Td>
                  {readOnly ? null : (
                    <Table.Td>
                      <LightTooltip label="Восстановить из этой копии…">
                        <ActionIcon variant="subtle" color="red" onClick={() => onRestore(b)} aria-label="Восстановить из этой копии" data-testid="backup-row-restore">
                          <IconRestore size={17} />
                        </ActionIcon>
                      </LightTooltip>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Paper>
  );
}
