import { notifications } from '@mantine/notifications';
import { errorMessage } from './errors';

export function notifyOk(message: string, title?: string) {
  notifications.show({ color: 'teal', title, message, autoClose: 3500 });
}

export function notifyError(e: unknown, title = 'Не выполнено') {
  notifications.show({ color: 'red', title, message: errorMessage(e), autoClose: 7000 });
}
