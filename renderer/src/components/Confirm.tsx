import type { ReactNode } from 'react';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { ErrorAlert } from './ErrorAlert';
import { usePendingAction } from './usePendingAction';

export interface ConfirmRequest {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  color?: string;
  icon?: ReactNode;
  /** Shown when run() throws. */
  errorTitle?: string;
  run: () => Promise<void>;
}

/**
 * A confirmation before an action that is not a deletion («Отключить», «Сбросить пароль»).
 * Returns [ask, modal]: call ask({...}) and render the modal.
 */
export function useConfirm(): [(r: ConfirmRequest) => void, ReactNode] {
  const { pending, ask, busy, error, close, confirm } = usePendingAction<ConfirmRequest>();
  const modal = (
    <Modal opened={pending !== null} onClose={close} title={pending?.title} size="md" data-testid="confirm-modal">
      <Stack gap="md">
        <div>{pending?.message}</div>
        {error ? <ErrorAlert error={error} title={pending?.errorTitle ?? 'Не выполнено'} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} disabled={busy}>
            Отмена
          </Button>
          <Button color={pending?.color} leftSection={pending?.icon} loading={busy} onClick={() => void confirm()} data-testid="confirm-ok" data-autofocus>
            {pending?.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
  return [ask, modal];
}
