/**
 * After a refused save: puts the cursor into the first field that shows a message (Mantine marks
 * them aria-invalid), inside `root` (a form, a modal) or anywhere, so the user sees what to fix.
 * Returns false for the caller's `return focusFirstError()`.
 */
export function focusFirstError(root?: Element | null): false {
  const scope: ParentNode = root ?? document;
  // After React has shown the messages of this save.
  setTimeout(() => {
    const el = scope.querySelector<HTMLElement>('[aria-invalid="true"]');
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  }, 0);
  return false;
}
