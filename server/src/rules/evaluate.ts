import {
  BASE_EARN_RULE_KEY,
  isWithinValidity,
  matchesAudience,
  operatorContextOf,
  pointsFromEffects,
  resolveStacking,
  traceDirectly,
  type Facts,
  type LocalTime,
  type TraceEntry,
  type TriggerType,
} from '@lealtad/rules-schema';
import { localTimeCached, type LiveRule, type RuleSet } from './ruleSet';

/**
 * The seam every earning goes through: `evaluate(ruleSet, event)` says which live rules an
 * event matches and the points of their effects, before caps (which need the customer's award
 * history, read inside the ledger transaction: see settle.ts).
 */

/** An award as receipts and ledger lines name it. */
export interface Award {
  rule: string;
  version: number;
  points: number;
}

export interface RuleEvent {
  trigger: TriggerType;
  /** Resolved up front and flat: the event's, the customer's, today's, and what candidates need. */
  facts: Facts;
  /** When it happened: validity windows and cap periods are read at this instant. */
  at: Date;
  /** For inactivity and points about to expire: only the rules waiting this many days. */
  days?: number;
  /** The base earn multipliers multiply, when known (a backtest reads it off the stored purchase). */
  baseEarn?: number;
}

export interface RuleMatch {
  rule: LiveRule;
  /** The points of its effects, before caps. */
  points: number;
  /** Every condition's fact value, operator, expected value and result. */
  trace: TraceEntry[];
}

/** The base earn first, then higher priority first, then by key: the order of the ledger lines. */
function awardOrder(a: LiveRule, b: LiveRule): number {
  const isBase = (rule: LiveRule) => (rule.key === BASE_EARN_RULE_KEY ? 0 : 1);
  return (
    isBase(a) - isBase(b) ||
    b.document.stacking.priority - a.document.stacking.priority ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/**
 * Candidates by trigger and zone → in force now → audience → conditions (compiled functions,
 * held equal to json-rules-engine by the property tests) → stacking groups. The base earn is
 * computed first so multipliers can multiply it.
 */
export function evaluate(ruleSet: RuleSet, event: RuleEvent): RuleMatch[] {
  const zone = event.facts['customer.zone'];
  const candidates = ruleSet.candidates(event.trigger, typeof zone === 'string' ? zone : null);
  if (candidates.length === 0) return [];
  const context = operatorContextOf(event.facts);
  // Rules share a time zone or a few: the event's local time is worked out once per zone.
  let localZone = '';
  let local: LocalTime | undefined;
  const matched: LiveRule[] = [];
  for (const rule of candidates) {
    if (rule.waitsDays !== event.days) continue;
    if (!rule.alwaysInForce) {
      const { validity } = rule.document;
      if (!local || validity.timeZone !== localZone) {
        local = localTimeCached(event.at, validity.timeZone);
        localZone = validity.timeZone;
      }
      if (!isWithinValidity(validity, local)) continue;
    }
    if (rule.audienceBeyondZone && !matchesAudience(rule.document.audience, event.facts)) continue;
    if (rule.matches(event.facts, context)) matched.push(rule);
  }
  if (matched.length === 0) return [];
  const applying = resolveStacking(
    matched.map((rule) => ({ rule, key: rule.key, stacking: rule.document.stacking })),
  )
    .map(({ rule }) => rule)
    .sort(awardOrder);
  const base = applying.find((rule) => rule.key === BASE_EARN_RULE_KEY);
  const baseEarn =
    event.baseEarn ?? (base ? pointsFromEffects(base.document.effects, event.facts, 0) : 0);
  return applying.map((rule) => ({
    rule,
    points: pointsFromEffects(rule.document.effects, event.facts, baseEarn),
    trace: traceDirectly(rule.document.conditions, event.facts).trace,
  }));
}
