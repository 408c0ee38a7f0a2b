import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { forUpdate, insertRows } from '../db/rows';

/**
 * Takes up to `points` from the customer's lots, soonest-expiring first (the lots of
 * `transactionFirst`, a purchase being reversed, before any other). Emptied lots are deleted;
 * the ledger keeps the history. Returns the points taken.
 */
export async function consumeLots(
  sequelize: Sequelize,
  customerId: number,
  points: number,
  transaction: Transaction,
  transactionFirst?: number,
): Promise<number> {
  const lots = await sequelize.query<{
    id: number | string;
    remaining: number;
    transaction_id: number | string | null;
  }>(
    `SELECT id, remaining, transaction_id FROM point_lots
      WHERE customer_id = ? AND remaining > 0 ORDER BY expires_at, id${forUpdate(sequelize)}`,
    { replacements: [customerId], type: QueryTypes.SELECT, transaction },
  );
  const ordered = transactionFirst
    ? [
        ...lots.filter((l) => Number(l.transaction_id) === transactionFirst),
        ...lots.filter((l) => Number(l.transaction_id) !== transactionFirst),
      ]
    : lots;
  let left = points;
  const emptied: number[] = [];
  for (const lot of ordered) {
    if (left === 0) break;
    const take = Math.min(left, Number(lot.remaining));
    left -= take;
    if (take === Number(lot.remaining)) {
      emptied.push(Number(lot.id));
    } else {
      await sequelize.query('UPDATE point_lots SET remaining = remaining - ? WHERE id = ?', {
        replacements: [take, lot.id],
        transaction,
      });
    }
  }
  if (emptied.length > 0) {
    await sequelize.query('DELETE FROM point_lots WHERE id IN (?)', {
      replacements: [emptied],
      transaction,
    });
  }
  return points - left;
}

/** Reads and locks one customer's balance for a debit or credit. */
export async function lockBalance(
  sequelize: Sequelize,
  customerId: number,
  transaction: Transaction,
): Promise<number | null> {
  const [row] = await sequelize.query<{ balance: number | string }>(
    `SELECT balance FROM customers WHERE id = ?${forUpdate(sequelize)}`,
    { replacements: [customerId], type: QueryTypes.SELECT, transaction },
  );
  return row ? Number(row.balance) : null;
}

/** A new lot of points that expires at `expiresAt` (manual credits, refunds). */
export async function addLot(
  sequelize: Sequelize,
  lot: { customerId: number; points: number; expiresAt: Date },
  transaction: Transaction,
): Promise<void> {
  await insertRows(
    sequelize,
    'point_lots',
    ['customer_id', 'points', 'remaining', 'expires_at', 'transaction_id', 'created_at'],
    [[lot.customerId, lot.points, lot.points, lot.expiresAt, null, new Date()]],
    transaction,
  );
}
