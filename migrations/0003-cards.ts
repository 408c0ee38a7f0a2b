import { DataTypes } from 'sequelize';
import type { Migration } from './types';

const timestamps = {
  created_at: { type: DataTypes.DATE, allowNull: false },
  updated_at: { type: DataTypes.DATE, allowNull: false },
};

/**
 * Card stock (imported in batches), activation to a customer, and lost/stolen reports with their
 * follow-up history. Cards never hold points: balances stay on the customer. Indexes are only
 * the unique card number and what per-customer reads need; foreign keys only on columns indexed
 * anyway (MySQL would add an index for each other one, and imports write many card rows).
 */
export const cards: Migration = {
  name: '0003-cards',
  async up({ queryInterface: qi }) {
    await qi.createTable('card_batches', {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      name: { type: DataTypes.STRING(120), allowNull: false },
      // range | file
      source: { type: DataTypes.STRING(8), allowNull: false },
      card_count: { type: DataTypes.INTEGER, allowNull: false },
      created_by: { type: DataTypes.INTEGER, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    });

    await qi.createTable('cards', {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      number: { type: DataTypes.STRING(19), allowNull: false, unique: true },
      // available | active | blocked | replaced | inactive
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'available' },
      customer_id: {
        type: DataTypes.BIGINT,
        allowNull: true,
        references: { model: 'customers', key: 'id' },
      },
      batch_id: { type: DataTypes.INTEGER, allowNull: true },
      assigned_at: { type: DataTypes.DATE, allowNull: true },
      activated_at: { type: DataTypes.DATE, allowNull: true },
      blocked_at: { type: DataTypes.DATE, allowNull: true },
      // lost | stolen
      block_reason: { type: DataTypes.STRING(8), allowNull: true },
      replaced_by_card_id: { type: DataTypes.BIGINT, allowNull: true },
      ...timestamps,
    });
    await qi.addIndex('cards', ['customer_id'], { name: 'cards_customer' });

    await qi.createTable('card_reports', {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      customer_id: {
        type: DataTypes.BIGINT,
        allowNull: false,
        references: { model: 'customers', key: 'id' },
      },
      card_id: { type: DataTypes.BIGINT, allowNull: false },
      // lost | stolen
      kind: { type: DataTypes.STRING(8), allowNull: false },
      // reported | replacement_issued | replacement_activated | closed
      status: { type: DataTypes.STRING(24), allowNull: false },
      replacement_card_id: { type: DataTypes.BIGINT, allowNull: true },
      // studio | portal
      channel: { type: DataTypes.STRING(8), allowNull: false },
      created_by: { type: DataTypes.INTEGER, allowNull: true },
      ...timestamps,
    });
    // Reports are read per customer; a card's open report is found among its customer's few.
    await qi.addIndex('card_reports', ['customer_id'], { name: 'card_reports_customer' });

    await qi.createTable('card_report_events', {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      report_id: {
        type: DataTypes.INTEGER,
        allowNull: false,
        references: { model: 'card_reports', key: 'id' },
      },
      status: { type: DataTypes.STRING(24), allowNull: false },
      note: { type: DataTypes.STRING(500), allowNull: true },
      actor_user_id: { type: DataTypes.INTEGER, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    });
    await qi.addIndex('card_report_events', ['report_id'], { name: 'card_report_events_report' });
  },
  async down({ queryInterface: qi }) {
    for (const table of ['card_report_events', 'card_reports', 'cards', 'card_batches']) {
      await qi.dropTable(table);
    }
  },
};
