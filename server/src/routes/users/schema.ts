import { z } from 'zod';
import { pageQuery } from '../../http/route';
import { email, locale, personName, staffRole, zoneId } from '../schemas';

export const listUsersQuery = z.strictObject({
  ...pageQuery,
  q: z.string().trim().max(100).optional(),
  role: staffRole.optional(),
  zoneId: z.coerce.number().int().positive().optional(),
  status: z.enum(['active', 'disabled']).optional(),
  sort: z.enum(['name', 'email', 'role', 'createdAt', 'lastLoginAt']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export const createUserBody = z.strictObject({
  email,
  name: personName,
  role: staffRole,
  zoneId: zoneId.optional(),
  locale: locale.optional(),
});

export const updateUserBody = z
  .strictObject({
    name: personName.optional(),
    role: staffRole.optional(),
    zoneId: zoneId.optional(),
    status: z.enum(['active', 'disabled']).optional(),
    locale: locale.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'Indica al menos un campo para cambiar.');
