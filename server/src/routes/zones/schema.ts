import { z } from 'zod';

const zoneName = z
  .string()
  .trim()
  .min(2, 'El nombre necesita al menos 2 caracteres.')
  .max(80)
  .regex(
    /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} .'-]*$/u,
    'Usa solo letras, números, espacios y guiones.',
  );

export const createZoneBody = z.strictObject({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(
      /^[A-Z0-9_]{2,32}$/,
      'La clave lleva de 2 a 32 letras sin acentos, números o guiones bajos.',
    ),
  name: zoneName,
});

export const renameZoneBody = z.strictObject({ name: zoneName });
