import { Button, Group, Modal, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { ErrorAlert } from './ErrorAlert';
import { usePendingAction } from './usePendingAction';

interface Pending {
  what: string;
  run: () => Promise<void>;
}

/**
 * A confirmation before deleting: «Удалить ученика Иванова Ивана?». The `what` is in the accusative
 * (names through declineName). Returns [ask, modal]: call ask('ученика Иванова Ивана', async () => …).
 */
export function useConfirmDelete(): [(what: string, run: () => Promise<void>) => void, React.ReactNode] {
  const { pending, ask, busy, error, close, confirm } = usePendingAction<Pending>();

  const modal = (
    <Modal opened={pending !== null} onClose={close} title="Удаление" size="md" data-testid="confirm-delete">
      <Text>
        Удалить {pending?.what}?
      </Text>
      <Text size="sm" c="dimmed" mt={4}>
        Запись пропадёт из списков и отчётов. В журнале изменений останется, кто и когда её удалил.
      </Text>
      {error ? (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={error} title="Не удалено" />
        </div>
      ) : null}
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={close} disabled={busy}>
          Отмена
        </Button>
        <Button color="red" leftSection={<IconTrash size={16} />} loading={busy} onClick={() => void confirm()} data-testid="confirm-delete-ok" data-autofocus>
          Удалить
        </Button>
      </Group>
    </Modal>
  );
  return [(what, run) => ask({ what, run }), modal];
}
