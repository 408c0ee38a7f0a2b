import { DataTypes } from 'sequelize';
import type { Migration } from './types';

/**
 * Customer profiles, the points ledger, point lots with expiry, partner transactions, API keys
 * and settings. The ledger has only the indexes its hot path needs (see DESIGN, "keep the write
 * path lean"): the primary key and (customer_id, id) for statements.
 */
export const customersLedger: Migration = {
  name: '0002-customers-ledger',
  async up({ queryInterface: qi }) {
    await qi.createTable('settings', {
      key: { type: DataTypes.STRING(64), primaryKey: true },
      value: { type: DataTypes.JSON, allowNull: false },
      updated_by: { type: DataTypes.INTEGER, allowNull: true },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    });

    await qi.createTable('customer_types', {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
      name: { type: DataTypes.STRING(80), allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    });

    const customerColumns = {
      phone: { type: DataTypes.STRING(20), allowNull: true },
      birth_date: { type: DataTypes.DATEONLY, allowNull: true },
      customer_type_id: {
        type: DataTypes.INTEGER,
        allowNull: true,
        references: { model: 'customer_types', key: 'id' },
      },
      state: { type: DataTypes.STRING(80), allowNull: true },
      city: { type: DataTypes.STRING(80), allowNull: true },
      postal_code: { type: DataTypes.STRING(10), allowNull: true },
      address: { type: DataTypes.STRING(200), allowNull: true },
      consumption_level: { type: DataTypes.STRING(16), allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'active' },
      external_id: { type: DataTypes.STRING(64), allowNull: true },
      signup_channel: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'studio' },
      // The cached balance: always equal to the sum of the customer's ledger. Never indexed.
      balance: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    };
    for (const [column, definition] of Object.entries(customerColumns)) {
      await qi.addColumn('customers', column, definition);
    }
    await qi.addIndex('customers', ['external_id'], {
      name: 'customers_external_id',
      unique: true,
    });

    await qi.createTable('api_keys', {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      name: { type: DataTypes.STRING(80), allowNull: false },
      // The first characters of the key, shown so people can tell keys apart.
      prefix: { type: DataTypes.STRING(16), allowNull: false },
      key_hash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      scopes: { type: DataTypes.JSON, allowNull: false },
      created_by: { type: DataTypes.INTEGER, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
      last_used_at: { type: DataTypes.DATE, allowNull: true },
      revoked_at: { type: DataTypes.DATE, allowNull: true },
    });

    await qi.createTable('partner_transactions', {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      // The partner's own id for the purchase: the idempotency key of the feed.
      external_id: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      payload_hash: { type: DataTypes.STRING(64), allowNull: false },
      api_key_id: { type: DataTypes.INTEGER, allowNull: true },
      customer_id: { type: DataTypes.BIGINT, allowNull: false },
      amount_cents: { type: DataTypes.BIGINT, allowNull: false },
      currency: { type: DataTypes.STRING(3), allowNull: false },
      occurred_at: { type: DataTypes.DATE, allowNull: false },
      store_id: { type: DataTypes.STRING(64), allowNull: false },
      category: { type: DataTypes.STRING(64), allowNull: false },
      items: { type: DataTypes.JSON, allowNull: true },
      points_awarded: { type: DataTypes.INTEGER, allowNull: false },
      awards: { type: DataTypes.JSON, allowNull: false },
      // The balance right after this purchase was credited: part of the answer a retry repeats.
      balance_after: { type: DataTypes.BIGINT, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'posted' },
      reversed_at: { type: DataTypes.DATE, allowNull: true },
      // Points of a reversed purchase that had already been spent and could not be taken back.
      unrecovered_points: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      created_at: { type: DataTypes.DATE, allowNull: false },
    });

    await qi.createTable('ledger_entries', {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      customer_id: { type: DataTypes.BIGINT, allowNull: false },
      // earn, redeem, refund, adjust, expire, reverse, transfer
      kind: { type: DataTypes.STRING(16), allowNull: false },
      points: { type: DataTypes.INTEGER, allowNull: false },
      balance_after: { type: DataTypes.BIGINT, allowNull: false },
      transaction_id: { type: DataTypes.BIGINT, allowNull: true },
      rule_key: { type: DataTypes.STRING(64), allowNull: true },
      rule_version: { type: DataTypes.INTEGER, allowNull: true },
      actor_user_id: { type: DataTypes.INTEGER, allowNull: true },
      note: { type: DataTypes.STRING(255), allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    });
    await qi.addIndex('ledger_entries', ['customer_id', 'id'], { name: 'ledger_customer' });

    // Earned points not yet spent or expired, consumed soonest-expiring first.
    await qi.createTable('point_lots', {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      customer_id: { type: DataTypes.BIGINT, allowNull: false },
      points: { type: DataTypes.INTEGER, allowNull: false },
      remaining: { type: DataTypes.INTEGER, allowNull: false },
      expires_at: { type: DataTypes.DATE, allowNull: false },
      transaction_id: { type: DataTypes.BIGINT, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    });
    await qi.addIndex('point_lots', ['customer_id', 'expires_at'], {
      name: 'lots_customer_expiry',
    });
    await qi.addIndex('point_lots', ['expires_at'], { name: 'lots_expiry' });
  },
  async down({ queryInterface: qi }) {
    for (const table of ['point_lots', 'ledger_entries', 'partner_transactions', 'api_keys']) {
      await qi.dropTable(table);
    }
    await qi.removeIndex('customers', 'customers_external_id');
    for (const column of [
      'phone',
      'birth_date',
      'customer_type_id',
      'state',
      'city',
      'postal_code',
      'address',
      'consumption_level',
      'status',
      'external_id',
      'signup_channel',
      'balance',
    ]) {
      await qi.removeColumn('customers', column);
    }
    await qi.dropTable('customer_types');
    await qi.dropTable('settings');
  },
};
