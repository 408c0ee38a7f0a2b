import { QueryTypes, type Sequelize } from 'sequelize';
import {
  applyCaps,
  AUDIENCE_FACTS,
  AUDIENCE_FIELDS,
  BASE_EARN_RULE_KEY,
  compileRule,
  evaluateRule,
  isWithinValidity,
  localTime,
  matchesAudience,
  periodKey,
  pointsFromEffects,
  summarizeRule,
  type CapsUsage,
  type Facts,
  type RuleDocument,
  type TraceEntry,
} from '@lealtad/rules-schema';
import { parseJson } from '../db/rows';
import { AppError, notFound } from '../errors';
import type { Services } from '../http/services';
import type { Actor } from '../policies/actor';
import { findVisibleCustomer } from '../policies/customers';
import { parseDocument, findRule, type VersionRow } from '../commands/rules';
import { getSettings } from '../settings';
import { zonedInstant } from '../time';
import { evaluate } from './evaluate';
import {
  CUSTOMER_FACT_COLUMNS,
  customerFacts,
  loadFactGroups,
  purchaseFacts,
  todayFacts,
  type CustomerRow,
  type MutableFacts,
} from './facts';
import { liveRule, RuleSet, type FactGroup, type LiveRule } from './ruleSet';
import { parseUsage } from './settle';

// Simulation and backtest write nothing: they read the customer, the purchases and the live
// rules, and run the rule as the runtime would, with json-rules-engine as the trace engine.

/** Which rule to try: a document as drawn (a draft), a stored version, or a rule's draft. */
export type RuleSource = { document: unknown } | { ruleId: number; version?: number };

export async function resolveRule(
  sequelize: Sequelize,
  actor: Actor,
  source: RuleSource,
): Promise<{ document: RuleDocument; version: number | null }> {
  if ('document' in source) return { document: parseDocument(source.document), version: null };
  const rule = await findRule(sequelize, actor, source.ruleId);
  if (source.version === undefined) return { document: parseDocument(rule.draft), version: null };
  const [row] = await sequelize.query<VersionRow>(
    'SELECT * FROM rule_versions WHERE rule_id = ? AND version = ?',
    { replacements: [source.ruleId, source.version], type: QueryTypes.SELECT },
  );
  if (!row) throw notFound(`La versión ${source.version} de la regla no existe.`);
  return { document: parseJson<RuleDocument>(row.definition), version: source.version };
}

export interface SimulatedPurchase {
  amount: number;
  category: string;
  storeId: string;
  occurredAt?: Date;
  /** "YYYY-MM-DDTHH:MM" on the platform's clock, instead of `occurredAt`. */
  localTime?: string;
  items?: { sku: string; quantity: number; amount: number }[];
}

interface AudienceCheck {
  field: 'zones' | 'customerTypes' | 'segments' | 'tags';
  expected: string[];
  actual: string | string[] | null;
  passed: boolean;
}

function audienceChecks(rule: RuleDocument, facts: Facts): AudienceCheck[] {
  return AUDIENCE_FIELDS.flatMap((field) => {
    const fact = AUDIENCE_FACTS[field];
    const expected = rule.audience[field];
    if (expected.length === 0) return [];
    const actual = facts[fact];
    const value = typeof actual === 'string' || Array.isArray(actual) ? actual : null;
    return [
      {
        field,
        expected,
        actual: value,
        passed: matchesAudience({ ...emptyAudience, [field]: expected }, facts),
      },
    ];
  });
}

const emptyAudience = { zones: [], customerTypes: [], segments: [], tags: [] };

/** The stored purchase the simulation replays, by the partner's id, as the customer's. */
async function storedPurchase(
  sequelize: Sequelize,
  customerId: number,
  transactionId: string,
): Promise<SimulatedPurchase> {
  const [row] = await sequelize.query<{
    amount_cents: number | string;
    category: string;
    store_id: string;
    occurred_at: Date | string;
    items: unknown;
  }>(
    'SELECT amount_cents, category, store_id, occurred_at, items FROM partner_transactions WHERE external_id = ? AND customer_id = ?',
    { replacements: [transactionId, customerId], type: QueryTypes.SELECT },
  );
  if (!row) throw notFound('Ese cliente no tiene una compra con ese id.');
  return {
    amount: Number(row.amount_cents),
    category: row.category,
    storeId: row.store_id,
    occurredAt: new Date(row.occurred_at),
    items: row.items === null ? undefined : parseJson(row.items),
  };
}

/**
 * What the rule would award this customer for this event now, and why: validity, each
 * audience check, each condition (json-rules-engine's trace), the points before and after the
 * customer's caps, and what the live release awards for the same event.
 */
export async function simulateRule(
  services: Pick<Services, 'sequelize' | 'rules'>,
  actor: Actor,
  input: RuleSource & {
    customerId: number;
    purchase?: SimulatedPurchase;
    transactionId?: string;
  },
) {
  const { sequelize } = services;
  const { document, version } = await resolveRule(sequelize, actor, input);
  await findVisibleCustomer(actor, input.customerId);
  const isPurchase =
    document.trigger.type === 'purchase' || document.trigger.type === 'purchase_reversed';
  const purchase = input.transactionId
    ? await storedPurchase(sequelize, input.customerId, input.transactionId)
    : input.purchase;
  if (isPurchase && !purchase) {
    throw new AppError(
      400,
      'purchase_required',
      'Para simular una regla de compras indica una compra (inventada o guardada).',
    );
  }
  const [settings, codes, ruleSet] = await Promise.all([
    getSettings(sequelize),
    services.rules.codes(),
    services.rules.current(),
  ]);
  const at = purchase?.localTime
    ? zonedInstant(purchase.localTime.slice(0, 10), purchase.localTime.slice(11), settings.timeZone)
    : (purchase?.occurredAt ?? new Date());
  const [row] = await sequelize.query<CustomerRow>(
    `SELECT ${CUSTOMER_FACT_COLUMNS} FROM customers WHERE id = ?`,
    { replacements: [input.customerId], type: QueryTypes.SELECT },
  );
  if (!row) throw notFound('El cliente no existe.');
  const local = localTime(at, settings.timeZone);
  const facts: MutableFacts = {
    ...(purchase && isPurchase ? purchaseFacts(purchase) : {}),
    ...customerFacts(row, codes, settings.timeZone, local.date),
    ...todayFacts(local),
  };
  const rule = liveRule(0, version ?? 0, document);
  await loadFactGroups(
    sequelize,
    new Map([[input.customerId, new Set<FactGroup>(['tags', 'aggregates', 'card'])]]),
    () => [facts],
    at,
    settings.timeZone,
    undefined,
  );

  const releaseMatches = evaluate(ruleSet, { trigger: document.trigger.type, facts, at });
  const base = releaseMatches.find((m) => m.rule.key === BASE_EARN_RULE_KEY);
  const baseEarn = document.key === BASE_EARN_RULE_KEY ? 0 : (base?.points ?? 0);
  const inForce = isWithinValidity(document.validity, localTime(at, document.validity.timeZone));
  const audience = audienceChecks(document, facts);
  const conditions = await evaluateRule(compileRule(document), facts);
  const matched = inForce && audience.every((check) => check.passed) && conditions.matched;
  const pointsBeforeCaps = matched ? pointsFromEffects(document.effects, facts, baseEarn) : 0;
  const capped = applyCaps(pointsBeforeCaps, document.caps, customerCapUsage(rule, row, at));
  return {
    rule: { key: document.key, version, summary: summarizeRule(document) },
    trigger: document.trigger.type,
    at: at.toISOString(),
    facts,
    inForce,
    audience,
    conditions,
    matched,
    baseEarn,
    pointsBeforeCaps,
    points: matched ? capped.points : 0,
    capOutcome: matched ? capped.outcome : null,
    release: releaseMatches.map((m) => ({
      rule: m.rule.key,
      version: m.rule.version,
      pointsBeforeCaps: m.points,
    })),
  };
}

/** The customer's cap usage in the periods containing `at` (the budget is left out). */
function customerCapUsage(rule: LiveRule, row: CustomerRow, at: Date): CapsUsage {
  const usage = parseUsage(row.rule_usage)[rule.key] ?? {};
  const date = localTime(at, rule.document.validity.timeZone).date;
  const perCustomer: CapsUsage['perCustomer'] = {};
  for (const cap of rule.document.caps.perCustomer) {
    const [points, times] = usage[periodKey(cap.period, date)] ?? [0, 0];
    perCustomer[cap.period] = { points, times };
  }
  return { perCustomer };
}

interface BacktestTotals {
  matched: number;
  customers: number;
  points: number;
  /** Points the rule's budget would have used, and its size. */
  budget: { used: number; maxPoints: number } | null;
}

const pageSize = 1_000;

/**
 * Runs the rule over the stored purchases of a date range (up to `limit`), with caps counted
 * from zero over the range, beside the published version of the same rule. Customers are read
 * as they are today (their zone or type may have changed since).
 */
export async function backtestRule(
  services: Pick<Services, 'sequelize' | 'rules'>,
  actor: Actor,
  input: RuleSource & { from: string; to: string; limit: number; samples: number },
) {
  const { sequelize } = services;
  const { document } = await resolveRule(sequelize, actor, input);
  if (document.trigger.type !== 'purchase') {
    throw new AppError(
      422,
      'backtest_needs_purchase_rule',
      'El backtest recorre compras guardadas: solo sirve para reglas de compra.',
    );
  }
  const [settings, codes, ruleSet] = await Promise.all([
    getSettings(sequelize),
    services.rules.codes(),
    services.rules.current(),
  ]);
  const draft = liveRule(0, 0, document);
  const published = ruleSet.byKey.get(document.key) ?? null;
  const contenders = published ? [draft, published] : [draft];
  const tallies = contenders.map(() => ({
    matched: 0,
    points: 0,
    customers: new Set<number>(),
    usage: new Map<string, [number, number]>(),
    budget: 0,
  }));
  const samples: {
    transactionId: string;
    customerId: number;
    points: number;
    trace: TraceEntry[];
  }[] = [];
  const from = new Date(`${input.from}T00:00:00Z`);
  const to = new Date(`${input.to}T23:59:59.999Z`);
  let scanned = 0;
  let afterId = 0;
  while (scanned < input.limit) {
    const purchases = await sequelize.query<{
      id: number | string;
      external_id: string;
      customer_id: number | string;
      amount_cents: number | string;
      category: string;
      store_id: string;
      occurred_at: Date | string;
      items: unknown;
      awards: unknown;
    }>(
      `SELECT id, external_id, customer_id, amount_cents, category, store_id, occurred_at, items, awards
         FROM partner_transactions
        WHERE id > ? AND occurred_at >= ? AND occurred_at <= ? AND status = 'posted'
        ORDER BY id LIMIT ?`,
      {
        replacements: [afterId, from, to, Math.min(pageSize, input.limit - scanned)],
        type: QueryTypes.SELECT,
      },
    );
    if (purchases.length === 0) break;
    afterId = Number(purchases[purchases.length - 1]?.id);
    scanned += purchases.length;
    const customerIds = [...new Set(purchases.map((p) => Number(p.customer_id)))];
    const rows = await sequelize.query<CustomerRow>(
      `SELECT ${CUSTOMER_FACT_COLUMNS} FROM customers WHERE id IN (?)`,
      { replacements: [customerIds], type: QueryTypes.SELECT },
    );
    const customers = new Map(rows.map((row) => [Number(row.id), row]));
    const events = purchases.flatMap((p) => {
      const row = customers.get(Number(p.customer_id));
      if (!row) return [];
      const at = new Date(p.occurred_at);
      const local = localTime(at, settings.timeZone);
      const facts: MutableFacts = {
        ...purchaseFacts({
          amount: Number(p.amount_cents),
          category: p.category,
          storeId: p.store_id,
          items: p.items === null ? undefined : parseJson(p.items),
        }),
        ...customerFacts(row, codes, settings.timeZone, local.date),
        ...todayFacts(local),
      };
      const baseEarn =
        parseJson<{ rule: string; points: number }[]>(p.awards).find(
          (a) => a.rule === BASE_EARN_RULE_KEY,
        )?.points ?? 0;
      return [{ purchase: p, customerId: Number(p.customer_id), at, facts, baseEarn }];
    });
    const needs = new Set(contenders.flatMap((rule) => [...rule.needs]));
    if (needs.size > 0) {
      await loadFactGroups(
        sequelize,
        new Map(events.map((e) => [e.customerId, needs])),
        (customerId) => events.filter((e) => e.customerId === customerId).map((e) => e.facts),
        new Date(),
        settings.timeZone,
        undefined,
      );
    }
    for (const event of events) {
      contenders.forEach((rule, i) => {
        const tally = tallies[i];
        const match = evaluate(new RuleSet(0, [rule]), {
          trigger: 'purchase',
          facts: event.facts,
          at: event.at,
          baseEarn: rule.key === BASE_EARN_RULE_KEY ? 0 : event.baseEarn,
        })[0];
        if (!tally || !match) return;
        const date = localTime(event.at, rule.document.validity.timeZone).date;
        const usage: CapsUsage = { perCustomer: {} };
        for (const cap of rule.document.caps.perCustomer) {
          const [points, times] = tally.usage.get(
            `${event.customerId}:${periodKey(cap.period, date)}`,
          ) ?? [0, 0];
          usage.perCustomer[cap.period] = { points, times };
        }
        if (rule.document.caps.budget) usage.budget = { points: tally.budget, times: 0 };
        const capped = applyCaps(match.points, rule.document.caps, usage);
        if (capped.outcome === 'skipped') return;
        for (const cap of rule.document.caps.perCustomer) {
          const key = `${event.customerId}:${periodKey(cap.period, date)}`;
          const [points, times] = tally.usage.get(key) ?? [0, 0];
          tally.usage.set(key, [points + capped.points, times + 1]);
        }
        tally.budget += capped.points;
        tally.matched += 1;
        tally.points += capped.points;
        tally.customers.add(event.customerId);
        if (i === 0 && samples.length < input.samples) {
          samples.push({
            transactionId: event.purchase.external_id,
            customerId: event.customerId,
            points: capped.points,
            trace: match.trace,
          });
        }
      });
    }
  }
  const totals = (i: number): BacktestTotals | null => {
    const tally = tallies[i];
    const rule = contenders[i];
    if (!tally || !rule) return null;
    const budget = rule.document.caps.budget;
    return {
      matched: tally.matched,
      customers: tally.customers.size,
      points: tally.points,
      budget: budget ? { used: tally.budget, maxPoints: budget.maxPoints } : null,
    };
  };
  return {
    from: input.from,
    to: input.to,
    purchases: scanned,
    truncated: scanned >= input.limit,
    draft: totals(0),
    published: published ? { version: published.version, ...totals(1) } : null,
    samples,
  };
}
