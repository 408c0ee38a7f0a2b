import { QueryTypes, type Sequelize } from 'sequelize';
import { addMonths } from '../ledger/time';
import { getSettings, type Settings } from '../settings';

export type ConsumptionLevel = 'bajo' | 'medio' | 'alto';

export function consumptionLevel(
  spentCents: number,
  levels: Settings['consumptionLevels'],
): ConsumptionLevel {
  if (spentCents >= levels.altoFromCents) return 'alto';
  return spentCents >= levels.medioFromCents ? 'medio' : 'bajo';
}

/**
 * Recomputes every customer's consumption level from its purchases (not reversed) in the
 * settings' window: one grouped read of the window's purchases, then customers in id order,
 * a chunk at a time, writing only the levels that changed (short statements, no long locks).
 */
export async function updateConsumptionLevels(
  sequelize: Sequelize,
  now = new Date(),
  chunk = 5_000,
): Promise<{ changed: number }> {
  const { consumptionLevels } = await getSettings(sequelize);
  const since = addMonths(now, -consumptionLevels.windowMonths);
  const totals = await sequelize.query<{ customer_id: number | string; spent: number | string }>(
    `SELECT customer_id, SUM(amount_cents) AS spent FROM partner_transactions
      WHERE occurred_at >= ? AND status = 'posted' GROUP BY customer_id`,
    { replacements: [since], type: QueryTypes.SELECT },
  );
  const spent = new Map(totals.map((row) => [Number(row.customer_id), Number(row.spent)]));
  let changed = 0;
  for (let after = 0; ;) {
    const customers = await sequelize.query<{
      id: number | string;
      consumption_level: string | null;
    }>('SELECT id, consumption_level FROM customers WHERE id > ? ORDER BY id LIMIT ?', {
      replacements: [after, chunk],
      type: QueryTypes.SELECT,
    });
    if (customers.length === 0) return { changed };
    after = Number(customers.at(-1)?.id);
    const updates = customers
      .map((c) => ({
        id: Number(c.id),
        level: consumptionLevel(spent.get(Number(c.id)) ?? 0, consumptionLevels),
        was: c.consumption_level,
      }))
      .filter((c) => c.level !== c.was);
    if (updates.length === 0) continue;
    await sequelize.query(
      `UPDATE customers SET consumption_level = CASE id ${updates.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE id IN (?)`,
      { replacements: [...updates.flatMap((u) => [u.id, u.level]), updates.map((u) => u.id)] },
    );
    changed += updates.length;
  }
}
