import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

/** Rows per multi-row statement: keeps SQLite under its bound-parameter limit. */
const chunkSize = 500;

/** One multi-row INSERT per chunk, the same SQL on MySQL and SQLite. */
export async function insertRows(
  sequelize: Sequelize,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  transaction: Transaction,
  /** `insertIgnore(sequelize)` to skip rows whose key exists. */
  verb = 'INSERT',
): Promise<void> {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    await sequelize.query(
      `${verb} INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`,
      { replacements: chunk.flat(), transaction, type: QueryTypes.INSERT },
    );
  }
}

/** The INSERT that skips rows whose unique key already exists. */
export const insertIgnore = (sequelize: Sequelize) =>
  sequelize.getDialect() === 'sqlite' ? 'INSERT OR IGNORE' : 'INSERT IGNORE';

/** `FOR UPDATE` where the database has row locks; SQLite's write transaction already excludes others. */
export const forUpdate = (sequelize: Sequelize) =>
  sequelize.getDialect() === 'sqlite' ? '' : ' FOR UPDATE';

/** JSON columns come back parsed from MySQL and as text from SQLite raw queries. */
export const parseJson = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;

/**
 * Inserts rows, or adds their `added` columns to the row with the same key: counters that
 * several processes bump, written as one statement on MySQL and SQLite.
 */
export async function insertOrAdd(
  sequelize: Sequelize,
  table: string,
  keys: readonly string[],
  added: readonly string[],
  rows: readonly unknown[][],
  transaction?: Transaction,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...keys, ...added];
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const onConflict =
    sequelize.getDialect() === 'sqlite'
      ? `ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${added.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`
      : `ON DUPLICATE KEY UPDATE ${added.map((c) => `${c} = ${c} + VALUES(${c})`).join(', ')}`;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    await sequelize.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')} ${onConflict}`,
      { replacements: chunk.flat(), transaction },
    );
  }
}
