import type { ReactNode } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { IconArrowBackUp, IconCircleCheck, IconDeviceFloppy, IconPencil } from '@tabler/icons-react';

/**
 * The save model of the setup pages (docs/architecture.md, «Saving»): what is typed on a page is a
 * draft until «Сохранить»; the bar says whether there are unsaved changes and offers «Отменить
 * изменения» (back to the stored values). It stays at the bottom of the window while the page
 * scrolls. In the wizard «Сохранить и далее» saves, so the bar has no own «Сохранить».
 */
export function SaveBar(props: {
  dirty: boolean;
  saving?: boolean;
  onDiscard: () => void;
  /** Omitted in the wizard. A submit button of the page's form when `submit`. */
  onSave?: () => void;
  submit?: boolean;
  /** Prefix of the test ids: `${testId}-save`, `${testId}-discard`. */
  testId: string;
  saveLabel?: ReactNode;
  /** Other things on the bar (a badge, a hint), on the left after the state. */
  extra?: ReactNode;
  sticky?: boolean;
}) {
  const { dirty, testId } = props;
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      gap="sm"
      py={props.sticky === false ? 0 : 'xs'}
      data-testid={`${testId}-savebar`}
      data-dirty={dirty || undefined}
      style={
        props.sticky === false
          ? undefined
          : { position: 'sticky', bottom: 0, zIndex: 5, background: 'var(--mantine-color-body)', borderTop: dirty ? '1px solid var(--mantine-color-orange-3)' : '1px solid transparent' }
      }
    >
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
        {dirty ? (
          <Group gap={6} wrap="nowrap" data-testid="unsaved-state">
            <IconPencil size={16} color="var(--mantine-color-orange-7)" />
            <Text size="sm" c="orange.8" fw={600} style={{ whiteSpace: 'nowrap' }}>
              Есть несохранённые изменения
            </Text>
          </Group>
        ) : (
          <Group gap={6} wrap="nowrap">
            <IconCircleCheck size={16} color="var(--mantine-color-teal-6)" />
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              Изменения сохранены
            </Text>
          </Group>
        )}
        {props.extra}
      </Group>
      <Group gap="xs" wrap="nowrap">
        <Button variant="default" leftSection={<IconArrowBackUp size={16} />} disabled={!dirty || props.saving} onClick={props.onDiscard} data-testid={`${testId}-discard`}>
          Отменить изменения
        </Button>
        {props.onSave || props.submit ? (
          <Button
            type={props.submit ? 'submit' : 'button'}
            leftSection={<IconDeviceFloppy size={16} />}
            loading={props.saving}
            onClick={props.submit ? undefined : props.onSave}
            data-testid={`${testId}-save`}
          >
            {props.saveLabel ?? 'Сохранить'}
          </Button>
        ) : null}
      </Group>
    </Group>
  );
}
