import { z } from 'zod';

// Russian messages for the input problems the contract's schemas do not word themselves (they name
// their fields: electron/api/schemas.ts). These reach a person only when something other than our
// screens calls the API with values of the wrong kind; they still say what is wrong, in Russian,
// instead of zod's «ожидалось число, получено число».

const KIND: Record<string, string> = {
  string: 'нужен текст',
  number: 'нужно число',
  int: 'нужно целое число',
  boolean: 'нужно «да» или «нет»',
  object: 'нужен набор полей',
  array: 'нужен список',
  date: 'нужна дата',
  bigint: 'нужно число',
};

/** The field a problem is about, as a path («cells.0.hours»), or '' for the whole input. */
const where = (path: readonly PropertyKey[] | undefined) => (path && path.length ? ` (поле «${path.map(String).join('.')}»)` : '');

type RawIssue = z.core.$ZodRawIssue;

export function validationMessage(iss: RawIssue): string | undefined {
  const at = where(iss.path);
  switch (iss.code) {
    case 'invalid_type': {
      const v = iss.input;
      if (typeof v === 'number' && (iss.expected === 'number' || iss.expected === 'int')) {
        if (Number.isNaN(v)) return `Это не число${at}`;
        if (!Number.isFinite(v)) return `${v > 0 ? 'Слишком большое' : 'Слишком маленькое'} число${at}`;
      }
      if (v === undefined || v === null) return `Не заполнено обязательное поле${at}`;
      return `Неверное значение${at}: ${KIND[iss.expected] ?? 'нужно другое значение'}`;
    }
    case 'too_big':
      if (iss.origin === 'string') return `Слишком длинный текст${at}: не более ${String(iss.maximum)} символов`;
      if (iss.origin === 'array' || iss.origin === 'set') return `Слишком много элементов${at}: не более ${String(iss.maximum)}`;
      return `Слишком большое число${at}: не больше ${String(iss.maximum)}`;
    case 'too_small':
      if (iss.origin === 'string') return Number(iss.minimum) <= 1 ? `Не заполнено обязательное поле${at}` : `Слишком короткий текст${at}`;
      if (iss.origin === 'array' || iss.origin === 'set') return `Список пуст${at}`;
      return `Слишком маленькое число${at}: не меньше ${String(iss.minimum)}`;
    case 'invalid_value':
      return `Недопустимое значение${at}`;
    case 'unrecognized_keys':
      return `Лишние поля: ${iss.keys.map((k: string) => `«${k.slice(0, 40)}»`).slice(0, 5).join(', ')}`;
    case 'invalid_key':
      return `Неверное имя поля${at}`;
    case 'invalid_format':
      return `Неверный формат${at}`;
    case 'invalid_union':
    case 'invalid_element':
    case 'not_multiple_of':
    case 'custom':
      return `Неверное значение${at}`;
  }
  return undefined;
}

let installed = false;

/** Zod speaks Russian in the core: our messages first, zod's Russian locale for anything else. */
export function installValidationMessages(): void {
  if (installed) return;
  installed = true;
  z.config(z.locales.ru());
  z.config({ customError: validationMessage });
}
