import { z } from 'zod';
import { rangeFits } from '../../cards/numbers';
import { cardStatuses } from '../../db/models/card';
import { cardReportStatuses } from '../../db/models/cardReport';
import { pageQuery } from '../../http/route';

const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^<>]*$/, 'No se permiten los caracteres < ni >.');

/** A card number as typed; its format and check digit are checked with their own error ids. */
export const cardNumberInput = z.string().trim().min(1, 'Escribe el número de tarjeta.').max(64);

export const cardNote = plainText(500);

export const cardReportKind = z.enum(['lost', 'stolen']);

const range = z.strictObject({
  prefix: z.string().regex(/^[0-9]{4,8}$/, 'El prefijo lleva de 4 a 8 dígitos.'),
  from: z.number().int().min(0).max(99_999_999_999),
  count: z.number().int().min(1).max(100_000, 'Hasta 100,000 tarjetas por rango.'),
});

/** A stock import: a generated range, or the numbers the studio read from a CSV/TXT file. */
export const importStockBody = z
  .strictObject({
    name: plainText(120),
    range: range.optional(),
    numbers: z
      .array(z.string().max(64))
      .min(1)
      .max(10_000, 'Hasta 10,000 números por solicitud.')
      .optional(),
  })
  .refine((body) => (body.range === undefined) !== (body.numbers === undefined), {
    message: 'Envía un rango o una lista de números (uno de los dos).',
    path: ['range'],
  })
  .refine(
    (body) => !body.range || rangeFits(body.range.prefix, body.range.from, body.range.count),
    {
      message:
        'El rango no cabe en los 15 dígitos del número: usa un prefijo más corto o menos tarjetas.',
      path: ['range', 'count'],
    },
  )
  .transform((body) =>
    body.range
      ? { name: body.name, range: body.range }
      : { name: body.name, numbers: body.numbers ?? [] },
  );

export const listCardsQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(cardStatuses).optional(),
  /** Digits anywhere in the number (the last four, say). */
  q: z
    .string()
    .trim()
    .max(19)
    .regex(/^[0-9 -]*$/, 'Busca con los dígitos del número.')
    .optional(),
});

export const activateCardBody = z.strictObject({
  cardNumber: cardNumberInput,
  /** Staff only: the customer the card goes to. */
  customerId: z.number().int().positive().optional(),
});

export const staffCardReportBody = z.strictObject({
  cardId: z.number().int().positive(),
  kind: cardReportKind,
  note: cardNote.optional(),
});

export const updateCardReportBody = z
  .strictObject({
    status: z.enum(cardReportStatuses),
    note: cardNote.optional(),
    replacementCardNumber: cardNumberInput.optional(),
  })
  .refine(
    (body) => body.replacementCardNumber === undefined || body.status === 'replacement_issued',
    {
      message: 'La tarjeta de reposición solo se indica al emitirla.',
      path: ['replacementCardNumber'],
    },
  );
