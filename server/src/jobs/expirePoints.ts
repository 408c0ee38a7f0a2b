import { insertLedgerLines } from '../ledger/lines';
import { QueryTypes, type Sequelize } from 'sequelize';
import { retryOnConflict } from '../db/retry';
import { forUpdate } from '../db/rows';

/**
 * Expires every lot whose date has passed: per customer one `expire` line for what was left,
 * the lots deleted and the balance lowered, a chunk of customers per transaction (customers
 * locked before their lots, as every other ledger write does). Running it again finds nothing.
 */
export async function expirePoints(
  sequelize: Sequelize,
  now = new Date(),
  customersPerChunk = 500,
): Promise<{ customers: number; points: number }> {
  let customers = 0;
  let points = 0;
  for (;;) {
    const due = await sequelize.query<{ customer_id: number | string }>(
      'SELECT DISTINCT customer_id FROM point_lots WHERE expires_at <= ? ORDER BY customer_id LIMIT ?',
      { replacements: [now, customersPerChunk], type: QueryTypes.SELECT },
    );
    if (due.length === 0) return { customers, points };
    const ids = due.map((row) => Number(row.customer_id));
    const expired = await retryOnConflict(() =>
      sequelize.transaction(async (transaction) => {
        const balances = await sequelize.query<{ id: number | string; balance: number | string }>(
          `SELECT id, balance FROM customers WHERE id IN (?) ORDER BY id${forUpdate(sequelize)}`,
          { replacements: [ids], type: QueryTypes.SELECT, transaction },
        );
        const lots = await sequelize.query<{
          id: number | string;
          customer_id: number | string;
          remaining: number;
        }>(
          `SELECT id, customer_id, remaining FROM point_lots
            WHERE customer_id IN (?) AND expires_at <= ?${forUpdate(sequelize)}`,
          { replacements: [ids, now], type: QueryTypes.SELECT, transaction },
        );
        const due = new Map<number, number>();
        for (const lot of lots) {
          due.set(
            Number(lot.customer_id),
            (due.get(Number(lot.customer_id)) ?? 0) + Number(lot.remaining),
          );
        }
        const changes = balances
          .map((row) => ({
            id: Number(row.id),
            before: Number(row.balance),
            points: due.get(Number(row.id)) ?? 0,
          }))
          .filter((change) => change.points > 0);
        if (lots.length > 0) {
          await sequelize.query('DELETE FROM point_lots WHERE id IN (?)', {
            replacements: [lots.map((lot) => lot.id)],
            transaction,
          });
        }
        if (changes.length > 0) {
          await insertLedgerLines(
            sequelize,
            changes.map((c) => ({
              customerId: c.id,
              kind: 'expire',
              points: -c.points,
              balanceAfter: c.before - c.points,
              createdAt: now,
            })),
            transaction,
          );
          await sequelize.query(
            `UPDATE customers SET balance = CASE id ${changes.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE id IN (?)`,
            {
              replacements: [
                ...changes.flatMap((c) => [c.id, c.before - c.points]),
                changes.map((c) => c.id),
              ],
              transaction,
            },
          );
        }
        return changes;
      }),
    );
    customers += expired.length;
    points += expired.reduce((sum, c) => sum + c.points, 0);
  }
}
