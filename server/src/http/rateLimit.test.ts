import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { createMemoryRateLimiter, createRedisRateLimiter } from './rateLimit';

describe('memory rate limiter', () => {
  it('allows `max` hits per window per key, then answers rate_limited until the window ends', async () => {
    let now = 0;
    const limiter = createMemoryRateLimiter(() => now);
    for (let i = 0; i < 3; i += 1) await limiter.hit('a', 3, 60_000);
    const refused = await limiter.hit('a', 3, 60_000).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 429, id: 'rate_limited' });
    expect((refused as AppError).message).toMatch(/1 minuto\./);
    await limiter.hit('b', 3, 60_000); // other keys are counted apart
    now = 60_000;
    await expect(limiter.hit('a', 3, 60_000)).resolves.toBeUndefined();
  });
});

describe('Redis rate limiter', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    maxRetriesPerRequest: 1,
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('shares one count between limiters (processes), and the window ends', async () => {
    const prefix = `lealtad-test:${randomUUID()}:`;
    const one = createRedisRateLimiter(redis, prefix);
    const other = createRedisRateLimiter(redis, prefix);
    // Concurrent hits from two "processes": exactly `max` pass.
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? one : other).hit('login:ip', 4, 300)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.status === 'rejected' && refused.reason).toMatchObject({
      status: 429,
      id: 'rate_limited',
    });
    await expect(one.hit('other-key', 4, 300)).resolves.toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 350));
    await expect(other.hit('login:ip', 4, 300)).resolves.toBeUndefined();
  });
});
