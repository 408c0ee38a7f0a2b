import { QueryTypes, type Sequelize } from 'sequelize';
import { Customer, CustomerType, Zone } from '../db/models';
import type { Actor } from '../policies/actor';
import { zoneFilter } from '../policies/scope';
import { normalizeCardNumber } from '../cards/numbers';
import { escapeLike } from '../db/dialect';
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

const likePrefix = (text: string) => `${escapeLike(text)}%`;

/**
 * An e-mail prefix or phone digits, as one indexed condition with the column its index is in
 * order of (a short prefix can match many rows; sorting them by name would read them all).
 * Null when `q` is words of a name.
 */
function contactCondition(
  q: string,
): { sql: string; replacements: unknown[]; orderBy: string } | null {
  if (q.includes('@')) {
    return {
      sql: "c.email LIKE ? ESCAPE '!'",
      replacements: [likePrefix(q.toLowerCase())],
      orderBy: 'c.email',
    };
  }
  const digits = q.replace(/[\s().+-]/g, '');
  if (/^\d{4,20}$/.test(digits)) {
    return {
      sql: "(c.phone LIKE ? ESCAPE '!' OR c.phone LIKE ? ESCAPE '!')",
      replacements: [likePrefix(digits), likePrefix(`+${digits}`)],
      orderBy: 'c.phone',
    };
  }
  return null;
}

/** How many names have a word starting so, counted up to `cap` (an index range read, cheap). */
async function cappedCount(sequelize: Sequelize, word: string, cap: number): Promise<number> {
  const [row] = await sequelize.query<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM (SELECT 1 FROM customer_name_words WHERE word LIKE ? ESCAPE '!' LIMIT ${cap}) t`,
    { replacements: [likePrefix(word)], type: QueryTypes.SELECT },
  );
  return Number(row?.n ?? 0);
}

/**
 * Every word typed must start some word of the name, in any order. The rarest word drives:
 * its matches come off the words index already in order (the word matched, then the name),
 * and each is checked for the other words through (customer_id, word). A page reads at most
 * the rarest word's matches and sorts nothing; the slow case left is several common words
 * that few names share, which reads all the rarest one's matches.
 */
async function nameSearch(
  sequelize: Sequelize,
  words: string[],
  filters: { conditions: string[]; replacements: unknown[] },
  search: CustomerSearch,
): Promise<number[]> {
  const counts = await Promise.all(words.map((word) => cappedCount(sequelize, word, 5_000)));
  const byRarity = words
    .map((word, i) => ({ word, count: counts[i] ?? 0 }))
    .sort((a, b) => a.count - b.count);
  const [driver, ...others] = byRarity.map((w) => w.word);
  const direction = search.order === 'desc' ? 'DESC' : 'ASC';
  const order =
    search.sort === 'name'
      ? `w.word ${direction}, w.search_name ${direction}, w.customer_id ${direction}`
      : `w.customer_id ${direction}`;
  const rows = await sequelize.query<{ id: number | string }>(
    `SELECT w.customer_id AS id FROM customer_name_words w
       ${filters.conditions.length ? 'JOIN customers c ON c.id = w.customer_id' : ''}
      WHERE w.word LIKE ? ESCAPE '!'
        ${others.map(() => "AND EXISTS (SELECT 1 FROM customer_name_words o WHERE o.customer_id = w.customer_id AND o.word LIKE ? ESCAPE '!')").join(' ')}
        ${filters.conditions.map((sql) => `AND ${sql}`).join(' ')}
      ORDER BY ${order} LIMIT ? OFFSET ?`,
    {
      replacements: [
        likePrefix(driver ?? ''),
        ...others.map(likePrefix),
        ...filters.replacements,
        search.pageSize + 1,
        (search.page - 1) * search.pageSize,
      ],
      type: QueryTypes.SELECT,
    },
  );
  return rows.map((row) => Number(row.id));
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
  let contactOrder: string | undefined;
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
      const contact = contactCondition(search.q);
      if (contact) {
        add(contact.sql, ...contact.replacements);
        contactOrder = contact.orderBy;
      } else {
        const words = foldText(search.q).split(' ').filter(Boolean).slice(0, 5);
        // Nothing searchable typed (only symbols): nothing matches.
        const ids = words.length
          ? await nameSearch(sequelize, words, { conditions, replacements }, search)
          : [];
        return page(ids, search.pageSize);
      }
    }
  }

  const direction = search.order === 'desc' ? 'DESC' : 'ASC';
  const order =
    search.sort === 'name'
      ? `${contactOrder ?? 'c.search_name'} ${direction}, c.id ${direction}`
      : `c.id ${direction}`;
  const rows = await sequelize.query<{ id: number | string }>(
    `SELECT c.id FROM customers c ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY ${order} LIMIT ? OFFSET ?`,
    {
      replacements: [...replacements, search.pageSize + 1, (search.page - 1) * search.pageSize],
      type: QueryTypes.SELECT,
    },
  );
  return page(
    rows.map((row) => Number(row.id)),
    search.pageSize,
  );
}

/** Loads a page of customers (with zone and type) in the order found; one more id means more pages. */
async function page(
  ids: number[],
  pageSize: number,
): Promise<{ customers: Customer[]; hasMore: boolean }> {
  // A short prefix can match two words of one name: show each customer once.
  const shown = [...new Set(ids.slice(0, pageSize))];
  const found = shown.length
    ? await Customer.findAll({
        where: { id: shown },
        include: [
          { model: Zone, as: 'zone' },
          { model: CustomerType, as: 'customerType' },
        ],
      })
    : [];
  const byId = new Map(found.map((customer) => [Number(customer.id), customer]));
  return { customers: shown.flatMap((id) => byId.get(id) ?? []), hasMore: ids.length > pageSize };
}
