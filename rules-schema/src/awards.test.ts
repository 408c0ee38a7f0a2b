import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyCaps,
  divideRounded,
  effectPoints,
  pointsFromEffects,
  resolveStacking,
} from './awards';
import { capsSchema, effectSchema, type Caps, type Effect } from './schema';

const effect = (input: unknown): Effect => effectSchema.parse(input);
const caps = (input: unknown): Caps => capsSchema.parse(input);

describe('divideRounded', () => {
  it('rounds down, half up, or up', () => {
    expect(divideRounded(1999, 1000, 'floor')).toBe(1);
    expect(divideRounded(1499, 1000, 'round')).toBe(1);
    expect(divideRounded(1500, 1000, 'round')).toBe(2);
    expect(divideRounded(1001, 1000, 'ceil')).toBe(2);
    expect(divideRounded(1000, 1000, 'ceil')).toBe(1);
  });

  it('is exact for any amount a balance can hold', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 1, max: 1_000_000_000 }),
        (numerator, denominator) => {
          const [n, d] = [BigInt(numerator), BigInt(denominator)];
          const [q, r] = [n / d, n % d];
          expect(divideRounded(numerator, denominator, 'floor')).toBe(Number(q));
          expect(divideRounded(numerator, denominator, 'ceil')).toBe(Number(r > 0n ? q + 1n : q));
          expect(divideRounded(numerator, denominator, 'round')).toBe(
            Number(r * 2n >= d ? q + 1n : q),
          );
        },
      ),
    );
  });
});

describe('effect points', () => {
  it('gives fixed points whatever the facts', () => {
    expect(effectPoints(effect({ type: 'fixedPoints', points: 100 }), {}, 0)).toBe(100);
  });

  it('gives points per whole block of the amount, rounded as the rule says', () => {
    const perTenPesos = (rounding: string) =>
      effect({ type: 'pointsPerAmount', points: 2, perAmountCents: 1000, rounding });
    const facts = { 'purchase.amount': 9550 };
    expect(effectPoints(perTenPesos('floor'), facts, 0)).toBe(18);
    expect(effectPoints(perTenPesos('round'), facts, 0)).toBe(20);
    expect(effectPoints(perTenPesos('ceil'), { 'purchase.amount': 9001 }, 0)).toBe(20);
    expect(effectPoints(perTenPesos('floor'), {}, 0)).toBe(0);
    expect(effectPoints(perTenPesos('floor'), { 'purchase.amount': -5000 }, 0)).toBe(0);
  });

  it('adds the extra share of the base earn for a multiplier', () => {
    const double = effect({ type: 'multiplier', factor: 2 });
    const oneAndHalf = effect({ type: 'multiplier', factor: 1.5 });
    const upOneAndHalf = effect({ type: 'multiplier', factor: 1.5, rounding: 'ceil' });
    expect(effectPoints(double, {}, 60)).toBe(60);
    expect(effectPoints(oneAndHalf, {}, 61)).toBe(30);
    expect(effectPoints(upOneAndHalf, {}, 61)).toBe(31);
    expect(effectPoints(effect({ type: 'multiplier', factor: 1.1 }), {}, 100)).toBe(10);
  });

  it('awards no points for rewards, messages and tags, and sums the rest', () => {
    const effects = [
      effect({ type: 'fixedPoints', points: 10 }),
      effect({ type: 'reward', rewardId: 'TAZA' }),
      effect({ type: 'message', subject: 'Hola', body: 'Gracias' }),
      effect({ type: 'tag', tag: 'VIP' }),
      effect({ type: 'multiplier', factor: 3 }),
    ];
    expect(pointsFromEffects(effects, {}, 7)).toBe(24);
  });
});

describe('applyCaps', () => {
  const monthly = caps({ perCustomer: [{ period: 'month', maxPoints: 1000 }] });

  it('passes an award that fits', () => {
    expect(applyCaps(300, monthly, { perCustomer: { month: { points: 700, times: 3 } } })).toEqual({
      points: 300,
      outcome: 'full',
    });
  });

  it('truncates to what is left in the period', () => {
    expect(applyCaps(300, monthly, { perCustomer: { month: { points: 900, times: 3 } } })).toEqual({
      points: 100,
      outcome: 'truncated',
    });
    expect(applyCaps(300, monthly, { perCustomer: { month: { points: 1000, times: 4 } } })).toEqual(
      {
        points: 0,
        outcome: 'skipped',
      },
    );
  });

  it('skips an award that would pass the cap when the rule says skip', () => {
    const skipping = caps({ ...monthly, onReach: 'skip' });
    expect(applyCaps(300, skipping, { perCustomer: { month: { points: 900, times: 3 } } })).toEqual(
      {
        points: 0,
        outcome: 'skipped',
      },
    );
  });

  it('counts times, e.g. once a year', () => {
    const yearly = caps({ perCustomer: [{ period: 'year', maxTimes: 1 }] });
    expect(applyCaps(100, yearly, { perCustomer: {} }).outcome).toBe('full');
    expect(applyCaps(100, yearly, { perCustomer: { year: { points: 100, times: 1 } } })).toEqual({
      points: 0,
      outcome: 'skipped',
    });
  });

  it('applies the customer caps and the rule budget together, the tightest winning', () => {
    const both = caps({
      perCustomer: [{ period: 'day', maxPoints: 500 }],
      budget: { maxPoints: 10_000, period: 'month' },
    });
    const usage = (customerDay: number, budgetMonth: number) => ({
      perCustomer: { day: { points: customerDay, times: 1 } },
      budget: { points: budgetMonth, times: 50 },
    });
    expect(applyCaps(400, both, usage(200, 9_950))).toEqual({ points: 50, outcome: 'truncated' });
    expect(applyCaps(400, both, usage(400, 0))).toEqual({ points: 100, outcome: 'truncated' });
    expect(applyCaps(400, both, usage(0, 10_000)).outcome).toBe('skipped');
  });

  it('never awards past a cap, whatever the usage', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 1, max: 2_000 }),
        fc.integer({ min: 0, max: 3_000 }),
        fc.constantFrom('truncate', 'skip'),
        (award, maxPoints, used, onReach) => {
          const limit = caps({ perCustomer: [{ period: 'week', maxPoints }], onReach });
          const result = applyCaps(award, limit, {
            perCustomer: { week: { points: used, times: 0 } },
          });
          expect(result.points).toBeGreaterThanOrEqual(0);
          expect(result.points).toBeLessThanOrEqual(award);
          if (result.points > 0) expect(used + result.points).toBeLessThanOrEqual(maxPoints);
          if (used + award <= maxPoints) expect(result.points).toBe(award);
        },
      ),
    );
  });
});

describe('resolveStacking', () => {
  const rule = (key: string, group: string | undefined, priority: number) => ({
    key,
    stacking: { group, priority },
  });

  it('keeps only the highest priority of each exclusive group, and every ungrouped rule', () => {
    const matched = [
      rule('tasa-base', undefined, 0),
      rule('doble', 'promo', 5),
      rule('triple', 'promo', 9),
      rule('vip', 'vip', 1),
    ];
    expect(resolveStacking(matched).map((r) => r.key)).toEqual(['tasa-base', 'triple', 'vip']);
  });

  it('breaks a tie of priorities by rule key, so the choice does not depend on order', () => {
    const tie = [rule('b', 'promo', 1), rule('a', 'promo', 1)];
    expect(resolveStacking(tie).map((r) => r.key)).toEqual(['a']);
    expect(resolveStacking([...tie].reverse()).map((r) => r.key)).toEqual(['a']);
  });
});
