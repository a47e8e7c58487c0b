import { useState, type ReactNode } from 'react';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { ErrorAlert } from './ErrorAlert';

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
  const [pending, setPending] = useState<ConfirmRequest | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    if (busy) return;
    setPending(null);
    setError(null);
  };
  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      await pending.run();
      setPending(null);
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
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
  return [(r) => setPending(r), modal];
}
