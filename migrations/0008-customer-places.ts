import type { Migration } from './types';

/**
 * Customers by place: the rules studio offers the states and cities customers live in, and
 * reports group by them. With this index both read the distinct places off the index instead of
 * scanning every customer.
 */
export const customerPlaces: Migration = {
  name: '0008-customer-places',
  async up({ queryInterface: qi }) {
    await qi.addIndex('customers', ['state', 'city'], { name: 'customers_place' });
  },
  async down({ queryInterface: qi }) {
    await qi.removeIndex('customers', 'customers_place');
  },
};
