import { Op, type Sequelize, col, literal, where, type WhereOptions } from 'sequelize';

/**
 * `text` with LIKE's wildcards (and the escape character) taken literally; the statement must
 * say `ESCAPE '!'` (MySQL and SQLite disagree on the default escape character, so it is named).
 */
export const escapeLike = (text: string) => text.replace(/[!%_]/g, '!$&');

/**
 * `column LIKE '%text%'` with the wildcards in `text` taken literally, written the same on
 * MySQL and SQLite.
 */
export function contains(sequelize: Sequelize, column: string, text: string): WhereOptions {
  const pattern = `%${escapeLike(text)}%`;
  return where(col(column), Op.like, literal(`${sequelize.escape(pattern)} ESCAPE '!'`));
}
