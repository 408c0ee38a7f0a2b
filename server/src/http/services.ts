import type { Redis } from 'ioredis';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import type { Mailer } from '../mail/mailer';
import type { ApiKeyAuthenticator } from '../integrations/apiKeys';
import type { IngestQueue } from '../ledger/ingestQueue';
import type { Realtime } from '../realtime';
import type { RulesRuntime } from '../rules/runtime';
import type { RateLimiter } from './rateLimit';

/** What route handlers and commands get from the app: built once in `createApp`. */
export interface Services {
  config: Config;
  sequelize: Sequelize;
  /** Shared with the platform's other processes; null when REDIS_URL is not set. */
  redis: Redis | null;
  mailer: Mailer;
  rateLimiter: RateLimiter;
  apiKeys: ApiKeyAuthenticator;
  ingest: IngestQueue;
  realtime: Realtime;
  /** The live rules of this process. */
  rules: RulesRuntime;
}
