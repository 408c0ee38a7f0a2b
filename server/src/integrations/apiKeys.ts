import type { NextFunction, Request, Response } from 'express';
import { ApiKey } from '../db/models';
import type { ApiScope } from '../policies/permissions';
import { hashToken, randomToken } from '../security/tokens';

declare module 'express-serve-static-core' {
  interface Request {
    partner?: PartnerKey | null;
  }
}

/** The API key a partner request came with. */
export interface PartnerKey {
  id: number;
  scopes: readonly ApiScope[];
}

const keyPrefix = 'ltd_';

/** A new key: shown once to its creator; only the hash is stored. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${keyPrefix}${randomToken()}`;
  return { key, prefix: key.slice(0, keyPrefix.length + 6), hash: hashToken(key) };
}

/** Keys are looked up on every partner request: each process remembers them briefly. */
const cacheMs = 30_000;
/** `last_used_at` is written at most this often per key, not on every request. */
const touchEveryMs = 60_000;

interface Cached {
  at: number;
  key: { id: number; scopes: readonly ApiScope[]; lastUsedAt: number } | null;
}

export type ApiKeyAuthenticator = ReturnType<typeof createApiKeyAuthenticator>;

export function createApiKeyAuthenticator() {
  const cache = new Map<string, Cached>();

  async function lookup(hash: string): Promise<Cached['key']> {
    const cached = cache.get(hash);
    if (cached && Date.now() - cached.at < cacheMs) return cached.key;
    const row = await ApiKey.findOne({ where: { keyHash: hash, revokedAt: null } });
    const key = row
      ? { id: row.id, scopes: row.scopes, lastUsedAt: row.lastUsedAt?.getTime() ?? 0 }
      : null;
    if (cache.size > 10_000) cache.clear();
    cache.set(hash, { at: Date.now(), key });
    return key;
  }

  return {
    /** Turns `Authorization: Bearer <key>` into `req.partner` (null without a valid key). */
    middleware: async (req: Request, _res: Response, next: NextFunction) => {
      try {
        req.partner = null;
        const header = req.get('authorization');
        const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
        if (!match?.[1]) return next();
        const key = await lookup(hashToken(match[1]));
        if (key) {
          req.partner = { id: key.id, scopes: key.scopes };
          if (Date.now() - key.lastUsedAt > touchEveryMs) {
            key.lastUsedAt = Date.now();
            await ApiKey.update({ lastUsedAt: new Date() }, { where: { id: key.id } });
          }
        }
        next();
      } catch (err) {
        next(err);
      }
    },
    /** Forgets every cached key (after a revocation in this process). */
    forget: () => cache.clear(),
  };
}
