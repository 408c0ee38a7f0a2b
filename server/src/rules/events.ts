import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { TriggerType } from '@lealtad/rules-schema';
import { forUpdate, insertRows } from '../db/rows';
import { insertLedgerLines, type NewLedgerLine } from '../ledger/lines';
import { addMonths } from '../ledger/time';
import type { AwardNotice } from '../ledger/purchases';
import type { Services } from '../http/services';
import { announceAwards } from '../realtime';
import { getSettings } from '../settings';
import { evaluate } from './evaluate';
import {
  CUSTOMER_FACT_COLUMNS,
  customerFacts,
  loadFactGroups,
  todayFacts,
  type CustomerRow,
  type MutableFacts,
} from './facts';
import { localTimeCached } from './ruleSet';
import type { RulesRuntime } from './runtime';
import { parseUsage, settleAwards } from './settle';

// Awards for events that are not purchases: a card activated, a customer enrolled or with a
// complete profile, and the scheduled ones (birthday, anniversary, inactivity, points about to
// expire). Each (customer, rule, occasion) is awarded once: rule_awards' key refuses a second,
// so a rerun of a job, or a second server process running it, awards nothing twice.

export interface RuleOccasion {
  customerId: number;
  /** What the award is for, e.g. "2026" for a birthday, "card:17" for an activation. */
  occasion: string;
  /** Facts of the event beyond the customer's and today's (e.g. the card's). */
  facts?: MutableFacts;
}

export interface CustomerAwards {
  customerId: number;
  balance: number;
  awards: AwardNotice[];
  /** The ledger lines written, for the real-time notices. */
  lineIds: number[];
}

/**
 * awardOccasions inside a command's transaction, with the real-time notices sent once it
 * commits.
 */
export async function awardWithCommand(
  services: Pick<Services, 'sequelize' | 'rules' | 'realtime'>,
  trigger: TriggerType,
  occasions: readonly RuleOccasion[],
  transaction: Transaction,
): Promise<CustomerAwards[]> {
  const awarded = await awardOccasions(
    services.sequelize,
    services.rules,
    trigger,
    occasions,
    new Date(),
    transaction,
  );
  transaction.afterCommit(() => {
    for (const entry of awarded) announceAwards(services.realtime, services.sequelize, entry);
  });
  return awarded;
}

/**
 * Evaluates the trigger's live rules for each occasion inside the caller's transaction (the
 * customers are locked here, in id order, like every ledger write) and writes what they award:
 * ledger lines naming the rule version, point lots, balances, cap usage, and the award with
 * its trace. Returns, per customer that got points, the notices to send after commit.
 */
export async function awardOccasions(
  sequelize: Sequelize,
  rules: RulesRuntime,
  trigger: TriggerType,
  occasions: readonly RuleOccasion[],
  at: Date,
  transaction: Transaction,
  /** For inactivity and points about to expire: the rules waiting this many days. */
  days?: number,
): Promise<CustomerAwards[]> {
  const ruleSet = await rules.current();
  if (occasions.length === 0 || !ruleSet.hasTrigger(trigger)) return [];
  const [settings, codes] = await Promise.all([getSettings(sequelize), rules.codes()]);
  const ids = [...new Set(occasions.map((o) => o.customerId))].sort((a, b) => a - b);
  const rows = await sequelize.query<CustomerRow>(
    `SELECT ${CUSTOMER_FACT_COLUMNS} FROM customers WHERE id IN (?) ORDER BY id${forUpdate(sequelize)}`,
    { replacements: [ids], type: QueryTypes.SELECT, transaction },
  );
  const customers = new Map(
    rows
      .filter((row) => row.status === 'active')
      .map((row) => [
        Number(row.id),
        { row, balance: Number(row.balance), usage: parseUsage(row.rule_usage), changed: false },
      ]),
  );
  const given = await sequelize.query<{
    customer_id: number | string;
    rule_key: string;
    occasion: string;
  }>(
    'SELECT customer_id, rule_key, occasion FROM rule_awards WHERE customer_id IN (?) AND occasion IN (?)',
    {
      replacements: [ids, [...new Set(occasions.map((o) => o.occasion))]],
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  const alreadyGiven = new Set(given.map((g) => `${g.customer_id}:${g.rule_key}:${g.occasion}`));

  const local = localTimeCached(at, settings.timeZone);
  const events = occasions.flatMap((occasion) => {
    const customer = customers.get(occasion.customerId);
    if (!customer) return [];
    const facts: MutableFacts = {
      ...customerFacts(customer.row, codes, settings.timeZone, local.date),
      ...todayFacts(local),
      ...occasion.facts,
    };
    // A profile edit is the event only when it leaves the profile complete.
    if (trigger === 'profile_completed' && facts['customer.profileComplete'] !== true) return [];
    return [{ occasion, customer, facts }];
  });
  await loadFactGroups(
    sequelize,
    new Map(
      events.map((e) => [
        e.occasion.customerId,
        ruleSet.factGroups(trigger, (e.facts['customer.zone'] as string | null) ?? null),
      ]),
    ),
    (customerId) => events.filter((e) => e.occasion.customerId === customerId).map((e) => e.facts),
    at,
    settings.timeZone,
    transaction,
  );
  const settled = await settleAwards(
    sequelize,
    events.map((e) => ({
      customerId: e.occasion.customerId,
      usage: e.customer.usage,
      matches: evaluate(ruleSet, { trigger, facts: e.facts, at, days }).filter(
        (match) =>
          !alreadyGiven.has(`${e.occasion.customerId}:${match.rule.key}:${e.occasion.occasion}`),
      ),
      at,
    })),
    transaction,
  );

  const awardRows: unknown[][] = [];
  const lineRows: NewLedgerLine[] = [];
  const lotRows: unknown[][] = [];
  const byCustomer = new Map<number, CustomerAwards>();
  events.forEach((e, i) => {
    const customerId = e.occasion.customerId;
    for (const award of settled.awards[i] ?? []) {
      awardRows.push([
        customerId,
        award.rule.key,
        e.occasion.occasion,
        award.rule.version,
        trigger,
        award.points,
        JSON.stringify({ facts: e.facts, conditions: award.trace, outcome: award.outcome }),
        at,
      ]);
      if (award.points === 0) continue;
      e.customer.balance += award.points;
      e.customer.changed = true;
      const description = award.rule.document.meta.description ?? null;
      lineRows.push({
        customerId,
        kind: 'earn',
        points: award.points,
        balanceAfter: e.customer.balance,
        ruleKey: award.rule.key,
        ruleVersion: award.rule.version,
        note: (description ?? award.rule.document.name).slice(0, 255),
        createdAt: at,
      });
      lotRows.push([
        customerId,
        award.points,
        award.points,
        addMonths(at, settings.pointsExpiryMonths),
        at,
      ]);
      const entry = byCustomer.get(customerId) ?? {
        customerId,
        balance: 0,
        awards: [],
        lineIds: [],
      };
      entry.balance = e.customer.balance;
      entry.awards.push({
        rule: award.rule.key,
        version: award.rule.version,
        points: award.points,
        description,
      });
      byCustomer.set(customerId, entry);
      rules.stats.record(award.rule.key, local.date, award.points);
    }
  });
  if (awardRows.length === 0) return [];
  await insertRows(
    sequelize,
    'rule_awards',
    [
      'customer_id',
      'rule_key',
      'occasion',
      'rule_version',
      'trigger_type',
      'points',
      'trace',
      'created_at',
    ],
    awardRows,
    transaction,
  );
  await insertLedgerLines(sequelize, lineRows, transaction);
  await insertRows(
    sequelize,
    'point_lots',
    ['customer_id', 'points', 'remaining', 'expires_at', 'created_at'],
    lotRows,
    transaction,
  );
  for (const [id, customer] of customers) {
    if (!customer.changed && !settled.usageChanged.has(id)) continue;
    await sequelize.query('UPDATE customers SET balance = ?, rule_usage = ? WHERE id = ?', {
      replacements: [customer.balance, JSON.stringify(customer.usage), id],
      transaction,
    });
  }
  for (const entry of byCustomer.values()) {
    const lines = await sequelize.query<{ id: number | string }>(
      `SELECT id FROM ledger_entries WHERE customer_id = ? ORDER BY id DESC LIMIT ${entry.awards.length}`,
      { replacements: [entry.customerId], type: QueryTypes.SELECT, transaction },
    );
    entry.lineIds = lines.map((line) => Number(line.id)).reverse();
  }
  return [...byCustomer.values()];
}
