import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { createMemoryRateLimiter } from './rateLimit';

describe('memory rate limiter', () => {
  it('allows `max` hits per window per key, then answers rate_limited until the window ends', () => {
    let now = 0;
    const limiter = createMemoryRateLimiter(() => now);
    for (let i = 0; i < 3; i += 1) limiter.hit('a', 3, 60_000);
    expect(() => limiter.hit('a', 3, 60_000)).toThrow(AppError);
    try {
      limiter.hit('a', 3, 60_000);
    } catch (err) {
      expect(err).toMatchObject({ status: 429, id: 'rate_limited' });
      expect((err as AppError).message).toMatch(/1 minuto\./);
    }
    limiter.hit('b', 3, 60_000); // other keys are counted apart
    now = 60_000;
    expect(() => limiter.hit('a', 3, 60_000)).not.toThrow();
  });
});
