import { DataTypes } from 'sequelize';
import type { Migration } from './types';

/**
 * Customer search at millions of rows: a normalized name for ordering (accents and case folded,
 * last name first) and a token table so any word of the name, or its start, finds the customer
 * through an index ("perez" finds "Pérez Núñez, José"). Email and phone get plain indexes.
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
    await qi.createTable('customer_search_tokens', {
      token: { type: DataTypes.STRING(40), primaryKey: true },
      customer_id: { type: DataTypes.BIGINT, primaryKey: true },
    });
  },
  async down({ queryInterface: qi }) {
    await qi.dropTable('customer_search_tokens');
    await qi.removeIndex('customers', 'customers_phone');
    await qi.removeIndex('customers', 'customers_email');
    await qi.removeIndex('customers', 'customers_search_name');
    await qi.removeColumn('customers', 'search_name');
  },
};
