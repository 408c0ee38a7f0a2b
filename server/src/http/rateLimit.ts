import { tooManyRequests } from '../errors';

export interface RateLimiter {
  /** Counts one hit for `key`; throws 429 `rate_limited` once `max` hits fall in the window. */
  hit(key: string, max: number, windowMs: number): void;
}

/**
 * Fixed-window counters in this process's memory. Several processes each keep their own count,
 * so behind a load balancer the effective limit is per process.
 */
export function createMemoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { resetAt: number; count: number }>();
  return {
    hit(key, max, windowMs) {
      const time = now();
      if (windows.size > 50_000) {
        for (const [k, w] of windows) if (w.resetAt <= time) windows.delete(k);
      }
      const current = windows.get(key);
      const window =
        current && current.resetAt > time ? current : { resetAt: time + windowMs, count: 0 };
      window.count += 1;
      windows.set(key, window);
      if (window.count > max) {
        const minutes = Math.ceil((window.resetAt - time) / 60_000);
        throw tooManyRequests(
          'rate_limited',
          `Demasiadas solicitudes. Intenta de nuevo en ${minutes} minuto${minutes === 1 ? '' : 's'}.`,
          (window.resetAt - time) / 1000,
        );
      }
    },
  };
}
