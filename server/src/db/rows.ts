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
): Promise<void> {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    await sequelize.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`,
      { replacements: chunk.flat(), transaction, type: QueryTypes.INSERT },
    );
  }
}

/** `FOR UPDATE` where the database has row locks; SQLite's write transaction already excludes others. */
export const forUpdate = (sequelize: Sequelize) =>
  sequelize.getDialect() === 'sqlite' ? '' : ' FOR UPDATE';

/** JSON columns come back parsed from MySQL and as text from SQLite raw queries. */
export const parseJson = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;
