import { createHash } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { retryOnConflict } from '../db/retry';
import { forUpdate, insertRows, parseJson } from '../db/rows';
import { evaluate, type Award } from '../rules/evaluate';
import { getSettings } from '../settings';
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

/**
 * Credits a batch of purchases in one transaction with set-based statements: one read of the
 * known ids, one locked read of the customers, then multi-row inserts and one balance update.
 * Results come back in input order. A purchase id seen before answers 200 with its first
 * receipt (nothing credited again); the same id with another payload answers 409.
 */
export async function postPurchases(
  sequelize: Sequelize,
  purchases: readonly PurchaseInput[],
  /** The API key each purchase came with (null for purchases made by the platform itself). */
  apiKeyIds: readonly (number | null)[],
): Promise<{ results: PurchaseResult[]; lines: PostedLine[] }> {
  if (purchases.length === 0) return { results: [], lines: [] };
  const settings = await getSettings(sequelize);
  return retryOnConflict(() =>
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
      const accepted: {
        index: number;
        customerId: number;
        awards: Award[];
        points: number;
        balance: number;
      }[] = [];
      const now = new Date();

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
        if (customer.status !== 'active') {
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
        const awards = evaluate(
          'purchase',
          {
            amountCents: purchase.amount,
            currency: purchase.currency,
            category: purchase.category,
            storeId: purchase.storeId,
            occurredAt: purchase.occurredAt,
          },
          settings,
        );
        const points = awards.reduce((sum, award) => sum + award.points, 0);
        customer.balance += points;
        accepted.push({
          index,
          customerId: customer.id,
          awards,
          points,
          balance: customer.balance,
        });
      });

      if (accepted.length > 0) {
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
            'balance_after',
            'status',
            'unrecovered_points',
            'created_at',
          ],
          accepted.map(({ index, customerId, awards, points, balance }) => {
            const p = purchases[index] as PurchaseInput;
            return [
              p.id,
              hashes[index],
              apiKeyIds[index] ?? null,
              customerId,
              p.amount,
              p.currency,
              p.occurredAt,
              p.storeId,
              p.category,
              p.items ? JSON.stringify(p.items) : null,
              points,
              JSON.stringify(awards),
              balance,
              'posted',
              0,
              now,
            ];
          }),
          transaction,
        );
        const ids = await transactionIds(
          sequelize,
          accepted.map((a) => (purchases[a.index] as PurchaseInput).id),
          transaction,
        );
        const earning = accepted.filter((a) => a.points > 0);
        // One line per award, so each names the rule version that produced it.
        const lineRows: unknown[][] = [];
        for (const a of earning) {
          let balance = a.balance - a.points;
          for (const award of a.awards) {
            balance += award.points;
            lineRows.push([
              a.customerId,
              'earn',
              award.points,
              balance,
              ids.get((purchases[a.index] as PurchaseInput).id),
              award.rule,
              award.version,
              null,
              null,
              now,
            ]);
          }
        }
        await insertRows(
          sequelize,
          'ledger_entries',
          [
            'customer_id',
            'kind',
            'points',
            'balance_after',
            'transaction_id',
            'rule_key',
            'rule_version',
            'actor_user_id',
            'note',
            'created_at',
          ],
          lineRows,
          transaction,
        );
        await insertRows(
          sequelize,
          'point_lots',
          ['customer_id', 'points', 'remaining', 'expires_at', 'transaction_id', 'created_at'],
          earning.map((a) => {
            const p = purchases[a.index] as PurchaseInput;
            return [
              a.customerId,
              a.points,
              a.points,
              addMonths(p.occurredAt, settings.pointsExpiryMonths),
              ids.get(p.id),
              now,
            ];
          }),
          transaction,
        );
        await setBalances(sequelize, customers, transaction);
        for (const a of accepted) {
          const p = purchases[a.index] as PurchaseInput;
          results[a.index] = {
            status: 201,
            receipt: {
              transactionId: p.id,
              pointsAwarded: a.points,
              balance: a.balance,
              awards: a.awards,
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

      const lines = accepted
        .filter((a) => a.points > 0)
        .map((a) => ({
          customerId: a.customerId,
          transactionId: (purchases[a.index] as PurchaseInput).id,
        }));
      return { results: results as PurchaseResult[], lines };
    }),
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
  status: string;
  balance: number;
  /** The balance before this batch, to update only the customers it changed. */
  original: number;
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
  const rows = await sequelize.query<{
    id: number | string;
    status: string;
    balance: number | string;
  }>(
    `SELECT id, status, balance FROM customers WHERE id IN (?) ORDER BY id${forUpdate(sequelize)}`,
    { replacements: [ids], type: QueryTypes.SELECT, transaction },
  );
  const locked = new Map(
    rows.map((row) => [
      Number(row.id),
      {
        id: Number(row.id),
        status: row.status,
        balance: Number(row.balance),
        original: Number(row.balance),
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

/** One UPDATE for every changed balance (the rows are locked, so absolute values are safe). */
async function setBalances(
  sequelize: Sequelize,
  customers: Map<string, LockedCustomer>,
  transaction: Transaction,
) {
  const changed = [...new Set(customers.values())].filter((c) => c.balance !== c.original);
  if (changed.length === 0) return;
  await sequelize.query(
    `UPDATE customers SET balance = CASE id ${changed.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE id IN (?)`,
    {
      replacements: [...changed.flatMap((c) => [c.id, c.balance]), changed.map((c) => c.id)],
      transaction,
    },
  );
}
