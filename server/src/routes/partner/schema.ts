import { z } from 'zod';
import { normalizeCardNumber } from '../../cards/numbers';
import { email, phone } from '../schemas';

const externalId = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(
    /^[A-Za-z0-9._:-]+$/,
    'Usa solo letras sin acentos, números, puntos, guiones y dos puntos.',
  );

export const externalIdParams = z.strictObject({ externalId });
export const transactionParams = z.strictObject({ id: externalId });

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^<>]*$/, 'No se permiten los caracteres < ni >.');

const namePart = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(
    /^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u,
    'Solo letras, espacios, apóstrofos, puntos y guiones.',
  );

export const upsertCustomerBody = z.strictObject({
  firstName: namePart,
  lastName: namePart,
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
  birthDate: z.iso.date().nullable().optional(),
  /** The zone's code (NORTE, SUR, …). */
  zone: z.string().trim().toUpperCase().max(32),
  /** The customer type's code (GENERAL, VIP, …); GENERAL when omitted on creation. */
  customerType: z.string().trim().toUpperCase().max(32).optional(),
  state: text(80).nullable().optional(),
  city: text(80).nullable().optional(),
  postalCode: z
    .string()
    .trim()
    .regex(/^[0-9]{5}$/, 'El código postal lleva 5 dígitos.')
    .nullable()
    .optional(),
  address: text(200).nullable().optional(),
  status: z.enum(['active', 'inactive', 'blocked']).optional(),
});

export const ledgerQuery = z.strictObject({
  /** The `next` cursor of the previous page. */
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** A purchase from the partner feed. Amounts are integer cents. */
export const purchaseSchema = z
  .strictObject({
    id: externalId,
    customerExternalId: externalId.optional(),
    cardNumber: z
      .string()
      .transform(normalizeCardNumber)
      .pipe(z.string().regex(/^\d{16}$/, 'El número de tarjeta lleva 16 dígitos.'))
      .optional(),
    amount: z.number().int().min(0).max(100_000_000_00),
    currency: z.string().regex(/^[A-Z]{3}$/, 'Moneda en ISO 4217, por ejemplo MXN.'),
    occurredAt: z.iso
      .datetime({ offset: true })
      .transform((value) => new Date(value))
      .refine(
        (date) => date.getTime() <= Date.now() + 5 * 60_000,
        'La fecha no puede estar en el futuro.',
      ),
    storeId: text(64),
    category: text(64),
    items: z
      .array(
        z.strictObject({
          sku: text(64),
          quantity: z.number().int().min(1).max(100_000),
          amount: z.number().int().min(0).max(100_000_000_00),
        }),
      )
      .max(500)
      .optional(),
  })
  .refine((p) => (p.customerExternalId === undefined) !== (p.cardNumber === undefined), {
    message: 'Indica customerExternalId o cardNumber (uno de los dos).',
    path: ['customerExternalId'],
  });

export const batchBody = z.strictObject({
  // Items are validated one by one, so one bad item does not refuse the others.
  transactions: z.array(z.unknown()).min(1).max(1000, 'Hasta 1,000 transacciones por lote.'),
});
