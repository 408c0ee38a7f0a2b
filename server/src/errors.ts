/**
 * Typed errors with stable ids. Every error leaves the API as
 * `{ error: { id, message, details? } }`; `id` never changes, `message` is for people (Spanish).
 */
export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
  }
}

export const badRequest = (id: string, message: string, details?: ErrorDetail[]) =>
  new AppError(400, id, message, details);

export const unauthenticated = () =>
  new AppError(401, 'unauthenticated', 'Inicia sesión para continuar.');

export const forbidden = (id = 'forbidden', message = 'No tienes permiso para esta acción.') =>
  new AppError(403, id, message);

export const notFound = (message = 'No encontrado.') => new AppError(404, 'not_found', message);

export const conflict = (id: string, message: string) => new AppError(409, id, message);

export const tooManyRequests = (id: string, message: string) => new AppError(429, id, message);
