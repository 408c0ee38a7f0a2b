import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import {
  applyCaps,
  periodKey,
  type CapOutcome,
  type CapPeriod,
  type CapsUsage,
  type TraceEntry,
} from '@lealtad/rules-schema';
import { grantBonusRewards, type BonusReward } from '../commands/redemptions';
import { forUpdate, insertIgnore, insertRows, parseJson } from '../db/rows';
import type { RuleMatch } from './evaluate';
import { localTimeCached, type LiveRule } from './ruleSet';

// Caps and the effects that are not points (tags, messages, bonus rewards), inside the ledger transaction that locked the
// customers. A customer's own cap usage lives on its row, read with the row's lock, so caps
// hold under any number of concurrent awards; a rule's budget is a row locked here.

/** { ruleKey: { periodKey: [points, times] } }: the current periods of capped rules only. */
export type CustomerUsage = Record<string, Record<string, [number, number]>>;

export function parseUsage(value: unknown): CustomerUsage {
  return value === null || value === undefined ? {} : parseJson<CustomerUsage>(value);
}

export interface AwardingEvent {
  customerId: number;
  /** The customer's cap usage, read with its lock; updated in place. */
  usage: CustomerUsage;
  matches: readonly RuleMatch[];
  at: Date;
}

export interface SettledAward {
  rule: LiveRule;
  points: number;
  outcome: CapOutcome;
  trace: TraceEntry[];
}

const localDate = (rule: LiveRule, at: Date) =>
  localTimeCached(at, rule.document.validity.timeZone).date;

const budgetKey = (rule: string, period: string) => `${rule}\u0000${period}`;

interface Budget {
  rule: string;
  period: string;
  points: number;
  times: number;
  changed: boolean;
}

/** Locks the budgets rows the awards touch (creating missing ones), in key order. */
async function lockBudgets(
  sequelize: Sequelize,
  events: readonly AwardingEvent[],
  transaction: Transaction,
): Promise<Map<string, Budget>> {
  const wanted = new Map<string, { rule: string; period: string }>();
  for (const event of events) {
    for (const { rule } of event.matches) {
      const budget = rule.document.caps.budget;
      if (!budget) continue;
      const period = periodKey(budget.period, localDate(rule, event.at));
      wanted.set(budgetKey(rule.key, period), { rule: rule.key, period });
    }
  }
  const budgets = new Map<string, Budget>();
  if (wanted.size === 0) return budgets;
  const keys = [...wanted.values()].sort((a, b) =>
    budgetKey(a.rule, a.period) < budgetKey(b.rule, b.period) ? -1 : 1,
  );
  const rows = await sequelize.query<{
    rule_key: string;
    period_key: string;
    points: number | string;
    times: number;
  }>(
    `SELECT rule_key, period_key, points, times FROM rule_budgets
      WHERE ${keys.map(() => '(rule_key = ? AND period_key = ?)').join(' OR ')}
      ORDER BY rule_key, period_key${forUpdate(sequelize)}`,
    {
      replacements: keys.flatMap((k) => [k.rule, k.period]),
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  for (const row of rows) {
    budgets.set(budgetKey(row.rule_key, row.period_key), {
      rule: row.rule_key,
      period: row.period_key,
      points: Number(row.points),
      times: Number(row.times),
      changed: false,
    });
  }
  const missing = keys.filter((k) => !budgets.has(budgetKey(k.rule, k.period)));
  if (missing.length > 0) {
    // Two first awards of a period racing here: one insert fails and its transaction reruns.
    await insertRows(
      sequelize,
      'rule_budgets',
      ['rule_key', 'period_key', 'points', 'times'],
      missing.map((k) => [k.rule, k.period, 0, 0]),
      transaction,
    );
    for (const k of missing) {
      budgets.set(budgetKey(k.rule, k.period), { ...k, points: 0, times: 0, changed: false });
    }
  }
  return budgets;
}

/**
 * Applies each matched rule's caps in event order (so the second purchase of a customer in a
 * batch sees what the first used), then writes the budgets and the tags and messages the
 * awards give. Skipped awards give nothing, their other effects included. Returns the awards
 * per event and whether the event's customer usage changed (the caller writes it with the
 * balance).
 */
export async function settleAwards(
  sequelize: Sequelize,
  events: readonly AwardingEvent[],
  transaction: Transaction,
): Promise<{ awards: SettledAward[][]; usageChanged: Set<number> }> {
  const budgets = await lockBudgets(sequelize, events, transaction);
  const usageChanged = new Set<number>();
  const tags: unknown[][] = [];
  const messages: unknown[][] = [];
  const bonuses: BonusReward[] = [];
  const now = new Date();

  const awards = events.map((event) =>
    event.matches.flatMap((match): SettledAward[] => {
      const { rule } = match;
      const { caps } = rule.document;
      const date = localDate(rule, event.at);
      const ruleUsage = event.usage[rule.key] ?? {};
      const usage: CapsUsage = { perCustomer: {} };
      const periods = new Map<CapPeriod, string>();
      for (const cap of caps.perCustomer) {
        const period = periodKey(cap.period, date);
        periods.set(cap.period, period);
        const [points, times] = ruleUsage[period] ?? [0, 0];
        usage.perCustomer[cap.period] = { points, times };
      }
      const budget = caps.budget
        ? budgets.get(budgetKey(rule.key, periodKey(caps.budget.period, date)))
        : undefined;
      if (budget) usage.budget = { points: budget.points, times: budget.times };

      const capped = applyCaps(match.points, caps, usage);
      if (capped.outcome === 'skipped') return [];
      if (periods.size > 0) {
        // Only the current periods stay: older ones can no longer limit anything.
        const next: Record<string, [number, number]> = {};
        for (const period of periods.values()) {
          const [points, times] = ruleUsage[period] ?? [0, 0];
          next[period] = [points + capped.points, times + 1];
        }
        event.usage[rule.key] = next;
        usageChanged.add(event.customerId);
      }
      if (budget) {
        budget.points += capped.points;
        budget.times += 1;
        budget.changed = true;
      }
      for (const effect of rule.document.effects) {
        if (effect.type === 'tag') tags.push([event.customerId, effect.tag, rule.key, now]);
        if (effect.type === 'message') {
          messages.push([event.customerId, rule.key, effect.subject, effect.body, now]);
        }
        if (effect.type === 'reward') {
          bonuses.push({
            customerId: event.customerId,
            rewardCode: effect.rewardId,
            ruleKey: rule.key,
          });
        }
      }
      return [{ rule, points: capped.points, outcome: capped.outcome, trace: match.trace }];
    }),
  );

  for (const budget of budgets.values()) {
    if (!budget.changed) continue;
    await sequelize.query(
      'UPDATE rule_budgets SET points = ?, times = ? WHERE rule_key = ? AND period_key = ?',
      { replacements: [budget.points, budget.times, budget.rule, budget.period], transaction },
    );
  }
  if (tags.length > 0) {
    await insertRows(
      sequelize,
      'customer_tags',
      ['customer_id', 'tag', 'rule_key', 'created_at'],
      tags,
      transaction,
      insertIgnore(sequelize),
    );
  }
  if (messages.length > 0) {
    await insertRows(
      sequelize,
      'customer_messages',
      ['customer_id', 'rule_key', 'subject', 'body', 'created_at'],
      messages,
      transaction,
    );
  }
  await grantBonusRewards(sequelize, bonuses, transaction);
  return { awards, usageChanged };
}
