import { DataTypes } from 'sequelize';
import type { Migration } from './types';

/**
 * Customer search at millions of rows: a normalized name for ordering (accents and case folded,
 * last name first) and a table of the words of every name, so any word or its start finds the
 * customer through an index ("perez" finds "Pérez Núñez, José"). Each word row carries the
 * ordering name, so a page of matches comes straight off that index in order (by the word
 * matched, then by name) instead of sorting every match. Email and phone get plain indexes.
 */
export const customerSearch: Migration = {
  name: '0004-customer-search',
  async up({ queryInterface: qi }) {
    await qi.addColumn('customers', 'search_name', {
      type: DataTypes.STRING(170),
      allowNull: false,
      defaultValue: '',
    });
    await qi.addIndex('customers', ['search_name'], { name: 'customers_search_name' });
    await qi.addIndex('customers', ['email'], { name: 'customers_email' });
    await qi.addIndex('customers', ['phone'], { name: 'customers_phone' });
    await qi.createTable('customer_name_words', {
      word: { type: DataTypes.STRING(40), primaryKey: true },
      search_name: { type: DataTypes.STRING(170), primaryKey: true },
      customer_id: { type: DataTypes.BIGINT, primaryKey: true },
    });
    // Rewrites and the "every other word" check reach a customer's words through this index.
    await qi.addIndex('customer_name_words', ['customer_id', 'word'], {
      name: 'name_words_customer',
    });
  },
  async down({ queryInterface: qi }) {
    await qi.dropTable('customer_name_words');
    await qi.removeIndex('customers', 'customers_phone');
    await qi.removeIndex('customers', 'customers_email');
    await qi.removeIndex('customers', 'customers_search_name');
    await qi.removeColumn('customers', 'search_name');
  },
};
