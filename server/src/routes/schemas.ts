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

/** A phone as digits (and a leading + for an international prefix), so searches match it. */
export const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ().-]{7,24}$/, 'Escribe un teléfono de 7 a 20 dígitos.')
  .transform((value) => value.replace(/(?!^\+)[^0-9]/g, ''))
  .refine((value) => value.replace('+', '').length <= 20, 'Escribe un teléfono de 7 a 20 dígitos.');

export const staffRole = z.enum(staffRoles);

export const zoneId = z.number().int().positive().nullable();
