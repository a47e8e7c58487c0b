// Unsaved changes are never lost silently (issue 8, point 2). A page or a form with edits that are
// not saved registers a guard; leaving the page (a menu click, a link, the browser's back, a reload
// or closing the window) or closing the form asks first: «Сохранить» / «Не сохранять» / «Остаться».
import { useCallback, useEffect, useId, useRef, useSyncExternalStore } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconDeviceFloppy } from '@tabler/icons-react';

export interface UnsavedTarget {
  /** Saves the edits; false when they were refused (the form then shows why, and the user stays). */
  save?: () => Promise<boolean>;
  /** Drops the edits (back to the stored values). */
  discard?: () => void;
}

const guards = new Map<string, UnsavedTarget>();

/** True while some page or form holds edits that are not saved. */
export function hasUnsaved(): boolean {
  return guards.size > 0;
}

/**
 * Registers the page's or form's unsaved edits while `dirty`. `save` and `discard` may change on
 * every render: the latest ones are called.
 */
export function useUnsavedGuard(dirty: boolean, target: UnsavedTarget): void {
  const id = useId();
  const latest = useRef(target);
  latest.current = target;
  useEffect(() => {
    if (!dirty) return;
    guards.set(id, {
      save: latest.current.save ? () => latest.current.save!() : undefined,
      discard: () => latest.current.discard?.(),
    });
    return () => {
      guards.delete(id);
    };
    // `save` presence decides whether «Сохранить» is offered: re-register when it appears or goes.
  }, [dirty, id, !!target.save]);
}

// ---- the question ---------------------------------------------------------------------------

type Answer = 'save' | 'discard' | 'stay';
interface Question {
  targets: UnsavedTarget[];
  resolve: (answer: Answer) => void;
}
let question: Question | null = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/** True while the question is on screen (a second close request meanwhile is ignored). */
export function isAsking(): boolean {
  return question !== null;
}

/**
 * Asks about the unsaved edits of `targets` (by default every registered guard) and carries out the
 * answer. Resolves true when the caller may go on: the edits were saved or the user chose not to
 * save them; false to stay.
 */
export async function askUnsaved(targets: UnsavedTarget[] = [...guards.values()]): Promise<boolean> {
  if (targets.length === 0) return true;
  if (question) return false;
  const answer = await new Promise<Answer>((resolve) => {
    question = { targets, resolve };
    emit();
  });
  question = null;
  emit();
  if (answer === 'stay') return false;
  if (answer === 'discard') {
    for (const t of targets) t.discard?.();
    return true;
  }
  for (const t of targets) if (t.save && !(await t.save())) return false;
  return true;
}

/** The question «Есть несохранённые изменения», rendered once at the root of the app. */
export function UnsavedDialog() {
  const q = useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => question,
  );
  const canSave = !!q && q.targets.every((t) => t.save);
  const answer = (a: Answer) => q?.resolve(a);
  return (
    <Modal
      opened={q !== null}
      onClose={() => answer('stay')}
      title="Есть несохранённые изменения"
      size={520}
      zIndex={400}
      data-testid="unsaved-dialog"
    >
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <IconAlertTriangle size={22} color="var(--mantine-color-orange-6)" style={{ flexShrink: 0 }} />
          <Text size="sm">
            {canSave ? 'Сохранить изменения, прежде чем уйти? Если не сохранять, внесённые изменения пропадут.' : 'Если уйти, внесённые изменения пропадут.'}
          </Text>
        </Group>
        <Group justify="flex-end" gap="xs" wrap="nowrap">
          <Button variant="default" onClick={() => answer('stay')} data-testid="unsaved-stay" data-autofocus>
            Остаться
          </Button>
          <Button variant="light" color="red" onClick={() => answer('discard')} data-testid="unsaved-discard">
            Не сохранять
          </Button>
          {canSave ? (
            <Button leftSection={<IconDeviceFloppy size={16} />} onClick={() => answer('save')} data-testid="unsaved-save">
              Сохранить
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Modal>
  );
}

// ---- leaving the page through the browser: reload, close, typed address ---------------------

window.addEventListener('beforeunload', (e) => {
  if (!hasUnsaved()) return;
  e.preventDefault();
  // Older engines need returnValue set; the text is the browser's own.
  e.returnValue = '';
});

// ---- closing a form (modal or drawer) -------------------------------------------------------

/**
 * The close request of a form: Escape, ×, a click outside or «Отмена». With unsaved edits it asks
 * first. The form's guard also covers leaving the page while it is open.
 */
export function useGuardedClose(opts: { opened: boolean; dirty: boolean; onClose: () => void; save?: () => Promise<boolean>; discard?: () => void }): () => void {
  const { opened, dirty } = opts;
  const latest = useRef(opts);
  latest.current = opts;
  useUnsavedGuard(opened && dirty, { save: opts.save, discard: opts.discard });
  return useCallback(() => {
    const o = latest.current;
    if (isAsking()) return;
    if (!o.opened || !o.dirty) {
      o.onClose();
      return;
    }
    void askUnsaved([{ save: o.save, discard: o.discard }]).then((ok) => {
      if (ok) latest.current.onClose();
    });
  }, []);
}
