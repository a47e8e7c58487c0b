import { Alert } from '@mantine/core';
import { IconRefreshAlert } from '@tabler/icons-react';

/**
 * Said above a form whose stored record changed while it held unsaved edits (useDraft): the edits
 * are kept; the user decides.
 */
export function DraftChangedNotice({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <Alert color="orange" variant="light" icon={<IconRefreshAlert size={18} />} title="Данные изменились" data-testid="draft-changed">
      Пока вы редактировали, эти данные сохранил другой пользователь. Ваши изменения на экране: «Сохранить» запишет их поверх, «Отменить
      изменения» покажет то, что сохранено сейчас.
    </Alert>
  );
}
