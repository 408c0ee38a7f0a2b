import { QueryTypes, type Sequelize } from 'sequelize';
import { searchCustomers } from '../customers/search';
import type { Actor } from '../policies/actor';
import { findVisibleCustomer } from '../policies/customers';
import { presentZoneRef } from '../presenters/zone';

// What a simulation runs against, for everyone who designs rules (marketing too, which does not
// read customer records): a customer found by name, number or card, shown by name, zone and type
// only, and that customer's recent purchases to replay.

/** Customers matching `q` as the customer search finds them, in the actor's zone scope. */
export async function simulationCustomers(
  sequelize: Sequelize,
  actor: Actor,
  q: string,
  limit: number,
) {
  const { customers } = await searchCustomers(sequelize, actor, {
    q,
    sort: 'name',
    order: 'asc',
    page: 1,
    pageSize: limit,
  });
  return customers.map((customer) => ({
    id: Number(customer.id),
    name: `${customer.firstName} ${customer.lastName}`,
    zone: presentZoneRef(customer.zone),
    customerType: customer.customerType
      ? { code: customer.customerType.code, name: customer.customerType.name }
      : null,
    balance: customer.balance,
  }));
}

interface PurchaseRow {
  external_id: string;
  amount_cents: number | string;
  category: string;
  store_id: string;
  occurred_at: Date | string;
  points_awarded: number;
  status: string;
}

/**
 * The customer's latest recorded purchases, by when they happened. They are found through the
 * customer's ledger lines (indexed by customer), since purchases have no index by customer.
 */
export async function recentPurchases(
  sequelize: Sequelize,
  actor: Actor,
  customerId: number,
  limit: number,
) {
  await findVisibleCustomer(actor, customerId);
  // A purchase has a line per award and maybe a reversal: read a few lines per purchase.
  const lines = await sequelize.query<{ transaction_id: number | string }>(
    `SELECT transaction_id FROM ledger_entries
      WHERE customer_id = ? AND transaction_id IS NOT NULL ORDER BY id DESC LIMIT ?`,
    { replacements: [customerId, limit * 8], type: QueryTypes.SELECT },
  );
  const ids = [...new Set(lines.map((line) => Number(line.transaction_id)))].slice(0, limit);
  if (ids.length === 0) return [];
  const rows = await sequelize.query<PurchaseRow>(
    `SELECT external_id, amount_cents, category, store_id, occurred_at, points_awarded, status
       FROM partner_transactions WHERE id IN (?) ORDER BY occurred_at DESC, id DESC`,
    { replacements: [ids], type: QueryTypes.SELECT },
  );
  return rows.map((row) => ({
    transactionId: row.external_id,
    amount: Number(row.amount_cents),
    category: row.category,
    storeId: row.store_id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    pointsAwarded: Number(row.points_awarded),
    status: row.status,
  }));
}
