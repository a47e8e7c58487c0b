import { Badge, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useReadOnly } from '../app/access';

export function PageHeader({ title, description, actions }: { title: ReactNode; description?: ReactNode; actions?: ReactNode }) {
  const readOnly = useReadOnly();
  return (
    // The actions go under the title when both do not fit one line (a 1280 px laptop): never out of the window.
    <Group justify="space-between" align="flex-end" gap="md">
      <Stack gap={2} style={{ flex: '1 1 260px', minWidth: 0 }}>
        <Group gap="sm" wrap="nowrap">
          <Title order={2} fz={24}>
            {title}
          </Title>
          {readOnly ? (
            <Tooltip label="Ваша роль позволяет просматривать этот раздел, но не изменять его">
              <Badge variant="light" color="gray" size="lg" tt="none" fw={600} leftSection={<IconEye size={14} />} data-testid="read-only">
                Только просмотр
              </Badge>
            </Tooltip>
          ) : null}
        </Group>
        {description ? (
          <Text c="dimmed" size="sm">
            {description}
          </Text>
        ) : null}
      </Stack>
      {actions ? (
        <Group gap="xs" wrap="nowrap" ml="auto">
          {actions}
        </Group>
      ) : null}
    </Group>
  );
}
