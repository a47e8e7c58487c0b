/** One problem in user input: the row (1-based, as the user sees it), the field and what is wrong, in Russian. */
export interface Problem {
  row?: number;
  column?: string;
  message: string;
}

export type ErrorCode = 'validation' | 'not_found' | 'conflict' | 'forbidden' | 'unauthenticated' | 'locked' | 'internal' | 'unavailable' | 'cancelled';

/** An error that crosses the API boundary as a presentable Russian message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toJSON(): SerializedError {
    return { code: this.code, message: this.message, problems: this.problems };
  }

  static from(e: SerializedError): AppError {
    return new AppError(e.code, e.message, e.problems ?? []);
  }
}

export interface SerializedError {
  code: ErrorCode;
  message: string;
  problems?: Problem[];
}

export function invalid(message: string, problems: Problem[] = []): AppError {
  return new AppError('validation', message, problems);
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what}: запись не найдена — возможно, её уже удалили.`);
}
