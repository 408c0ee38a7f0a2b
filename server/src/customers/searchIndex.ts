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

/**
 * Rewrites the search tokens and ordering name of these customers from their current names.
 * Called in the same transaction as every write that creates a customer or changes a name.
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
  await sequelize.query('DELETE FROM customer_name_words WHERE customer_id IN (?)', {
    replacements: [customerIds],
    transaction,
  });
  await insertRows(
    sequelize,
    'customer_name_words',
    ['word', 'search_name', 'customer_id'],
    rows.flatMap((row) => {
      const name = searchName(row.first_name, row.last_name);
      return nameTokens(row.first_name, row.last_name).map((word) => [word, name, Number(row.id)]);
    }),
    transaction,
  );
  const named = rows.map((row) => ({
    id: Number(row.id),
    name: searchName(row.first_name, row.last_name),
  }));
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
