/**
 * Typed errors with stable ids. Every error leaves the API as
 * `{ error: { id, message, details? } }`; `id` never changes, `message` is for people (Spanish).
 */
export interface ErrorDetail {
  path: string;
  /** What is wrong, as a stable code (the validator's: too_small, invalid_type, …). */
  code: string;
  message: string;
}

export interface ErrorExtras {
  details?: ErrorDetail[];
  /** For 429s: seconds until a retry can succeed (also sent as `Retry-After`). */
  retryAfter?: number;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    readonly extras: ErrorExtras = {},
  ) {
    super(message);
  }
}

export const badRequest = (id: string, message: string) => new AppError(400, id, message);

export const unauthenticated = () =>
  new AppError(401, 'unauthenticated', 'Inicia sesión para continuar.');

export const forbidden = (id = 'forbidden', message = 'No tienes permiso para esta acción.') =>
  new AppError(403, id, message);

export const notFound = (message = 'No encontrado.') => new AppError(404, 'not_found', message);

export const conflict = (id: string, message: string) => new AppError(409, id, message);

export const tooManyRequests = (id: string, message: string, retryAfter: number) =>
  new AppError(429, id, message, { retryAfter: Math.max(1, Math.ceil(retryAfter)) });
