import { QueryTypes, type Sequelize } from 'sequelize';
import type { PurchaseInput } from './purchases';

/** The reads run side by side on the pool's connections: at most this many at once… */
const parallelQueries = 8;
/** …and no fewer buyers each than this, so a few buyers are not spread thinner. */
const minBuyersPerQuery = 8;

/**
 * Reads, without locks and in parallel, the index and row pages a batch of purchases is about
 * to write: each buyer's customer row, and the places its next ledger line and point lot go.
 * With more customers than the buffer pool holds those pages are mostly on disk, and the write
 * transaction would otherwise fetch them one at a time while holding its row locks.
 * SQLite reads a local file through the OS cache and has nothing to gain.
 */
export async function prefetchBuyers(
  sequelize: Sequelize,
  purchases: readonly PurchaseInput[],
): Promise<void> {
  if (sequelize.getDialect() === 'sqlite') return;
  const externalIds = [
    ...new Set(purchases.flatMap((p) => (p.cardNumber ? [] : [p.customerExternalId ?? '']))),
  ];
  const cardNumbers = [...new Set(purchases.flatMap((p) => (p.cardNumber ? [p.cardNumber] : [])))];
  const touch = `SELECT c.balance,
      (SELECT MAX(l.id) FROM ledger_entries l WHERE l.customer_id = c.id) AS last_line,
      (SELECT MAX(p.expires_at) FROM point_lots p WHERE p.customer_id = c.id) AS last_lot`;
  const queries = [
    ...chunks(externalIds).map((ids) => ({
      sql: `${touch} FROM customers c WHERE c.external_id IN (?)`,
      keys: ids,
    })),
    ...chunks(cardNumbers).map((numbers) => ({
      sql: `${touch} FROM cards k JOIN customers c ON c.id = k.customer_id WHERE k.number IN (?)`,
      keys: numbers,
    })),
  ];
  await Promise.all(
    queries.map(({ sql, keys }) =>
      sequelize.query(sql, { replacements: [keys], type: QueryTypes.SELECT }),
    ),
  );
}

function chunks<T>(items: T[]): T[][] {
  const size = Math.max(minBuyersPerQuery, Math.ceil(items.length / parallelQueries));
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    out.push(items.slice(start, start + size));
  return out;
}
