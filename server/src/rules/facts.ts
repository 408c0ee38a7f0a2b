import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import {
  AGGREGATE_WINDOWS_DAYS,
  daysBetween,
  type FactValue,
  type IsoDate,
  type LocalTime,
} from '@lealtad/rules-schema';
import { localTimeCached, type FactGroup } from './ruleSet';

// The facts of an event, flat (fact id → value), as the rules read them. What the event and the
// customer row carry costs nothing; tags, aggregates and the card are read only when a candidate
// rule needs them, for a whole batch of customers at once.

export type MutableFacts = Record<string, FactValue | undefined>;

/** The customer columns the rules read, selected with the row's lock by every awarding write. */
export const CUSTOMER_FACT_COLUMNS =
  'id, status, balance, zone_id, customer_type_id, state, city, consumption_level, birth_date, ' +
  'created_at, email, phone, address, postal_code, last_purchase_at, rule_usage';

export interface CustomerRow {
  id: number | string;
  status: string;
  balance: number | string;
  zone_id: number | null;
  customer_type_id: number | null;
  state: string | null;
  city: string | null;
  consumption_level: string | null;
  birth_date: string | Date | null;
  created_at: string | Date;
  email: string | null;
  phone: string | null;
  address: string | null;
  postal_code: string | null;
  last_purchase_at: string | Date | null;
  rule_usage: unknown;
}

/** Zone and customer-type codes by id (small tables, cached by the caller). */
export interface CatalogCodes {
  zones: ReadonlyMap<number, string>;
  customerTypes: ReadonlyMap<number, string>;
}

/** A DATEONLY column as "YYYY-MM-DD" (drivers give a string or a Date at UTC midnight). */
const isoDate = (value: string | Date | null): string | null => {
  if (value === null) return null;
  if (typeof value === 'string') return value.slice(0, 10);
  return value.toISOString().slice(0, 10);
};

const present = (value: string | null) => value !== null && value.trim() !== '';

/** Every profile field a customer can fill in is filled in. */
export function isProfileComplete(row: CustomerRow): boolean {
  return (
    [row.email, row.phone, row.state, row.city, row.postal_code, row.address].every(present) &&
    row.birth_date !== null
  );
}

/** The customer's facts on the local date `today` of the event, in the platform's time zone. */
export function customerFacts(
  row: CustomerRow,
  codes: CatalogCodes,
  timeZone: string,
  today: IsoDate,
): MutableFacts {
  const level = row.consumption_level;
  const lastPurchase = row.last_purchase_at === null ? null : new Date(row.last_purchase_at);
  return {
    'customer.zone': row.zone_id === null ? null : (codes.zones.get(row.zone_id) ?? null),
    'customer.type':
      row.customer_type_id === null
        ? null
        : (codes.customerTypes.get(row.customer_type_id) ?? null),
    'customer.status': row.status,
    'customer.state': row.state,
    'customer.city': row.city,
    'customer.consumptionLevel': level,
    // Segments are the consumption level for now: "alto", "medio", "bajo".
    'customer.segments': level === null ? [] : [level],
    'customer.birthDate': isoDate(row.birth_date),
    'customer.enrolledOn': localTimeCached(new Date(row.created_at), timeZone).date,
    'customer.profileComplete': isProfileComplete(row),
    'customer.pointsBalance': Number(row.balance),
    'aggregate.daysSinceLastPurchase':
      lastPurchase === null
        ? null
        : daysBetween(localTimeCached(lastPurchase, timeZone).date, today),
  };
}

/** today.* facts: the event's local date, weekday, hour and month in the platform's time zone. */
export function todayFacts(local: LocalTime): MutableFacts {
  return {
    'today.date': local.date,
    'today.weekday': local.weekday,
    'today.hour': local.hour,
    'today.month': Number(local.date.slice(5, 7)),
  };
}

export interface PurchaseFactsInput {
  amount: number;
  category: string;
  storeId: string;
  items?: readonly { quantity: number }[];
}

export function purchaseFacts(purchase: PurchaseFactsInput): MutableFacts {
  return {
    'purchase.amount': purchase.amount,
    'purchase.category': purchase.category,
    'purchase.storeId': purchase.storeId,
    'purchase.itemsCount': (purchase.items ?? []).reduce((sum, item) => sum + item.quantity, 0),
  };
}

const dayMs = 86_400_000;

/**
 * Adds the fact groups `needs` asks for, per customer, reading each group once for all of
 * them. Aggregates count the purchases that earned points (their earn lines), over the windows
 * of the catalog, up to the event.
 */
export async function loadFactGroups(
  sequelize: Sequelize,
  needs: ReadonlyMap<number, ReadonlySet<FactGroup>>,
  factsOf: (customerId: number) => MutableFacts[],
  at: Date,
  /** The platform's time zone: dates of instants (a card's activation) are local dates. */
  timeZone: string,
  transaction: Transaction | undefined,
): Promise<void> {
  const wanting = (group: FactGroup) =>
    [...needs].filter(([, groups]) => groups.has(group)).map(([id]) => id);
  const set = (customerId: number, values: MutableFacts) => {
    for (const facts of factsOf(customerId)) Object.assign(facts, values);
  };

  const tagged = wanting('tags');
  if (tagged.length > 0) {
    const rows = await sequelize.query<{ customer_id: number | string; tag: string }>(
      'SELECT customer_id, tag FROM customer_tags WHERE customer_id IN (?)',
      { replacements: [tagged], type: QueryTypes.SELECT, transaction },
    );
    const tags = new Map<number, string[]>(tagged.map((id) => [id, []]));
    for (const row of rows) tags.get(Number(row.customer_id))?.push(row.tag);
    for (const [id, list] of tags) set(id, { 'customer.tags': list.sort() });
  }

  const carded = wanting('card');
  if (carded.length > 0) {
    const rows = await sequelize.query<{
      customer_id: number | string;
      status: string;
      activated_at: string | Date | null;
    }>(
      "SELECT customer_id, status, activated_at FROM cards WHERE customer_id IN (?) AND status = 'active'",
      { replacements: [carded], type: QueryTypes.SELECT, transaction },
    );
    const cards = new Map(rows.map((row) => [Number(row.customer_id), row]));
    for (const id of carded) {
      const card = cards.get(id);
      set(id, {
        'card.status': card?.status ?? null,
        'card.activatedOn': card?.activated_at
          ? localTimeCached(new Date(card.activated_at), timeZone).date
          : null,
      });
    }
  }

  const aggregated = wanting('aggregates');
  if (aggregated.length > 0) {
    const longest = Math.max(...AGGREGATE_WINDOWS_DAYS);
    const since = new Date(at.getTime() - longest * dayMs);
    const rows = await sequelize.query<{
      customer_id: number | string;
      points: number;
      transaction_id: number | string | null;
      amount_cents: number | string | null;
      created_at: string | Date;
    }>(
      `SELECT l.customer_id, l.points, l.transaction_id, t.amount_cents, l.created_at
         FROM ledger_entries l LEFT JOIN partner_transactions t ON t.id = l.transaction_id
        WHERE l.customer_id IN (?) AND l.kind = 'earn' AND l.created_at >= ? AND l.created_at <= ?`,
      { replacements: [aggregated, since, at], type: QueryTypes.SELECT, transaction },
    );
    const totals = new Map(
      aggregated.map((id) => [
        id,
        AGGREGATE_WINDOWS_DAYS.map(() => ({ points: 0, spend: 0, purchases: new Set<number>() })),
      ]),
    );
    for (const row of rows) {
      const age = (at.getTime() - new Date(row.created_at).getTime()) / dayMs;
      const windows = totals.get(Number(row.customer_id));
      AGGREGATE_WINDOWS_DAYS.forEach((days, i) => {
        const window = windows?.[i];
        if (!window || age > days) return;
        window.points += row.points;
        // A purchase earns one line per rule: count it and its amount once.
        const purchase = Number(row.transaction_id);
        if (row.transaction_id !== null && !window.purchases.has(purchase)) {
          window.purchases.add(purchase);
          window.spend += Number(row.amount_cents ?? 0);
        }
      });
    }
    for (const [id, windows] of totals) {
      const values: MutableFacts = {};
      AGGREGATE_WINDOWS_DAYS.forEach((days, i) => {
        const window = windows[i];
        if (!window) return;
        values[`aggregate.pointsEarned${days}d`] = window.points;
        values[`aggregate.purchases${days}d`] = window.purchases.size;
        values[`aggregate.spend${days}d`] = window.spend;
      });
      set(id, values);
    }
  }
}
