import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors';

/** body-parser marks its errors with `type`; they become our stable ids. */
const parserErrors: Record<string, AppError> = {
  'entity.parse.failed': new AppError(
    400,
    'invalid_json',
    'El cuerpo de la solicitud no es JSON válido.',
  ),
  'entity.too.large': new AppError(413, 'payload_too_large', 'La solicitud es demasiado grande.'),
  'encoding.unsupported': new AppError(415, 'unsupported_encoding', 'Codificación no soportada.'),
  'charset.unsupported': new AppError(
    415,
    'unsupported_encoding',
    'Juego de caracteres no soportado.',
  ),
};

const parserError = (err: unknown): AppError | undefined => {
  if (typeof err !== 'object' || err === null || !('type' in err)) return undefined;
  return typeof err.type === 'string' ? parserErrors[err.type] : undefined;
};

/** The one exit for errors: `{ error: { id, message, details?, retryAfter? } }` with the right status. */
export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const known = err instanceof AppError ? err : parserError(err);
  if (!known) console.error(`${req.method} ${req.originalUrl} falló:`, err);
  // A download that fails halfway can only be cut short: its status and headers are gone.
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const error =
    known ?? new AppError(500, 'internal_error', 'Ocurrió un error inesperado. Intenta de nuevo.');
  const { details, retryAfter } = error.extras;
  if (retryAfter !== undefined) res.set('Retry-After', String(retryAfter));
  res.status(error.status).json({
    error: {
      id: error.id,
      message: error.message,
      ...(details && { details }),
      ...(retryAfter !== undefined && { retryAfter }),
    },
  });
}
