import { z } from 'zod';
import { pageQuery } from '../../http/route';
import { ledgerKinds } from '../../ledger/statement';
import { email, phone } from '../schemas';

const namePart = z
  .string()
  .trim()
  .min(1, 'Escribe el nombre.')
  .max(80)
  .regex(
    /^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u,
    'Solo letras, espacios, apóstrofos, puntos y guiones.',
  );

const place = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^<>]*$/, 'No se permiten los caracteres < ni >.')
    .transform((value) => (value === '' ? null : value))
    .nullable();

/** The contact fields a customer may edit itself. */
export const contactFields = {
  phone: phone.nullable().optional(),
  birthDate: z.iso
    .date('Usa el formato AAAA-MM-DD.')
    .refine(
      (value) => value >= '1900-01-01' && new Date(value) <= new Date(),
      'Fecha de nacimiento inválida.',
    )
    .nullable()
    .optional(),
  state: place(80).optional(),
  city: place(80).optional(),
  postalCode: z
    .string()
    .trim()
    .regex(/^([0-9]{5})?$/, 'El código postal lleva 5 dígitos.')
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional(),
  address: place(200).optional(),
};

const atLeastOne = (body: object) => Object.keys(body).length > 0;

export const updateCustomerBody = z
  .strictObject({
    ...contactFields,
    firstName: namePart.optional(),
    lastName: namePart.optional(),
    email: email.nullable().optional(),
    customerTypeId: z.number().int().positive().optional(),
    zoneId: z.number().int().positive().optional(),
    status: z.enum(['active', 'inactive', 'blocked']).optional(),
  })
  .refine(atLeastOne, 'Indica al menos un campo para cambiar.');

export const updateOwnProfileBody = z
  .strictObject(contactFields)
  .refine(atLeastOne, 'Indica al menos un campo para cambiar.');

export const searchCustomersQuery = z.strictObject({
  ...pageQuery,
  q: z.string().trim().max(100).optional(),
  zoneId: z.coerce.number().int().positive().optional(),
  customerTypeId: z.coerce.number().int().positive().optional(),
  status: z.enum(['active', 'inactive', 'blocked']).optional(),
  sort: z.enum(['name', 'createdAt']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export const statementQuery = z
  .strictObject({
    ...pageQuery,
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    kind: z.enum(ledgerKinds).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'La fecha inicial debe ser anterior a la final.',
    path: ['from'],
  });

export const adjustmentBody = z.strictObject({
  points: z
    .number()
    .int('Los puntos son enteros.')
    .refine((value) => value !== 0, 'El ajuste no puede ser de 0 puntos.')
    .refine((value) => Math.abs(value) <= 10_000_000, 'Ajuste demasiado grande.'),
  reason: z
    .string()
    .trim()
    .min(5, 'Explica el motivo del ajuste (al menos 5 caracteres).')
    .max(200)
    .regex(/^[^<>]*$/, 'No se permiten los caracteres < ni >.'),
});
