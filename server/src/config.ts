import path from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^(mysql|mariadb):\/\//, 'DATABASE_URL debe empezar con mysql:// o mariadb://')
    .optional(),
  DATA_DIR: z.string().default('data'),
  PUBLIC_URL: z.url().optional(),
  MAIL_TRANSPORT: z.enum(['file', 'smtp']).default('file'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Lealtad <no-responder@lealtad.mx>'),
  SEED_DEMO: flag.default(true),
  DEMO_PASSWORD: z.string().min(8).default('Lealtad2026!'),
  DEMO_CUSTOMERS: z.coerce.number().int().min(0).max(100_000).default(300),
  SUPERADMIN_EMAIL: z.email().optional(),
  SUPERADMIN_PASSWORD: z.string().min(10).optional(),
  COOKIE_SECURE: flag.optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  TRUST_PROXY: flag.default(false),
  AUTH_RATE_LIMIT: z.coerce.number().int().positive().default(30),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
  SQL_LOG: flag.default(false),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL debe empezar con redis:// o rediss://')
    .optional(),
});

export type DatabaseConfig =
  { dialect: 'sqlite'; storage: string } | { dialect: 'mysql'; url: string };

export type MailConfig = { transport: 'file'; dir: string } | { transport: 'smtp'; url: string };

export interface Config {
  env: string;
  port: number;
  database: DatabaseConfig;
  dataDir: string;
  /** Base address used in links sent by mail (reset, invitation). */
  publicUrl: string;
  mail: MailConfig;
  mailFrom: string;
  seedDemo: boolean;
  demoPassword: string;
  demoCustomers: number;
  bootstrapSuperadmin: { email: string; password: string } | null;
  cookieSecure: boolean;
  sessionTtlHours: number;
  trustProxy: boolean;
  /** Shared state between processes (rate limits); without it each process keeps its own. */
  redisUrl: string | null;
  security: {
    /** Requests per IP per 15 minutes to each sign-in and recovery endpoint. */
    authRateLimit: number;
    loginMaxFailures: number;
    lockoutMinutes: number;
  };
  sqlLog: boolean;
}

export class ConfigError extends Error {}

/** Reads the environment once, validates it and returns the typed config (the only place that reads env). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Configuración inválida:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.MAIL_TRANSPORT === 'smtp' && !e.SMTP_URL) {
    throw new ConfigError(
      'Configuración inválida:\n  SMTP_URL es obligatorio con MAIL_TRANSPORT=smtp',
    );
  }
  if ((e.SUPERADMIN_EMAIL === undefined) !== (e.SUPERADMIN_PASSWORD === undefined)) {
    throw new ConfigError(
      'Configuración inválida:\n  SUPERADMIN_EMAIL y SUPERADMIN_PASSWORD van juntos',
    );
  }
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    database: e.DATABASE_URL
      ? { dialect: 'mysql', url: e.DATABASE_URL }
      : { dialect: 'sqlite', storage: path.join(dataDir, 'lealtad.sqlite') },
    dataDir,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    mail:
      e.MAIL_TRANSPORT === 'smtp' && e.SMTP_URL
        ? { transport: 'smtp', url: e.SMTP_URL }
        : { transport: 'file', dir: path.join(dataDir, 'mail') },
    mailFrom: e.MAIL_FROM,
    seedDemo: e.SEED_DEMO,
    demoPassword: e.DEMO_PASSWORD,
    demoCustomers: e.DEMO_CUSTOMERS,
    bootstrapSuperadmin:
      e.SUPERADMIN_EMAIL && e.SUPERADMIN_PASSWORD
        ? { email: e.SUPERADMIN_EMAIL.toLowerCase(), password: e.SUPERADMIN_PASSWORD }
        : null,
    cookieSecure: e.COOKIE_SECURE ?? e.NODE_ENV === 'production',
    sessionTtlHours: e.SESSION_TTL_HOURS,
    trustProxy: e.TRUST_PROXY,
    redisUrl: e.REDIS_URL ?? null,
    security: {
      authRateLimit: e.AUTH_RATE_LIMIT,
      loginMaxFailures: e.LOGIN_MAX_FAILURES,
      lockoutMinutes: e.LOCKOUT_MINUTES,
    },
    sqlLog: e.SQL_LOG,
  };
}
