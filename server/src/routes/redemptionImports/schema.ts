import { z } from 'zod';
import { pageQuery } from '../../http/route';

export const uploadQuery = z.strictObject({
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .regex(/^[^<>/\\]*$/, 'El nombre del archivo no puede llevar < > / ni \\.')
    .default('estatus.xlsx'),
});

export const importListQuery = z.strictObject({ ...pageQuery });

export const importDetailQuery = z.strictObject({
  page: pageQuery.page,
  pageSize: z.coerce.number().int().min(1).max(500).default(500),
});
