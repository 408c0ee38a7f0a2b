import { QueryTypes, type Sequelize } from 'sequelize';
import { Customer, CustomerType, Zone } from '../db/models';
import type { Actor } from '../policies/actor';
import { zoneFilter } from '../policies/scope';
import { normalizeCardNumber } from '../cards/numbers';
import { foldText } from './searchIndex';

export interface CustomerSearch {
  q?: string;
  zoneId?: number;
  customerTypeId?: number;
  status?: 'active' | 'inactive' | 'blocked';
  sort: 'name' | 'createdAt';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const likePrefix = (text: string) => `${text.replace(/[!%_]/g, '!$&')}%`;

/**
 * What `q` means once it is not an exact external id: an e-mail, a phone, or words of a name.
 * Each is one indexed condition with no OR across indexes, so the database can either walk the
 * name index in order or collect the few matches and sort them, whichever is cheaper.
 */
function textCondition(q: string): { sql: string; replacements: unknown[] } {
  if (q.includes('@')) {
    return { sql: "c.email LIKE ? ESCAPE '!'", replacements: [likePrefix(q.toLowerCase())] };
  }
  const digits = q.replace(/[\s().+-]/g, '');
  if (/^\d{4,20}$/.test(digits)) {
    return {
      sql: "(c.phone LIKE ? ESCAPE '!' OR c.phone LIKE ? ESCAPE '!')",
      replacements: [likePrefix(digits), likePrefix(`+${digits}`)],
    };
  }
  const words = foldText(q).split(' ').filter(Boolean).slice(0, 5);
  // Nothing searchable typed (only symbols): nothing matches.
  if (words.length === 0) return { sql: '1 = 0', replacements: [] };
  // Every word typed must start some word of the name, in any order.
  return {
    sql: words
      .map(
        () =>
          "c.id IN (SELECT customer_id FROM customer_search_tokens WHERE token LIKE ? ESCAPE '!')",
      )
      .join(' AND '),
    replacements: words.map(likePrefix),
  };
}

/**
 * Finds the customers the actor may see, through indexes only: the zone scope, the filters and
 * `q`. Answers a page and whether another follows (an exact total would count every match).
 */
export async function searchCustomers(
  sequelize: Sequelize,
  actor: Actor,
  search: CustomerSearch,
): Promise<{ customers: Customer[]; hasMore: boolean }> {
  const conditions: string[] = [];
  const replacements: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    conditions.push(sql);
    replacements.push(...values);
  };
  const scope = zoneFilter(actor).zoneId;
  if (scope !== undefined) add('c.zone_id = ?', scope);
  if (search.zoneId) add('c.zone_id = ?', search.zoneId);
  if (search.customerTypeId) add('c.customer_type_id = ?', search.customerTypeId);
  if (search.status) add('c.status = ?', search.status);
  if (search.q) {
    // An exact external id or card number wins: it is what a caller often reads out.
    const scopeSql = conditions.map((sql) => ` AND ${sql}`).join('');
    const [exact] = await sequelize.query<{ id: number | string }>(
      `SELECT c.id FROM customers c WHERE c.external_id = ?${scopeSql}
       UNION SELECT c.id FROM cards k JOIN customers c ON c.id = k.customer_id WHERE k.number = ?${scopeSql}`,
      {
        replacements: [search.q, ...replacements, normalizeCardNumber(search.q), ...replacements],
        type: QueryTypes.SELECT,
      },
    );
    if (exact) add('c.id = ?', Number(exact.id));
    else {
      const text = textCondition(search.q);
      add(text.sql, ...text.replacements);
    }
  }

  const direction = search.order === 'desc' ? 'DESC' : 'ASC';
  const order =
    search.sort === 'name' ? `c.search_name ${direction}, c.id ${direction}` : `c.id ${direction}`;
  const rows = await sequelize.query<{ id: number | string }>(
    `SELECT c.id FROM customers c ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY ${order} LIMIT ? OFFSET ?`,
    {
      replacements: [...replacements, search.pageSize + 1, (search.page - 1) * search.pageSize],
      type: QueryTypes.SELECT,
    },
  );
  const ids = rows.slice(0, search.pageSize).map((row) => Number(row.id));
  const found = ids.length
    ? await Customer.findAll({
        where: { id: ids },
        include: [
          { model: Zone, as: 'zone' },
          { model: CustomerType, as: 'customerType' },
        ],
      })
    : [];
  const byId = new Map(found.map((customer) => [Number(customer.id), customer]));
  return {
    customers: ids.flatMap((id) => byId.get(id) ?? []),
    hasMore: rows.length > search.pageSize,
  };
}
