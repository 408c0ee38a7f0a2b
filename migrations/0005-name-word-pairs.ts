import { DataTypes } from 'sequelize';
import type { Migration } from './types';

/**
 * Name searches of two or more words: every ordered pair of different words of a customer's
 * name, with the ordering name. "jose hernandez" then reads the customers who have both words
 * straight off one index range, in name order, however common each word is alone (with only
 * the words table, two common words that few names share meant probing every match of one).
 */
export const nameWordPairs: Migration = {
  name: '0005-name-word-pairs',
  async up({ queryInterface: qi, sequelize }) {
    await qi.createTable('customer_name_pairs', {
      word: { type: DataTypes.STRING(40), primaryKey: true },
      other: { type: DataTypes.STRING(40), primaryKey: true },
      search_name: { type: DataTypes.STRING(170), primaryKey: true },
      customer_id: { type: DataTypes.BIGINT, primaryKey: true },
    });
    await sequelize.query(
      `INSERT INTO customer_name_pairs (word, other, search_name, customer_id)
       SELECT a.word, b.word, a.search_name, a.customer_id
         FROM customer_name_words a
         JOIN customer_name_words b ON b.customer_id = a.customer_id AND b.word <> a.word`,
    );
  },
  async down({ queryInterface: qi }) {
    await qi.dropTable('customer_name_pairs');
  },
};
