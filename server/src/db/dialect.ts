import { Op, type Sequelize, col, literal, where, type WhereOptions } from 'sequelize';

/**
 * `column LIKE '%text%'` with the wildcards in `text` taken literally, written the same on
 * MySQL and SQLite (they disagree on the default escape character, so it is named).
 */
export function contains(sequelize: Sequelize, column: string, text: string): WhereOptions {
  const pattern = `%${text.replace(/[!%_]/g, '!$&')}%`;
  return where(col(column), Op.like, literal(`${sequelize.escape(pattern)} ESCAPE '!'`));
}
