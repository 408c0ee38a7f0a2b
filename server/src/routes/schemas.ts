import { z } from 'zod';
import { staffRoles } from '../policies/permissions';

/** Request-schema pieces shared by several resources. */
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ error: 'Escribe un correo electrónico válido.' }));

export const personName = z
  .string()
  .trim()
  .min(2, 'El nombre necesita al menos 2 caracteres.')
  .max(120)
  .regex(
    /^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u,
    'El nombre solo puede tener letras, espacios, apóstrofos, puntos y guiones.',
  );

export const newPassword = z
  .string()
  .min(10, 'La contraseña necesita al menos 10 caracteres.')
  .max(128, 'La contraseña puede tener hasta 128 caracteres.');

export const locale = z.enum(['es', 'en']);

export const staffRole = z.enum(staffRoles);

export const zoneId = z.number().int().positive().nullable();
