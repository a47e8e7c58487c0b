import { useState } from 'react';

/**
 * The state of a confirmation dialog: the action waiting for «OK», whether it runs, and its error
 * (the dialog stays open to show it). Shared by useConfirm and useConfirmDelete.
 */
export function usePendingAction<P extends { run: () => Promise<void> }>() {
  const [pending, setPending] = useState<P | null>(null);
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
  return { pending, ask: (p: P) => setPending(p), busy, error, close, confirm };
}
