import { createHash } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { retryOnConflict } from '../db/retry';
import { forUpdate, insertRows, parseJson } from '../db/rows';
import { evaluate, type Award } from '../rules/evaluate';
import {
  CUSTOMER_FACT_COLUMNS,
  customerFacts,
  loadFactGroups,
  purchaseFacts,
  todayFacts,
  type CustomerRow,
  type MutableFacts,
} from '../rules/facts';
import { localTimeCached } from '../rules/ruleSet';
import type { RulesRuntime } from '../rules/runtime';
import { parseUsage, settleAwards, type CustomerUsage, type SettledAward } from '../rules/settle';
import { getSettings, type Settings } from '../settings';
import { insertLedgerLines, type NewLedgerLine } from './lines';
import { addMonths } from './time';

/** A purchase as the partner feed sends it, validated. */
export interface PurchaseInput {
  id: string;
  /** Who bought: the partner's customer id, or the number of the customer's active card. */
  customerExternalId?: string;
  cardNumber?: string;
  /** Integer minor units (cents). */
  amount: number;
  currency: string;
  occurredAt: Date;
  storeId: string;
  category: string;
  items?: { sku: string; quantity: number; amount: number }[];
}

export interface PurchaseReceipt {
  transactionId: string;
  pointsAwarded: number;
  balance: number;
  awards: Award[];
}

export type PurchaseResult =
  | { status: 201 | 200; receipt: PurchaseReceipt }
  | { status: 404 | 409 | 422; error: { id: string; message: string } };

/** A purchase of the batch that earned points: real-time notices read its lines after commit. */
export interface PostedLine {
  customerId: number;
  transactionId: string;
  awards: AwardNotice[];
}

const failure = (status: 404 | 409 | 422, id: string, message: string): PurchaseResult => ({
  status,
  error: { id, message },
});

/** The fingerprint that tells a retry (same payload) from a conflicting reuse of an id. */
export function payloadHash(purchase: PurchaseInput): string {
  const canonical = JSON.stringify([
    purchase.id,
    purchase.customerExternalId ?? null,
    purchase.cardNumber ?? null,
    purchase.amount,
    purchase.currency,
    purchase.occurredAt.toISOString(),
    purchase.storeId,
    purchase.category,
    purchase.items ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

interface StoredTransaction {
  external_id: string;
  payload_hash: string;
  points_awarded: number;
  awards: unknown;
  balance_after: number | string;
}

const receiptOf = (row: StoredTransaction): PurchaseReceipt => ({
  transactionId: row.external_id,
  pointsAwarded: Number(row.points_awarded),
  balance: Number(row.balance_after),
  awards: parseJson<Award[]>(row.awards),
});

/** What real-time notices and statistics read of an award after commit. */
export interface AwardNotice extends Award {
  /** The rule's plain words for the customer, e.g. "¡Feliz cumpleaños! +100 puntos". */
  description: string | null;
}

/**
 * Credits a batch of purchases in one transaction with set-based statements: one read of the
 * known ids, one locked read of the customers, then multi-row inserts and one customer update.
 * The live rules are taken once for the whole batch, so a publish never splits it. Results
 * come back in input order. A purchase id seen before answers 200 with its first receipt
 * (nothing credited again); the same id with another payload answers 409.
 */
export async function postPurchases(
  sequelize: Sequelize,
  rules: RulesRuntime,
  purchases: readonly PurchaseInput[],
  /** The API key each purchase came with (null for purchases made by the platform itself). */
  apiKeyIds: readonly (number | null)[],
): Promise<{ results: PurchaseResult[]; lines: PostedLine[] }> {
  if (purchases.length === 0) return { results: [], lines: [] };
  const [settings, ruleSet, codes] = await Promise.all([
    getSettings(sequelize),
    rules.current(),
    rules.codes(),
  ]);
  const posted = await retryOnConflict(() =>
    sequelize.transaction(async (transaction) => {
      const hashes = purchases.map(payloadHash);
      const known = await selectKnown(
        sequelize,
        [...new Set(purchases.map((p) => p.id))],
        transaction,
      );
      const customers = await lockCustomers(sequelize, purchases, transaction);

      const results: (PurchaseResult | null)[] = purchases.map(() => null);
      const firstInBatch = new Map<string, number>();
      const accepted: Accepted[] = [];

      purchases.forEach((purchase, index) => {
        const hash = hashes[index];
        const stored = known.get(purchase.id);
        if (stored) {
          results[index] =
            stored.payload_hash === hash
              ? { status: 200, receipt: receiptOf(stored) }
              : failure(
                  409,
                  'transaction_conflict',
                  'Ese id de transacción ya se usó con otros datos.',
                );
          return;
        }
        const first = firstInBatch.get(purchase.id);
        if (first !== undefined) {
          // Resolved once the first occurrence has its receipt.
          if (hashes[first] !== hash) {
            results[index] = failure(
              409,
              'transaction_conflict',
              'Ese id de transacción ya se usó con otros datos.',
            );
          }
          return;
        }
        const customer = customers.get(buyerKey(purchase));
        if (!customer) {
          results[index] = purchase.cardNumber
            ? failure(404, 'card_not_found', 'No hay una tarjeta activa con ese número.')
            : failure(404, 'customer_not_found', 'No existe un cliente con ese id externo.');
          return;
        }
        if (customer.row.status !== 'active') {
          results[index] = failure(
            422,
            'customer_inactive',
            'El cliente no está activo; la compra no acumula puntos.',
          );
          return;
        }
        if (purchase.currency !== settings.currency) {
          results[index] = failure(
            422,
            'currency_not_supported',
            `Solo se aceptan compras en ${settings.currency}.`,
          );
          return;
        }
        firstInBatch.set(purchase.id, index);
        const local = localTimeCached(purchase.occurredAt, settings.timeZone);
        accepted.push({
          index,
          customer,
          facts: {
            ...purchaseFacts(purchase),
            ...customerFacts(customer.row, codes, settings.timeZone, local.date),
            ...todayFacts(local),
          },
          day: local.date,
          settled: [],
          awards: [],
          points: 0,
          balance: 0,
        });
      });

      await loadFactGroups(
        sequelize,
        new Map(
          accepted.map((a) => [
            a.customer.id,
            ruleSet.factGroups('purchase', (a.facts['customer.zone'] as string | null) ?? null),
          ]),
        ),
        (customerId) => accepted.filter((a) => a.customer.id === customerId).map((a) => a.facts),
        new Date(),
        settings.timeZone,
        transaction,
      );
      const settled = await settleAwards(
        sequelize,
        accepted.map((a) => {
          const purchase = purchases[a.index] as PurchaseInput;
          // The balance so far in the batch, for rules on the balance.
          a.facts['customer.pointsBalance'] = a.customer.balance;
          return {
            customerId: a.customer.id,
            usage: a.customer.usage,
            matches: evaluate(ruleSet, {
              trigger: 'purchase',
              facts: a.facts,
              at: purchase.occurredAt,
            }),
            at: purchase.occurredAt,
          };
        }),
        transaction,
      );
      accepted.forEach((a, i) => {
        a.settled = settled.awards[i] ?? [];
        a.awards = a.settled.filter((award) => award.points > 0);
        a.points = a.awards.reduce((sum, award) => sum + award.points, 0);
        a.customer.balance += a.points;
        a.balance = a.customer.balance;
        const occurredAt = (purchases[a.index] as PurchaseInput).occurredAt;
        if (!a.customer.lastPurchaseAt || a.customer.lastPurchaseAt < occurredAt) {
          a.customer.lastPurchaseAt = occurredAt;
        }
      });
      for (const customer of new Set(customers.values())) {
        customer.usageChanged = settled.usageChanged.has(customer.id);
      }

      if (accepted.length > 0) {
        await writeAccepted(
          sequelize,
          purchases,
          hashes,
          apiKeyIds,
          accepted,
          settings,
          transaction,
        );
        await updateCustomers(sequelize, customers, transaction);
        for (const a of accepted) {
          const p = purchases[a.index] as PurchaseInput;
          results[a.index] = {
            status: 201,
            receipt: {
              transactionId: p.id,
              pointsAwarded: a.points,
              balance: a.balance,
              awards: a.awards.map(awardOf),
            },
          };
        }
      }

      // Repeats inside the batch answer like a retry of their first occurrence.
      purchases.forEach((purchase, index) => {
        if (results[index]) return;
        const first = results[firstInBatch.get(purchase.id) ?? -1];
        results[index] =
          first && 'receipt' in first ? { status: 200, receipt: first.receipt } : (first ?? null);
      });
      return { results: results as PurchaseResult[], accepted };
    }),
  );
  const lines: PostedLine[] = [];
  for (const a of posted.accepted) {
    for (const award of a.awards) rules.stats.record(award.rule.key, a.day, award.points);
    if (a.points > 0) {
      lines.push({
        customerId: a.customer.id,
        transactionId: (purchases[a.index] as PurchaseInput).id,
        awards: a.awards.map(noticeOf),
      });
    }
  }
  return { results: posted.results, lines };
}

const awardOf = (award: SettledAward): Award => ({
  rule: award.rule.key,
  version: award.rule.version,
  points: award.points,
});

export const noticeOf = (award: SettledAward): AwardNotice => ({
  ...awardOf(award),
  description: award.rule.document.meta.description ?? null,
});

/** What a settled award keeps as its trace: the rule version, the outcome of its caps, each condition. */
export const traceOf = (award: SettledAward) => ({
  rule: award.rule.key,
  version: award.rule.version,
  points: award.points,
  outcome: award.outcome,
  conditions: award.trace,
});

interface Accepted {
  index: number;
  customer: LockedCustomer;
  facts: MutableFacts;
  /** The purchase's local date: the day its awards count in the rule statistics. */
  day: string;
  /** Awards that gave points, in ledger order. */
  awards: SettledAward[];
  /** Every settled award, those of 0 points (tags, messages) included, for the trace. */
  settled: SettledAward[];
  points: number;
  balance: number;
}

async function writeAccepted(
  sequelize: Sequelize,
  purchases: readonly PurchaseInput[],
  hashes: readonly string[],
  apiKeyIds: readonly (number | null)[],
  accepted: readonly Accepted[],
  settings: Settings,
  transaction: Transaction,
): Promise<void> {
  const now = new Date();
  await insertRows(
    sequelize,
    'partner_transactions',
    [
      'external_id',
      'payload_hash',
      'api_key_id',
      'customer_id',
      'amount_cents',
      'currency',
      'occurred_at',
      'store_id',
      'category',
      'items',
      'points_awarded',
      'awards',
      'traces',
      'balance_after',
      'status',
      'unrecovered_points',
      'created_at',
    ],
    accepted.map((a) => {
      const p = purchases[a.index] as PurchaseInput;
      return [
        p.id,
        hashes[a.index],
        apiKeyIds[a.index] ?? null,
        a.customer.id,
        p.amount,
        p.currency,
        p.occurredAt,
        p.storeId,
        p.category,
        p.items ? JSON.stringify(p.items) : null,
        a.points,
        JSON.stringify(a.awards.map(awardOf)),
        a.settled.length > 0 ? JSON.stringify(a.settled.map(traceOf)) : null,
        a.balance,
        'posted',
        0,
        now,
      ];
    }),
    transaction,
  );
  const earning = accepted.filter((a) => a.points > 0);
  if (earning.length === 0) return;
  const ids = await transactionIds(
    sequelize,
    earning.map((a) => (purchases[a.index] as PurchaseInput).id),
    transaction,
  );
  // One line per award, so each names the rule version that produced it.
  const lineRows: NewLedgerLine[] = [];
  for (const a of earning) {
    let balance = a.balance - a.points;
    for (const award of a.awards) {
      balance += award.points;
      lineRows.push({
        customerId: a.customer.id,
        kind: 'earn',
        points: award.points,
        balanceAfter: balance,
        transactionId: ids.get((purchases[a.index] as PurchaseInput).id),
        ruleKey: award.rule.key,
        ruleVersion: award.rule.version,
        createdAt: now,
      });
    }
  }
  await insertLedgerLines(sequelize, lineRows, transaction);
  await insertRows(
    sequelize,
    'point_lots',
    ['customer_id', 'points', 'remaining', 'expires_at', 'transaction_id', 'created_at'],
    earning.map((a) => {
      const p = purchases[a.index] as PurchaseInput;
      return [
        a.customer.id,
        a.points,
        a.points,
        addMonths(p.occurredAt, settings.pointsExpiryMonths),
        ids.get(p.id),
        now,
      ];
    }),
    transaction,
  );
}

async function selectKnown(sequelize: Sequelize, ids: string[], transaction: Transaction) {
  const rows = await sequelize.query<StoredTransaction>(
    `SELECT external_id, payload_hash, points_awarded, awards, balance_after
       FROM partner_transactions WHERE external_id IN (?)`,
    { replacements: [ids], type: QueryTypes.SELECT, transaction },
  );
  return new Map(rows.map((row) => [row.external_id, row]));
}

interface LockedCustomer {
  id: number;
  row: CustomerRow;
  balance: number;
  /** The balance before this batch, to update only the customers it changed. */
  original: number;
  usage: CustomerUsage;
  usageChanged: boolean;
  lastPurchaseAt: Date | null;
}

const buyerKey = (purchase: PurchaseInput) =>
  purchase.cardNumber ? `card:${purchase.cardNumber}` : `customer:${purchase.customerExternalId}`;

/**
 * Finds the batch's buyers by external id or active card, then reads and locks their rows in
 * primary-key order, the order every ledger write locks customers in (no deadlock cycles).
 * Two keys of one customer share one entry, so its balance adds up across both.
 */
async function lockCustomers(
  sequelize: Sequelize,
  purchases: readonly PurchaseInput[],
  transaction: Transaction,
): Promise<Map<string, LockedCustomer>> {
  const externalIds = [
    ...new Set(purchases.flatMap((p) => (p.cardNumber ? [] : [p.customerExternalId ?? '']))),
  ];
  const cardNumbers = [...new Set(purchases.flatMap((p) => (p.cardNumber ? [p.cardNumber] : [])))];
  const byKey = new Map<string, number>();
  if (externalIds.length > 0) {
    const rows = await sequelize.query<{ id: number | string; external_id: string }>(
      'SELECT id, external_id FROM customers WHERE external_id IN (?)',
      { replacements: [externalIds], type: QueryTypes.SELECT, transaction },
    );
    for (const row of rows) byKey.set(`customer:${row.external_id}`, Number(row.id));
  }
  if (cardNumbers.length > 0) {
    const rows = await sequelize.query<{ customer_id: number | string; number: string }>(
      "SELECT customer_id, number FROM cards WHERE number IN (?) AND status = 'active' AND customer_id IS NOT NULL",
      { replacements: [cardNumbers], type: QueryTypes.SELECT, transaction },
    );
    for (const row of rows) byKey.set(`card:${row.number}`, Number(row.customer_id));
  }
  const ids = [...new Set(byKey.values())];
  if (ids.length === 0) return new Map();
  const rows = await sequelize.query<CustomerRow>(
    `SELECT ${CUSTOMER_FACT_COLUMNS} FROM customers WHERE id IN (?) ORDER BY id${forUpdate(sequelize)}`,
    { replacements: [ids], type: QueryTypes.SELECT, transaction },
  );
  const locked = new Map(
    rows.map((row): [number, LockedCustomer] => [
      Number(row.id),
      {
        id: Number(row.id),
        row,
        balance: Number(row.balance),
        original: Number(row.balance),
        usage: parseUsage(row.rule_usage),
        usageChanged: false,
        lastPurchaseAt: row.last_purchase_at === null ? null : new Date(row.last_purchase_at),
      },
    ]),
  );
  return new Map(
    [...byKey].flatMap(([key, id]) => {
      const customer = locked.get(id);
      return customer ? [[key, customer] as const] : [];
    }),
  );
}

async function transactionIds(
  sequelize: Sequelize,
  externalIds: string[],
  transaction: Transaction,
) {
  const rows = await sequelize.query<{ id: number | string; external_id: string }>(
    'SELECT id, external_id FROM partner_transactions WHERE external_id IN (?)',
    { replacements: [externalIds], type: QueryTypes.SELECT, transaction },
  );
  return new Map(rows.map((row) => [row.external_id, Number(row.id)]));
}

/**
 * One UPDATE for the batch's buyers: balance, last purchase, and cap usage where it changed
 * (the rows are locked, so absolute values are safe).
 */
async function updateCustomers(
  sequelize: Sequelize,
  customers: Map<string, LockedCustomer>,
  transaction: Transaction,
) {
  const buyers = [...new Set(customers.values())].filter((c) => c.lastPurchaseAt !== null);
  if (buyers.length === 0) return;
  const cases = (
    column: string,
    changed: LockedCustomer[],
    value: (c: LockedCustomer) => unknown,
  ) =>
    changed.length === 0
      ? { sql: [], replacements: [] }
      : {
          sql: [
            `${column} = CASE id ${changed.map(() => 'WHEN ? THEN ?').join(' ')} ELSE ${column} END`,
          ],
          replacements: changed.flatMap((c) => [c.id, value(c)]),
        };
  const parts = [
    cases(
      'balance',
      buyers.filter((c) => c.balance !== c.original),
      (c) => c.balance,
    ),
    cases('last_purchase_at', buyers, (c) => c.lastPurchaseAt),
    cases(
      'rule_usage',
      buyers.filter((c) => c.usageChanged),
      (c) => JSON.stringify(c.usage),
    ),
  ];
  await sequelize.query(
    `UPDATE customers SET ${parts.flatMap((p) => p.sql).join(', ')} WHERE id IN (?)`,
    {
      replacements: [...parts.flatMap((p) => p.replacements), buyers.map((c) => c.id)],
      transaction,
    },
  );
}
