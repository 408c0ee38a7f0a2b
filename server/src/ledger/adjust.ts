import { insertLedgerLines } from './lines';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { AppError } from '../errors';
import type { Settings } from '../settings';
import { addLot, consumeLots, lockBalance } from './lots';
import { addMonths } from './time';

export interface AdjustedLine {
  /** The ledger line written. */
  id: number;
  points: number;
  balance: number;
}

/**
 * Adds or takes points by hand, inside the caller's transaction (settings are read before it:
 * a query outside the transaction would wait for a second pool connection while holding one). Added points form a lot with
 * the usual expiry; taken points come from the soonest-expiring lots and never overdraw.
 */
export async function adjustBalance(
  sequelize: Sequelize,
  input: { customerId: number; points: number; note: string; actorUserId: number },
  settings: Settings,
  transaction: Transaction,
): Promise<AdjustedLine> {
  const balance = await lockBalance(sequelize, input.customerId, transaction);
  if (balance === null) throw new AppError(404, 'not_found', 'El cliente no existe.');
  const now = new Date();
  if (input.points > 0) {
    await addLot(
      sequelize,
      {
        customerId: input.customerId,
        points: input.points,
        expiresAt: addMonths(now, settings.pointsExpiryMonths),
      },
      transaction,
    );
  } else {
    if (balance < -input.points) {
      throw new AppError(409, 'insufficient_points', `El cliente solo tiene ${balance} puntos.`);
    }
    await consumeLots(sequelize, input.customerId, -input.points, transaction);
  }
  const after = balance + input.points;
  await insertLedgerLines(
    sequelize,
    [
      {
        customerId: input.customerId,
        kind: 'adjust',
        points: input.points,
        balanceAfter: after,
        actorUserId: input.actorUserId,
        note: input.note,
        createdAt: now,
      },
    ],
    transaction,
  );
  await sequelize.query('UPDATE customers SET balance = ? WHERE id = ?', {
    replacements: [after, input.customerId],
    transaction,
  });
  return {
    id: await lastLineId(sequelize, input.customerId, transaction),
    points: input.points,
    balance: after,
  };
}

/**
 * The id of the customer's newest ledger line. Inside a transaction that locked the customer
 * (every ledger write does) it is the line this transaction just wrote.
 */
async function lastLineId(
  sequelize: Sequelize,
  customerId: number,
  transaction: Transaction,
): Promise<number> {
  const [row] = await sequelize.query<{ id: number | string | null }>(
    'SELECT MAX(id) AS id FROM ledger_entries WHERE customer_id = ?',
    { replacements: [customerId], type: QueryTypes.SELECT, transaction },
  );
  return Number(row?.id);
}
