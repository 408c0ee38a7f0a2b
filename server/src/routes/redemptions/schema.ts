import { z } from 'zod';
import { redemptionStatuses } from '../../db/models/redemption';
import { pageQuery } from '../../http/route';

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .regex(/^[^<>]*$/, 'No se permiten los caracteres < ni >.')
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional();

const quantity = z.number().int().min(1, 'La cantidad mínima es 1.').max(100).default(1);
const deliveryAddress = optionalText(300, 'La dirección puede tener hasta 300 caracteres.');

export const redeemOwnBody = z.strictObject({
  rewardId: z.number().int().positive(),
  quantity,
  deliveryAddress,
  idempotencyKey: z.string().trim().min(1).max(64).optional(),
});

export const redeemForCustomerBody = z.strictObject({
  rewardId: z.number().int().positive(),
  quantity,
  deliveryAddress,
  note: z
    .string()
    .trim()
    .min(3, 'Escribe una nota de al menos 3 caracteres.')
    .max(255, 'La nota puede tener hasta 255 caracteres.'),
});

export const statusChangeBody = z.strictObject({
  status: z.enum(redemptionStatuses),
  note: optionalText(255, 'La nota puede tener hasta 255 caracteres.'),
  carrier: optionalText(80, 'La paquetería puede tener hasta 80 caracteres.'),
  trackingNumber: optionalText(80, 'La guía puede tener hasta 80 caracteres.'),
});

export const bulkStatusBody = z.strictObject({
  ids: z.array(z.number().int().positive()).min(1).max(500, 'Hasta 500 canjes a la vez.'),
  status: z.enum(redemptionStatuses),
  note: optionalText(255, 'La nota puede tener hasta 255 caracteres.'),
});

const positiveId = z.coerce.number().int().positive().optional();
const day = z.iso.date('Usa el formato AAAA-MM-DD.').optional();

export const queueQuery = z.strictObject({
  status: z.enum(redemptionStatuses).optional(),
  customerId: positiveId,
  zoneId: positiveId,
  rewardId: positiveId,
  olderThanDays: z.coerce.number().int().min(0).max(3650).optional(),
  q: z.string().trim().max(80).optional(),
  /** The queue serves the oldest first; a customer's history reads newest first. */
  order: z.enum(['oldest', 'newest']).default('oldest'),
  ...pageQuery,
});

const reportFilters = {
  from: day,
  to: day,
  zoneId: positiveId,
  rewardId: positiveId,
  status: z.enum(redemptionStatuses).optional(),
  customerTypeId: positiveId,
};

export const reportQuery = z.strictObject({ ...reportFilters, ...pageQuery });
export const reportExportQuery = z.strictObject(reportFilters);

export const myRedemptionsQuery = z.strictObject({ ...pageQuery });
