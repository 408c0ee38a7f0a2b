import type { Settings } from '../settings';

/**
 * The seam every earning goes through: `evaluate(trigger, facts)` returns the awards.
 * Until the rules engine lands, a purchase earns the configured base rate; the engine will
 * replace what is behind this function, not its callers.
 */
export type Trigger = 'purchase';

export interface PurchaseFacts {
  amountCents: number;
  currency: string;
  category: string;
  storeId: string;
  occurredAt: Date;
}

export interface Award {
  /** The rule's key and version, recorded on every ledger line it produces. */
  rule: string;
  version: number;
  points: number;
}

export const baseRateRule = { key: 'tasa-base', version: 1 } as const;

export function evaluate(_trigger: Trigger, facts: PurchaseFacts, settings: Settings): Award[] {
  const { points, perAmountCents } = settings.baseEarnRate;
  if (facts.amountCents <= 0) return [];
  const earned = Math.floor(facts.amountCents / perAmountCents) * points;
  return earned > 0
    ? [{ rule: baseRateRule.key, version: baseRateRule.version, points: earned }]
    : [];
}
