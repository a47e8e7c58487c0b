/** A refusal the server answers with: an HTTP status, a code for the app and a Russian message it may show. */
export class CentralError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CentralError';
  }
}

export const unauthorized = (message = 'Нет доступа: войдите в центральную систему заново.') => new CentralError(401, 'unauthorized', message);
