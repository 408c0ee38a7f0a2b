import { TRIGGER_TYPES } from '@lealtad/rules-schema';
import { z } from 'zod';
import { pageQuery } from '../../http/route';

const comment = z
  .string()
  .trim()
  .min(3, 'Escribe un comentario de al menos 3 caracteres: qué cambia y por qué.')
  .max(500);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Fecha AAAA-MM-DD.');
/** A rule document as the studio draws it; its shape is checked by the rule language. */
const document = z.record(z.string(), z.unknown());

export const listRulesQuery = z.strictObject({
  ...pageQuery,
  trigger: z.enum(TRIGGER_TYPES).optional(),
  state: z.enum(['draft', 'published', 'retired']).optional(),
  q: z.string().trim().max(100).optional(),
});

export const createRuleBody = z.strictObject({ document });
export const validateRuleBody = z.strictObject({ document });
export const saveDraftBody = z.strictObject({
  document,
  revision: z.number().int().min(1),
});
export const publishBody = z.strictObject({
  comment,
  revision: z.number().int().min(1).optional(),
});
export const retireBody = z.strictObject({ comment });
export const rollbackBody = z.strictObject({ version: z.number().int().min(1), comment });

export const versionParams = z.strictObject({
  id: z.coerce.number().int().positive(),
  version: z.coerce.number().int().positive(),
});
export const diffQuery = z.strictObject({
  from: z.coerce.number().int().positive(),
  to: z.union([z.literal('draft'), z.coerce.number().int().positive()]),
});
export const releasesQuery = z.strictObject({ ...pageQuery });
export const simulationCustomersQuery = z.strictObject({
  q: z.string().trim().min(1, 'Escribe un nombre, número de cliente o tarjeta.').max(100),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});
export const recentPurchasesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/** A draft as drawn, or a stored rule (its draft, or one of its versions). */
const ruleSource = {
  document: document.optional(),
  ruleId: z.number().int().positive().optional(),
  version: z.number().int().positive().optional(),
};
const oneSource = (body: { document?: unknown; ruleId?: number; version?: number }) =>
  (body.document === undefined) !== (body.ruleId === undefined) &&
  (body.version === undefined || body.ruleId !== undefined);
const sourceMessage = {
  message: 'Indica la regla: un documento, o ruleId (y si quieres, version).',
  path: ['ruleId'],
};

export const simulateBody = z
  .strictObject({
    ...ruleSource,
    customerId: z.number().int().positive(),
    purchase: z
      .strictObject({
        amount: z.number().int().min(1).max(100_000_000_00),
        category: z.string().trim().min(1).max(64),
        storeId: z.string().trim().min(1).max(64),
        occurredAt: z.coerce.date().optional(),
        /** When it happened as the platform's clock reads it (its `timeZone` setting). */
        localTime: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Fecha y hora AAAA-MM-DDTHH:MM.')
          // A real day and time: no February 30th, no 25:00.
          .refine((text) => {
            const parsed = new Date(`${text}:00Z`);
            return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(text);
          }, 'Esa fecha u hora no existe.')
          .optional(),
        items: z
          .array(
            z.strictObject({
              sku: z.string().min(1).max(64),
              quantity: z.number().int().min(1).max(10_000),
              amount: z.number().int().min(0),
            }),
          )
          .max(500)
          .optional(),
      })
      .refine((purchase) => !(purchase.occurredAt && purchase.localTime), {
        message: 'Indica occurredAt o localTime, no los dos.',
        path: ['localTime'],
      })
      .optional(),
    transactionId: z.string().trim().min(1).max(64).optional(),
  })
  .refine(oneSource, sourceMessage)
  .refine((body) => !(body.purchase && body.transactionId), {
    message: 'Indica una compra inventada o una guardada, no las dos.',
    path: ['transactionId'],
  });

export const backtestBody = z
  .strictObject({
    ...ruleSource,
    from: isoDay,
    to: isoDay,
    limit: z.number().int().min(1).max(1_000_000).default(200_000),
    samples: z.number().int().min(0).max(50).default(5),
  })
  .refine(oneSource, sourceMessage)
  .refine((body) => body.from <= body.to, {
    message: 'La fecha inicial debe ser anterior a la final.',
    path: ['from'],
  });

export const jobParams = z.strictObject({
  name: z.enum([
    'birthday',
    'anniversary',
    'inactivity',
    'points-expiring',
    'expire-points',
    'consumption-levels',
  ]),
});
