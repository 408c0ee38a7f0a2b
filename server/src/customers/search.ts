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

/** How far a name search reads before it changes strategy; tests pass smaller ones. */
export interface SearchLimits {
  /** Matches of one word counted before calling it common. */
  wordCount: number;
  /** Distinct name words a typed word may stand for ("jos" → jose, josefina…). */
  expansions: number;
  /** Exact word pairs merged at most; more (two short starts), and the words index drives. */
  pairs: number;
}

export const defaultSearchLimits: SearchLimits = { wordCount: 5_000, expansions: 50, pairs: 25 };

interface NameFilters {
  conditions: string[];
  replacements: unknown[];
}

/** How many names have a word starting so, counted up to `cap` (an index range read, cheap). */
async function cappedCount(sequelize: Sequelize, word: string, cap: number): Promise<number> {
  const [row] = await sequelize.query<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM (SELECT 1 FROM customer_name_words WHERE word LIKE ? ESCAPE '!' LIMIT ${cap}) t`,
    { replacements: [likePrefix(word)], type: QueryTypes.SELECT },
  );
  return Number(row?.n ?? 0);
}

/** The distinct name words that start with `prefix`, up to `cap` (a loose index scan). */
const wordsStartingWith = async (sequelize: Sequelize, prefix: string, cap: number) =>
  (
    await sequelize.query<{ word: string }>(
      `SELECT DISTINCT word FROM customer_name_words WHERE word LIKE ? ESCAPE '!' LIMIT ${cap}`,
      { replacements: [likePrefix(prefix)], type: QueryTypes.SELECT },
    )
  ).map((row) => row.word);

/**
 * "The customer also has a word starting so", as a correlated probe of (customer_id, word).
 * Written as a scalar subquery so the optimizer keeps it a probe per row read in index order
 * (an EXISTS may be turned into a join that reads every match of the word and sorts).
 */
const alsoHasWords = (alias: string, words: readonly string[]) =>
  words
    .map(
      () =>
        `AND (SELECT 1 FROM customer_name_words o WHERE o.customer_id = ${alias}.customer_id AND o.word LIKE ? ESCAPE '!' LIMIT 1) IS NOT NULL`,
    )
    .join(' ');

/**
 * Of the typed words' pairs that expand to few exact pairs, the one fewest names match
 * (counted up to a cap): it drives, and the other words are probed. With two words there is
 * one pair; with more, a full name whose words are each common is often rare as some pair.
 */
async function rarestPair(
  sequelize: Sequelize,
  expanded: readonly { word: string; exact: string[] }[],
  limits: SearchLimits,
): Promise<{ pairs: [string, string][]; typed: [string, string]; count: number } | null> {
  const candidates = expanded.flatMap((a, i) =>
    expanded.slice(i + 1).flatMap((b) => {
      const pairs = a.exact.flatMap((word) =>
        b.exact.map((other): [string, string] => [word, other]),
      );
      return pairs.length <= limits.pairs
        ? [{ pairs, typed: [a.word, b.word] as [string, string] }]
        : [];
    }),
  );
  // With one candidate nothing is compared, and nothing else could drive: no need to count.
  if (candidates.length <= 1) return candidates[0] ? { ...candidates[0], count: 0 } : null;
  const counts = await Promise.all(
    candidates.map(async ({ pairs }) => {
      const [row] = await sequelize.query<{ n: number | string }>(
        `SELECT COUNT(*) AS n FROM (SELECT 1 FROM customer_name_pairs
          WHERE ${pairs.map(() => '(word = ? AND other = ?)').join(' OR ')} LIMIT ${limits.wordCount}) t`,
        { replacements: pairs.flat(), type: QueryTypes.SELECT },
      );
      return Number(row?.n ?? 0);
    }),
  );
  let best = 0;
  counts.forEach((count, i) => {
    if (count < (counts[best] ?? 0)) best = i;
  });
  const chosen = candidates[best];
  return chosen ? { ...chosen, count: counts[best] ?? 0 } : null;
}

/**
 * The customers with a word among `keyWords` and, for each of `others`, a word starting so:
 * all the key words' pairs with those starts are read off the pairs index and grouped by
 * customer. Reads every such pair, but never probes row by row.
 */
async function intersectPairs(
  sequelize: Sequelize,
  keyWords: readonly string[],
  others: readonly string[],
  query: {
    join: string;
    filterSql: string;
    filters: NameFilters;
    orderBy: string;
    window: number[];
  },
): Promise<number[]> {
  const starts = others.map(likePrefix);
  const rows = await sequelize.query<{ id: number | string }>(
    `SELECT p.customer_id AS id FROM customer_name_pairs p ${query.join}
      WHERE p.word IN (?) AND (${starts.map(() => "p.other LIKE ? ESCAPE '!'").join(' OR ')}) ${query.filterSql}
      GROUP BY p.search_name, p.customer_id
     HAVING ${starts.map(() => "MAX(CASE WHEN p.other LIKE ? ESCAPE '!' THEN 1 ELSE 0 END) = 1").join(' AND ')}
      ORDER BY ${query.orderBy} LIMIT ? OFFSET ?`,
    {
      replacements: [
        keyWords,
        ...starts,
        ...query.filters.replacements,
        ...starts,
        ...query.window,
      ],
      type: QueryTypes.SELECT,
    },
  );
  return rows.map((row) => Number(row.id));
}

/**
 * Every word typed must start some word of the name, in any order.
 *
 * Two or more words go through the pairs index. The two typed words that stand for the fewest
 * name words are expanded to them ("jose flo" → jose × flores, florencio), and each exact pair
 * is read off the index already in name order, only as far as the page needs; the pairs' pages
 * are merged. Any further word is probed per row. When the two words stand for too many pairs
 * (two very short starts, which nearly every name matches), or for one word, the words index
 * drives: the rarest word's matches come off it in order (the word matched, then the name).
 */
async function nameSearch(
  sequelize: Sequelize,
  words: string[],
  filters: NameFilters,
  search: CustomerSearch,
  limits: SearchLimits,
): Promise<number[]> {
  const direction = search.order === 'desc' ? 'DESC' : 'ASC';
  const offset = (search.page - 1) * search.pageSize;
  const customersJoin = (alias: string) =>
    filters.conditions.length ? `JOIN customers c ON c.id = ${alias}.customer_id` : '';
  const filterSql = filters.conditions.map((sql) => `AND ${sql}`).join(' ');

  if (words.length >= 2) {
    const expanded = await Promise.all(
      words.map(async (word) => ({
        word,
        exact: await wordsStartingWith(sequelize, word, limits.expansions + 1),
      })),
    );
    // A typed word that starts no name word anywhere: nobody matches.
    if (expanded.some((w) => w.exact.length === 0)) return [];
    const choice = await rarestPair(
      sequelize,
      expanded.filter((w) => w.exact.length <= limits.expansions),
      limits,
    );
    if (choice && choice.count >= limits.wordCount) {
      // Every pair is common: probing the other words along one would read too far.
      const [key] = [...expanded].sort((a, b) => a.exact.length - b.exact.length);
      if (key) {
        return intersectPairs(
          sequelize,
          key.exact,
          words.filter((w) => w !== key.word),
          {
            join: customersJoin('p'),
            filterSql,
            filters,
            orderBy:
              search.sort === 'name'
                ? `p.search_name ${direction}, p.customer_id ${direction}`
                : `p.customer_id ${direction}`,
            window: [search.pageSize + 1, offset],
          },
        );
      }
    }
    if (choice) {
      const { pairs, typed } = choice;
      const others = words.filter((word) => !typed.includes(word));
      const orderBy = (name: string, id: string) =>
        search.sort === 'name' ? `${name} ${direction}, ${id} ${direction}` : `${id} ${direction}`;
      const onePair = `SELECT p.customer_id AS id, p.search_name FROM customer_name_pairs p
          ${customersJoin('p')} WHERE p.word = ? AND p.other = ? ${alsoHasWords('p', others)} ${filterSql}
          ORDER BY ${orderBy('p.search_name', 'p.customer_id')} LIMIT ${offset + search.pageSize + 1}`;
      const rows = await sequelize.query<{ id: number | string }>(
        `SELECT id FROM (${pairs.map((_, i) => `SELECT id, search_name FROM (${onePair}) pair${i}`).join(' UNION ')}) merged
          ORDER BY ${orderBy('search_name', 'id')} LIMIT ? OFFSET ?`,
        {
          replacements: [
            ...pairs.flatMap((pair) => [
              ...pair,
              ...others.map(likePrefix),
              ...filters.replacements,
            ]),
            search.pageSize + 1,
            offset,
          ],
          type: QueryTypes.SELECT,
        },
      );
      return rows.map((row) => Number(row.id));
    }
  }

  const counts = await Promise.all(
    words.map((word) => cappedCount(sequelize, word, limits.wordCount)),
  );
  const byRarity = words
    .map((word, i) => ({ word, count: counts[i] ?? 0 }))
    .sort((a, b) => a.count - b.count);
  const [driver, ...others] = byRarity.map((w) => w.word);
  const order =
    search.sort === 'name'
      ? `w.word ${direction}, w.search_name ${direction}, w.customer_id ${direction}`
      : `w.customer_id ${direction}`;
  const rows = await sequelize.query<{ id: number | string }>(
    `SELECT w.customer_id AS id FROM customer_name_words w ${customersJoin('w')}
      WHERE w.word LIKE ? ESCAPE '!'
        AND (SELECT 1 FROM customer_name_words f WHERE f.customer_id = w.customer_id
              AND f.word LIKE ? ESCAPE '!' AND f.word < w.word LIMIT 1) IS NULL
        ${alsoHasWords('w', others)} ${filterSql}
      ORDER BY ${order} LIMIT ? OFFSET ?`,
    {
      replacements: [
        likePrefix(driver ?? ''),
        // A name with two words of that start ("Juan José", "j") counts at the first only.
        likePrefix(driver ?? ''),
        ...others.map(likePrefix),
        ...filters.replacements,
        search.pageSize + 1,
        offset,
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
  limits: SearchLimits = defaultSearchLimits,
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
        const words = [...new Set(foldText(search.q).split(' ').filter(Boolean))].slice(0, 5);
        // Nothing searchable typed (only symbols): nothing matches.
        const ids = words.length
          ? await nameSearch(sequelize, words, { conditions, replacements }, search, limits)
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
