import { QueryTypes } from 'sequelize';
import { retryOnConflict } from '../db/retry';
import { forUpdate, parseJson } from '../db/rows';
import { AppError } from '../errors';
import type { Services } from '../http/services';
import { awardWithCommand } from '../rules/events';
import { purchaseFacts } from '../rules/facts';
import { insertLedgerLines } from './lines';
import { consumeLots, lockBalance } from './lots';

export interface ReversalReceipt {
  transactionId: string;
  status: 'reversed';
  pointsReversed: number;
  /** Points the purchase earned that had already been spent: they stay spent. */
  unrecoveredPoints: number;
  balance: number;
}

/**
 * Reverses a purchase: takes back the points it earned, from its own lot first. Points already
 * spent (redeemed) cannot be taken back without overdrawing; the balance never goes below zero,
 * so the reversal takes what is there and records the rest as `unrecoveredPoints` for the
 * business to settle. Reversing twice changes nothing and answers the same.
 */
export async function reversePurchase(
  services: Pick<Services, 'sequelize' | 'rules' | 'realtime'>,
  externalId: string,
): Promise<{
  receipt: ReversalReceipt;
  customerId: number;
  line: { points: number; balance: number } | null;
}> {
  const { sequelize } = services;
  return retryOnConflict(() =>
    sequelize.transaction(async (transaction) => {
      const [purchase] = await sequelize.query<{
        id: number | string;
        customer_id: number | string;
        points_awarded: number;
        status: string;
        unrecovered_points: number;
        amount_cents: number | string;
        category: string;
        store_id: string;
        items: unknown;
      }>(
        `SELECT id, customer_id, points_awarded, status, unrecovered_points, amount_cents, category,
                store_id, items
           FROM partner_transactions WHERE external_id = ?${forUpdate(sequelize)}`,
        { replacements: [externalId], type: QueryTypes.SELECT, transaction },
      );
      if (!purchase) {
        throw new AppError(404, 'transaction_not_found', 'No existe una transacción con ese id.');
      }
      const customerId = Number(purchase.customer_id);
      const balance = (await lockBalance(sequelize, customerId, transaction)) ?? 0;
      const receipt = (taken: number, unrecovered: number, after: number): ReversalReceipt => ({
        transactionId: externalId,
        status: 'reversed',
        pointsReversed: taken,
        unrecoveredPoints: unrecovered,
        balance: after,
      });
      if (purchase.status === 'reversed') {
        const unrecovered = Number(purchase.unrecovered_points);
        return {
          receipt: receipt(Number(purchase.points_awarded) - unrecovered, unrecovered, balance),
          customerId,
          line: null,
        };
      }
      const wanted = Number(purchase.points_awarded);
      const taken = await consumeLots(
        sequelize,
        customerId,
        Math.min(wanted, balance),
        transaction,
        Number(purchase.id),
      );
      const after = balance - taken;
      if (taken > 0) {
        await insertLedgerLines(
          sequelize,
          [
            {
              customerId,
              kind: 'reverse',
              points: -taken,
              balanceAfter: after,
              transactionId: Number(purchase.id),
              note: wanted > taken ? `${wanted - taken} puntos ya se habían usado` : null,
              createdAt: new Date(),
            },
          ],
          transaction,
        );
        await sequelize.query('UPDATE customers SET balance = ? WHERE id = ?', {
          replacements: [after, customerId],
          transaction,
        });
      }
      await sequelize.query(
        "UPDATE partner_transactions SET status = 'reversed', reversed_at = ?, unrecovered_points = ? WHERE id = ?",
        { replacements: [new Date(), wanted - taken, purchase.id], transaction },
      );
      // Rules on reversals (a message, a tag…) see the purchase as it was.
      const awarded = await awardWithCommand(
        services,
        'purchase_reversed',
        [
          {
            customerId,
            occasion: `reversal:${purchase.id}`,
            facts: purchaseFacts({
              amount: Number(purchase.amount_cents),
              category: purchase.category,
              storeId: purchase.store_id,
              items: purchase.items === null ? undefined : parseJson(purchase.items),
            }),
          },
        ],
        transaction,
      );
      return {
        receipt: receipt(taken, wanted - taken, awarded[0]?.balance ?? after),
        customerId,
        line: taken > 0 ? { points: -taken, balance: after } : null,
      };
    }),
  );
}
