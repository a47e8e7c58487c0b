// The Russian refusals of the backup feature, each naming the file and what is wrong with it.
import { basename } from 'node:path';
import { AppError, invalid } from '../../api/errors';

export const corrupted = (file: string) => invalid(`Файл «${basename(file)}» повреждён или не является резервной копией Школьного офиса.`);

/** A valid database whose schema is not exactly ours for its version (a planted trigger, view, table or column). */
export const foreignSchema = (file: string, differences: string[]) =>
  invalid(
    `Файл «${basename(file)}» не является резервной копией Школьного офиса: в его базе данных не то устройство, что создаёт программа ` +
      `(${differences.slice(0, 3).join('; ')}${differences.length > 3 ? `; и ещё ${differences.length - 3}` : ''}). Такую копию нельзя восстановить. Ничего не изменено.`,
  );

/** No metadata row, or one without the content digest: the file was not made by this program's backup, or was changed. */
export const noSeal = (file: string) =>
  invalid(
    `Файл «${basename(file)}» не является резервной копией Школьного офиса: в нём нет отметки резервной копии (дата создания и контрольная сумма содержимого). ` +
      'Такую копию нельзя восстановить. Ничего не изменено.',
  );

export const wrongPassword = (file: string) =>
  invalid(`Неверный пароль резервной копии «${basename(file)}». Если пароль верный, файл повреждён. Ничего не изменено.`);

export const passwordNeeded = (file: string) => invalid(`Резервная копия «${basename(file)}» зашифрована: введите её пароль.`);

export const keyNeeded = (file: string) =>
  invalid(
    `Резервная копия «${basename(file)}» зашифрована ключом того компьютера, на котором её сделала программа: ` +
      'открыть её можно только там, в той же учётной записи. Ничего не изменено.',
  );

export const newerSchema = (version: number) =>
  invalid(`Резервная копия создана более новой версией программы (схема ${version}). Обновите программу.`);

export const notFound = (file: string) => new AppError('not_found', `Файл резервной копии не найден: ${file}`);

/** A file-system failure while writing a backup, told in Russian (the cause kind only, no data). */
export function writeFailed(dir: string, e: unknown): AppError {
  const code = (e as { code?: unknown })?.code;
  const why =
    code === 'ENOSPC' || code === 'SQLITE_FULL'
      ? 'на диске нет места'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || (typeof code === 'string' && code.startsWith('SQLITE_READONLY'))
        ? 'нет прав на запись в эту папку'
        : code === 'ENOENT' || code === 'ENOTDIR' || (typeof code === 'string' && code.startsWith('SQLITE_CANTOPEN'))
          ? 'папка недоступна'
          : 'ошибка записи';
  return new AppError('unavailable', `Не удалось сохранить резервную копию в папку «${dir}»: ${why}.`);
}
