import type { Redis } from 'ioredis';
import { tooManyRequests } from '../errors';

export interface RateLimiter {
  /** Counts one hit for `key`; rejects with 429 `rate_limited` once `max` hits fall in the window. */
  hit(key: string, max: number, windowMs: number): Promise<void>;
}

function checkCount(count: number, max: number, msLeft: number): void {
  if (count <= max) return;
  const minutes = Math.max(1, Math.ceil(msLeft / 60_000));
  throw tooManyRequests(
    'rate_limited',
    `Demasiadas solicitudes. Intenta de nuevo en ${minutes} minuto${minutes === 1 ? '' : 's'}.`,
    msLeft / 1000,
  );
}

/**
 * Fixed-window counters in this process's memory. Several processes each keep their own count,
 * so behind a load balancer the effective limit is per process (set REDIS_URL to share it).
 */
export function createMemoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { resetAt: number; count: number }>();
  return {
    async hit(key, max, windowMs) {
      const time = now();
      if (windows.size > 50_000) {
        for (const [k, w] of windows) if (w.resetAt <= time) windows.delete(k);
      }
      const current = windows.get(key);
      const window =
        current && current.resetAt > time ? current : { resetAt: time + windowMs, count: 0 };
      window.count += 1;
      windows.set(key, window);
      checkCount(window.count, max, window.resetAt - time);
    },
  };
}

/** Counts and starts the window in one step, so concurrent hits from any process add up. */
const countHit = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`;

/** Fixed-window counters in Redis, shared by every process of the platform. */
export function createRedisRateLimiter(redis: Redis, prefix = 'lealtad:rate:'): RateLimiter {
  return {
    async hit(key, max, windowMs) {
      const [count, msLeft] = (await redis.eval(countHit, 1, `${prefix}${key}`, windowMs)) as [
        number,
        number,
      ];
      checkCount(count, max, msLeft);
    },
  };
}
