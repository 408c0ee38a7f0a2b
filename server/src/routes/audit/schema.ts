import { z } from 'zod';
import { pageQuery } from '../../http/route';

export const listAuditQuery = z
  .strictObject({
    ...pageQuery,
    actorId: z.coerce.number().int().positive().optional(),
    action: z
      .string()
      .trim()
      .regex(/^[a-z_.]{1,64}$/, 'Acción inválida.')
      .optional(),
    targetType: z
      .string()
      .trim()
      .regex(/^[a-z_]{1,32}$/, 'Tipo inválido.')
      .optional(),
    targetId: z.string().trim().max(64).optional(),
    zoneId: z.coerce.number().int().positive().optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'La fecha inicial debe ser anterior a la final.',
    path: ['from'],
  });
