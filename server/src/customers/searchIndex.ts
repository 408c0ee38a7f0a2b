import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { insertRows } from '../db/rows';

/** Lower case, accents and ñ folded, anything but letters and digits as a space. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The words a customer is found by (each at most 40 characters, as the token column). */
export const nameTokens = (firstName: string, lastName: string): string[] => [
  ...new Set(
    foldText(`${firstName} ${lastName}`)
      .split(' ')
      .filter(Boolean)
      .map((t) => t.slice(0, 40)),
  ),
];

/** What customers are ordered by: last name first, folded. */
export const searchName = (firstName: string, lastName: string) =>
  foldText(`${lastName} ${firstName}`).slice(0, 170);

/** Every ordered pair of different words of a name: the rows of `customer_name_pairs`. */
export const wordPairs = (words: readonly string[]): [string, string][] =>
  words.flatMap((word) =>
    words.filter((other) => other !== word).map((other): [string, string] => [word, other]),
  );

/** Keys per DELETE of old pairs: three bound values each, well inside SQLite's limit. */
const pairsPerDelete = 300;

/**
 * Rewrites the search words, word pairs and ordering name of these customers from their
 * current names. Called in the same transaction as every write that creates a customer or
 * changes a name. Old pairs are deleted by their full key, found from the old words (the pairs
 * table has no index by customer, to stay small).
 */
export async function indexCustomerNames(
  sequelize: Sequelize,
  customerIds: readonly number[],
  transaction: Transaction,
): Promise<void> {
  if (customerIds.length === 0) return;
  const rows = await sequelize.query<{
    id: number | string;
    first_name: string;
    last_name: string;
  }>('SELECT id, first_name, last_name FROM customers WHERE id IN (?)', {
    replacements: [customerIds],
    type: QueryTypes.SELECT,
    transaction,
  });
  const oldWords = await sequelize.query<{
    customer_id: number | string;
    word: string;
    search_name: string;
  }>('SELECT customer_id, word, search_name FROM customer_name_words WHERE customer_id IN (?)', {
    replacements: [customerIds],
    type: QueryTypes.SELECT,
    transaction,
  });
  const oldPairs = [...groupBy(oldWords, (row) => Number(row.customer_id))].flatMap(
    ([customerId, words]) =>
      wordPairs(words.map((w) => w.word)).map(([word, other]) => [
        word,
        other,
        words[0]?.search_name ?? '',
        customerId,
      ]),
  );
  for (let start = 0; start < oldPairs.length; start += pairsPerDelete) {
    const chunk = oldPairs.slice(start, start + pairsPerDelete);
    await sequelize.query(
      `DELETE FROM customer_name_pairs WHERE ${chunk.map(() => '(word = ? AND other = ? AND search_name = ? AND customer_id = ?)').join(' OR ')}`,
      { replacements: chunk.flat(), transaction },
    );
  }
  // Only customers that have words: deleting none would still lock the index gap a new
  // customer's words go into, and new customers created at once would deadlock on it.
  const indexed = [...new Set(oldWords.map((row) => Number(row.customer_id)))];
  if (indexed.length > 0) {
    await sequelize.query('DELETE FROM customer_name_words WHERE customer_id IN (?)', {
      replacements: [indexed],
      transaction,
    });
  }
  const named = rows.map((row) => ({
    id: Number(row.id),
    name: searchName(row.first_name, row.last_name),
    words: nameTokens(row.first_name, row.last_name),
  }));
  await insertRows(
    sequelize,
    'customer_name_words',
    ['word', 'search_name', 'customer_id'],
    named.flatMap(({ id, name, words }) => words.map((word) => [word, name, id])),
    transaction,
  );
  await insertRows(
    sequelize,
    'customer_name_pairs',
    ['word', 'other', 'search_name', 'customer_id'],
    named.flatMap(({ id, name, words }) =>
      wordPairs(words).map(([word, other]) => [word, other, name, id]),
    ),
    transaction,
  );
  for (let start = 0; start < named.length; start += 500) {
    const chunk = named.slice(start, start + 500);
    await sequelize.query(
      `UPDATE customers SET search_name = CASE id ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE id IN (?)`,
      {
        replacements: [...chunk.flatMap((c) => [c.id, c.name]), chunk.map((c) => c.id)],
        transaction,
      },
    );
  }
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}
