import { QueryTypes, type Sequelize } from 'sequelize';
import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isTimeZone } from '@lealtad/rules-schema';

/**
 * Business settings kept in the `settings` table; a missing key takes its default here.
 * Read on hot paths, so each process caches them for a few seconds.
 */
export const settingsSchema = z.object({
  /** Months until earned points expire. */
  pointsExpiryMonths: z.number().int().min(1).max(120),
  /** The platform's time zone: "today" for the rules, cap periods of the stats, daily jobs. */
  timeZone: z.string().refine(isTimeZone, 'Zona horaria IANA desconocida'),
  /** The one currency purchases are accepted in. */
  currency: z.string().regex(/^[A-Z]{3}$/),
  /** Consumption level: spend (cents) over the last `windowMonths` from which a customer is medio / alto. */
  consumptionLevels: z
    .strictObject({
      windowMonths: z.number().int().min(1).max(60),
      medioFromCents: z.number().int().min(1),
      altoFromCents: z.number().int().min(1),
    })
    .refine(
      (levels) => levels.altoFromCents > levels.medioFromCents,
      'alto debe empezar arriba de medio',
    ),
  /** Largest manual adjustment, in points either way, each staff role may make. */
  adjustmentLimits: z.strictObject({
    superadmin: z.number().int().min(0),
    admin: z.number().int().min(0),
    callcenter: z.number().int().min(0),
  }),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

export const defaultSettings: Settings = {
  pointsExpiryMonths: 12,
  timeZone: DEFAULT_TIME_ZONE,
  currency: 'MXN',
  consumptionLevels: { windowMonths: 6, medioFromCents: 200_000, altoFromCents: 1_000_000 },
  adjustmentLimits: { superadmin: 100_000, admin: 10_000, callcenter: 1_000 },
};

const cacheMs = 5_000;
const cache = new WeakMap<Sequelize, { at: number; value: Promise<Settings> }>();

async function read(sequelize: Sequelize): Promise<Settings> {
  const rows = await sequelize.query<{ key: string; value: unknown }>(
    'SELECT `key`, value FROM settings',
    { type: QueryTypes.SELECT },
  );
  const stored = Object.fromEntries(
    rows.map((row) => [row.key, typeof row.value === 'string' ? JSON.parse(row.value) : row.value]),
  );
  return settingsSchema.parse({ ...defaultSettings, ...stored });
}

export function getSettings(sequelize: Sequelize): Promise<Settings> {
  const cached = cache.get(sequelize);
  if (cached && Date.now() - cached.at < cacheMs) return cached.value;
  const value = read(sequelize);
  cache.set(sequelize, { at: Date.now(), value });
  value.catch(() => cache.delete(sequelize));
  return value;
}

/** Forgets the cached settings of this process (after a change, and in tests). */
export function clearSettingsCache(sequelize: Sequelize): void {
  cache.delete(sequelize);
}
