import { z } from 'zod';
import { apiScopes } from '../../policies/permissions';

export const createApiKeyBody = z.strictObject({
  name: z
    .string()
    .trim()
    .min(3, 'El nombre necesita al menos 3 caracteres.')
    .max(80)
    .regex(/^[\p{L}\p{M}\p{N} ._-]+$/u, 'Usa solo letras, números, espacios, puntos y guiones.'),
  scopes: z.array(z.enum(apiScopes)).min(1, 'Elige al menos un permiso.'),
});
