import type { CapPeriod } from './dates';
import type { Caps, Effect, Facts, Rounding, Stacking } from './schema';

// Award arithmetic, all in integers: points from effects, caps, and stacking. The server runs
// these inside the ledger transaction with the usage it has just read.

/** The key of the rule whose award is the "base earn" that multiplier effects multiply. */
export const BASE_EARN_RULE_KEY = 'tasa-base';

/** numerator / denominator for a non-negative integer numerator and positive denominator. */
export function divideRounded(numerator: number, denominator: number, rounding: Rounding): number {
  let quotient = Math.floor(numerator / denominator);
  let remainder = numerator - quotient * denominator;
  // Float division can land one off near exact multiples; the remainder says which way.
  if (remainder < 0) {
    quotient -= 1;
    remainder += denominator;
  } else if (remainder >= denominator) {
    quotient += 1;
    remainder -= denominator;
  }
  if (rounding === 'ceil') return remainder > 0 ? quotient + 1 : quotient;
  if (rounding === 'round') return remainder * 2 >= denominator ? quotient + 1 : quotient;
  return quotient;
}

function purchaseAmount(facts: Facts): number {
  const amount = facts['purchase.amount'];
  return typeof amount === 'number' && Number.isSafeInteger(amount) && amount > 0 ? amount : 0;
}

/** The points one effect awards; effects that award no points (reward, message, tag) give 0. */
export function effectPoints(effect: Effect, facts: Facts, baseEarn: number): number {
  switch (effect.type) {
    case 'fixedPoints':
      return effect.points;
    case 'pointsPerAmount':
      return (
        divideRounded(purchaseAmount(facts), effect.perAmountCents, effect.rounding) * effect.points
      );
    case 'multiplier': {
      // The factor in hundredths keeps the arithmetic in integers: ×1.5 adds 50/100 of the base.
      const extraHundredths = Math.round(effect.factor * 100) - 100;
      return divideRounded(Math.max(baseEarn, 0) * extraHundredths, 100, effect.rounding);
    }
    case 'reward':
    case 'message':
    case 'tag':
      return 0;
  }
}

/** The points all of a rule's effects award, before caps. */
export function pointsFromEffects(
  effects: readonly Effect[],
  facts: Facts,
  baseEarn: number,
): number {
  return effects.reduce((sum, effect) => sum + effectPoints(effect, facts, baseEarn), 0);
}

/** What the rule already awarded in a cap's current period. */
export interface CapUsage {
  points: number;
  times: number;
}

export interface CapsUsage {
  /** This customer's awards from this rule, by period. A missing period counts as unused. */
  perCustomer: Partial<Record<CapPeriod, CapUsage>>;
  /** All customers' awards from this rule in the budget's period. */
  budget?: CapUsage;
}

export type CapOutcome = 'full' | 'truncated' | 'skipped';

export interface CappedAward {
  points: number;
  /** skipped: the rule gives nothing this time, none of its effects included. */
  outcome: CapOutcome;
}

interface Limit {
  maxPoints?: number;
  maxTimes?: number;
}

const UNUSED: CapUsage = { points: 0, times: 0 };

/** Applies every cap in turn to an award of `points`, given what each cap's period has used. */
export function applyCaps(points: number, caps: Caps, usage: CapsUsage): CappedAward {
  const limits: [Limit, CapUsage][] = caps.perCustomer.map((cap) => [
    cap,
    usage.perCustomer[cap.period] ?? UNUSED,
  ]);
  if (caps.budget) limits.push([caps.budget, usage.budget ?? UNUSED]);
  let award: CappedAward = { points, outcome: 'full' };
  for (const [limit, used] of limits) {
    if (limit.maxTimes !== undefined && used.times >= limit.maxTimes) {
      return { points: 0, outcome: 'skipped' };
    }
    if (limit.maxPoints === undefined) continue;
    const room = limit.maxPoints - used.points;
    if (award.points <= room) continue;
    if (caps.onReach === 'skip' || room <= 0) return { points: 0, outcome: 'skipped' };
    award = { points: room, outcome: 'truncated' };
  }
  return award;
}

/**
 * Keeps, of rules that matched the same event, those that stack: in each exclusive group only
 * the highest priority survives (ties broken by rule key, so the choice is stable).
 */
export function resolveStacking<T extends { key: string; stacking: Stacking }>(
  matched: readonly T[],
): T[] {
  const winners = new Map<string, T>();
  for (const rule of matched) {
    const group = rule.stacking.group;
    if (group === undefined) continue;
    const current = winners.get(group);
    if (
      !current ||
      rule.stacking.priority > current.stacking.priority ||
      (rule.stacking.priority === current.stacking.priority && rule.key < current.key)
    ) {
      winners.set(group, rule);
    }
  }
  return matched.filter(
    (rule) => rule.stacking.group === undefined || winners.get(rule.stacking.group) === rule,
  );
}
