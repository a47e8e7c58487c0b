import { Group, Progress, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconCircleCheckFilled, IconCircleDashed } from '@tabler/icons-react';
import type { ChecklistItem } from '../../../electron/api/types';

/** What setup still lacks, with green ticks for what is done. */
export function Checklist({ items, onPick, activeKey }: { items: ChecklistItem[]; onPick?: (key: ChecklistItem['key']) => void; activeKey?: string }) {
  const done = items.filter((i) => i.done).length;
  return (
    <Stack gap="xs" data-testid="checklist">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          Готовность школы
        </Text>
        <Text size="sm" c={done === items.length ? 'teal.7' : 'dimmed'} fw={600} data-testid="checklist-progress">
          {done} из {items.length}
        </Text>
      </Group>
      <Progress value={items.length ? (done / items.length) * 100 : 0} color={done === items.length ? 'teal' : 'indigo'} size="sm" />
      <Stack gap={2} mt={4}>
        {items.map((i) => (
          <UnstyledButton
            key={i.key}
            onClick={onPick ? () => onPick(i.key) : undefined}
            data-testid={`checklist-${i.key}`}
            data-done={i.done ? 'true' : 'false'}
            style={{
              padding: '6px 8px',
              borderRadius: 'var(--mantine-radius-sm)',
              background: activeKey === i.key ? 'var(--mantine-color-indigo-0)' : undefined,
              cursor: onPick ? 'pointer' : 'default',
            }}
          >
            <Group gap={10} wrap="nowrap" align="flex-start">
              {i.done ? (
                <IconCircleCheckFilled size={20} color="var(--mantine-color-teal-6)" style={{ flexShrink: 0, marginTop: 1 }} aria-label="готово" />
              ) : (
                <IconCircleDashed size={20} color="var(--mantine-color-gray-5)" style={{ flexShrink: 0, marginTop: 1 }} aria-label="не готово" />
              )}
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} c={i.done ? undefined : 'gray.8'}>
                  {i.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {i.detail}
                </Text>
              </div>
            </Group>
          </UnstyledButton>
        ))}
      </Stack>
    </Stack>
  );
}
