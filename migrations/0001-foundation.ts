import { DataTypes } from 'sequelize';
import type { Migration } from './types';

const timestamps = {
  created_at: { type: DataTypes.DATE, allowNull: false },
  updated_at: { type: DataTypes.DATE, allowNull: false },
};

export const foundation: Migration = {
  name: '0001-foundation',
  async up({ queryInterface: qi }) {
    await qi.createTable('zones', {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
      name: { type: DataTypes.STRING(80), allowNull: false },
      ...timestamps,
    });

    await qi.createTable('users', {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      email: { type: DataTypes.STRING(254), allowNull: false, unique: true },
      password_hash: { type: DataTypes.STRING(255), allowNull: true },
      name: { type: DataTypes.STRING(120), allowNull: false },
      role: { type: DataTypes.STRING(16), allowNull: false },
      zone_id: {
        type: DataTypes.INTEGER,
        allowNull: true,
        references: { model: 'zones', key: 'id' },
      },
      locale: { type: DataTypes.STRING(5), allowNull: false, defaultValue: 'es' },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'active' },
      failed_logins: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      locked_until: { type: DataTypes.DATE, allowNull: true },
      last_login_at: { type: DataTypes.DATE, allowNull: true },
      ...timestamps,
    });
    // Staff listings filter by role and zone; customers share the table, so this keeps them out.
    await qi.addIndex('users', ['role', 'zone_id'], { name: 'users_role_zone' });

    await qi.createTable('sessions', {
      id: { type: DataTypes.STRING(64), primaryKey: true },
      user_id: {
        type: DataTypes.INTEGER,
        allowNull: false,
        references: { model: 'users', key: 'id' },
        onDelete: 'CASCADE',
      },
      csrf_token: { type: DataTypes.STRING(64), allowNull: false },
      ip: { type: DataTypes.STRING(45), allowNull: true },
      user_agent: { type: DataTypes.STRING(255), allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
      last_seen_at: { type: DataTypes.DATE, allowNull: false },
      expires_at: { type: DataTypes.DATE, allowNull: false },
    });
    await qi.addIndex('sessions', ['user_id'], { name: 'sessions_user' });
    await qi.addIndex('sessions', ['expires_at'], { name: 'sessions_expires' });

    await qi.createTable('password_tokens', {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      user_id: {
        type: DataTypes.INTEGER,
        allowNull: false,
        references: { model: 'users', key: 'id' },
        onDelete: 'CASCADE',
      },
      purpose: { type: DataTypes.STRING(16), allowNull: false },
      token_hash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      expires_at: { type: DataTypes.DATE, allowNull: false },
      used_at: { type: DataTypes.DATE, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    });
    await qi.addIndex('password_tokens', ['user_id'], { name: 'password_tokens_user' });

    await qi.createTable('audit_events', {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      actor_user_id: { type: DataTypes.INTEGER, allowNull: true },
      actor_role: { type: DataTypes.STRING(16), allowNull: true },
      action: { type: DataTypes.STRING(64), allowNull: false },
      target_type: { type: DataTypes.STRING(32), allowNull: false },
      target_id: { type: DataTypes.STRING(64), allowNull: true },
      zone_id: { type: DataTypes.INTEGER, allowNull: true },
      before: { type: DataTypes.JSON, allowNull: true },
      after: { type: DataTypes.JSON, allowNull: true },
      ip: { type: DataTypes.STRING(45), allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    });
    // The audit view pages newest-first, whole or per zone, and looks up one record's history.
    await qi.addIndex('audit_events', ['zone_id', 'id'], { name: 'audit_zone_id' });
    await qi.addIndex('audit_events', ['target_type', 'target_id'], { name: 'audit_target' });
    await qi.addIndex('audit_events', ['actor_user_id', 'id'], { name: 'audit_actor' });

    await qi.createTable('customers', {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      user_id: {
        type: DataTypes.INTEGER,
        allowNull: true,
        unique: true,
        references: { model: 'users', key: 'id' },
      },
      first_name: { type: DataTypes.STRING(80), allowNull: false },
      last_name: { type: DataTypes.STRING(80), allowNull: false },
      email: { type: DataTypes.STRING(254), allowNull: true },
      zone_id: {
        type: DataTypes.INTEGER,
        allowNull: false,
        references: { model: 'zones', key: 'id' },
      },
      ...timestamps,
    });
    await qi.addIndex('customers', ['zone_id'], { name: 'customers_zone' });
  },
  async down({ queryInterface: qi }) {
    for (const table of [
      'customers',
      'audit_events',
      'password_tokens',
      'sessions',
      'users',
      'zones',
    ]) {
      await qi.dropTable(table);
    }
  },
};
