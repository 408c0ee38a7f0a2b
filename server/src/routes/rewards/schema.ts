import { z } from 'zod';
import { deliveryModes } from '../../db/models/reward';
import { pageQuery } from '../../http/route';

const day = z.iso.date('Usa el formato AAAA-MM-DD.');
const ids = z.array(z.number().int().positive()).max(200);

const rewardFields = {
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9_-]{2,32}$/, 'La clave lleva de 2 a 32 letras sin acentos, números, - o _.'),
  name: z.string().trim().min(2, 'El nombre necesita al menos 2 caracteres.').max(120),
  description: z.string().trim().max(2000),
  pointsCost: z
    .number()
    .int('Los puntos son un número entero.')
    .positive('El costo debe ser mayor que cero.')
    // With up to 100 units per redemption, a redemption's points stay within a 32-bit column.
    .max(10_000_000, 'El costo puede ser de hasta 10,000,000 puntos.'),
  stock: z.number().int().min(0, 'Las existencias no pueden ser negativas.').max(10_000_000),
  category: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[\p{L}\p{N}][\p{L}\p{N} _-]{1,39}$/u,
      'La categoría lleva de 2 a 40 letras, números, espacios o guiones.',
    ),
  availableFrom: day,
  availableTo: day,
  zoneIds: ids,
  customerTypeIds: ids,
  deliveryMode: z.enum(deliveryModes),
};

/** A window must not end before it starts (checked again against the stored dates on edits). */
const windowInOrder = (body: { availableFrom?: string | null; availableTo?: string | null }) =>
  !body.availableFrom || !body.availableTo || body.availableFrom <= body.availableTo;
const windowMessage = {
  message: 'La fecha de fin no puede ser anterior a la de inicio.',
  path: ['availableTo'],
};

export const createRewardBody = z
  .strictObject({
    ...rewardFields,
    description: rewardFields.description.default(''),
    stock: rewardFields.stock.nullable().default(null),
    availableFrom: day.nullable().default(null),
    availableTo: day.nullable().default(null),
    zoneIds: ids.default([]),
    customerTypeIds: ids.default([]),
  })
  .refine(windowInOrder, windowMessage);

export const updateRewardBody = z
  .strictObject({
    code: rewardFields.code.optional(),
    name: rewardFields.name.optional(),
    description: rewardFields.description.optional(),
    pointsCost: rewardFields.pointsCost.optional(),
    stock: rewardFields.stock.nullable().optional(),
    category: rewardFields.category.optional(),
    availableFrom: day.nullable().optional(),
    availableTo: day.nullable().optional(),
    zoneIds: ids.optional(),
    customerTypeIds: ids.optional(),
    deliveryMode: rewardFields.deliveryMode.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'Indica al menos un campo para cambiar.')
  .refine(windowInOrder, windowMessage);

export type RewardInput = z.infer<typeof createRewardBody>;
export type RewardChanges = z.infer<typeof updateRewardBody>;

export const listRewardsQuery = z.strictObject({
  q: z.string().trim().max(80).optional(),
  status: z.enum(['active', 'retired', 'all']).default('active'),
  category: z.string().trim().toLowerCase().max(40).optional(),
  ...pageQuery,
});

export const myRewardsQuery = z.strictObject({
  category: z.string().trim().toLowerCase().max(40).optional(),
  affordable: z.enum(['true', 'false']).optional(),
});
