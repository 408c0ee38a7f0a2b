import { DataTypes } from 'sequelize';
import type { Migration } from './types';

/**
 * The rules engine: rules with their working draft, immutable versions, releases (the set of
 * live versions, newest wins), what each rule has awarded per cap period, the awards of events
 * that are not purchases (keyed by customer + rule + occasion, so a rerun awards nothing twice),
 * customer tags and messages that rules give, and the trace of each purchase's awards.
 */
export const rules: Migration = {
  name: '0006-rules',
  async up({ queryInterface: qi }) {
    await qi.createTable('rules', {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      key: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      name: { type: DataTypes.STRING(120), allowNull: false },
      trigger_type: { type: DataTypes.STRING(32), allowNull: false },
      // Set when a zone admin owns the rule: it stays limited to that zone.
      zone_id: { type: DataTypes.INTEGER, allowNull: true },
      // The document being edited; publishing freezes it into a version.
      draft: { type: DataTypes.JSON, allowNull: false },
      // Bumped by every draft save: a save naming an older revision is a conflict.
      draft_revision: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      created_by: { type: DataTypes.INTEGER, allowNull: true },
      updated_by: { type: DataTypes.INTEGER, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    });

    await qi.createTable('rule_versions', {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      rule_id: { type: DataTypes.INTEGER, allowNull: false },
      version: { type: DataTypes.INTEGER, allowNull: false },
      definition: { type: DataTypes.JSON, allowNull: false },
      compiled: { type: DataTypes.JSON, allowNull: false },
      hash: { type: DataTypes.STRING(64), allowNull: false },
      author_id: { type: DataTypes.INTEGER, allowNull: true },
      comment: { type: DataTypes.STRING(500), allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    });
    await qi.addIndex('rule_versions', ['rule_id', 'version'], {
      name: 'rule_versions_rule_version',
      unique: true,
    });

    await qi.createTable('rule_releases', {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      // [{ ruleId, version }] of every live rule.
      live: { type: DataTypes.JSON, allowNull: false },
      // publish, retire, rollback, seed
      action: { type: DataTypes.STRING(16), allowNull: false },
      rule_id: { type: DataTypes.INTEGER, allowNull: true },
      version: { type: DataTypes.INTEGER, allowNull: true },
      comment: { type: DataTypes.STRING(500), allowNull: true },
      author_id: { type: DataTypes.INTEGER, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    });

    // What a rule awarded to all customers in its budget's period. Each customer's own cap
    // usage lives on the customer row (customers.rule_usage), read with the row's lock.
    await qi.createTable('rule_budgets', {
      rule_key: { type: DataTypes.STRING(64), primaryKey: true },
      period_key: { type: DataTypes.STRING(16), primaryKey: true },
      points: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
      times: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    });

    await qi.createTable('rule_awards', {
      customer_id: { type: DataTypes.BIGINT, primaryKey: true },
      rule_key: { type: DataTypes.STRING(64), primaryKey: true },
      // What the award is for: "2026" for a birthday, "card:17" for an activation, …
      occasion: { type: DataTypes.STRING(64), primaryKey: true },
      rule_version: { type: DataTypes.INTEGER, allowNull: false },
      trigger_type: { type: DataTypes.STRING(32), allowNull: false },
      points: { type: DataTypes.INTEGER, allowNull: false },
      trace: { type: DataTypes.JSON, allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
    });

    // Per rule and local day, for the studio's "points in the last 30 days".
    await qi.createTable('rule_daily_stats', {
      rule_key: { type: DataTypes.STRING(64), primaryKey: true },
      day: { type: DataTypes.DATEONLY, primaryKey: true },
      awards: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      points: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    });

    await qi.createTable('customer_tags', {
      customer_id: { type: DataTypes.BIGINT, primaryKey: true },
      tag: { type: DataTypes.STRING(64), primaryKey: true },
      rule_key: { type: DataTypes.STRING(64), allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    });

    await qi.createTable('customer_messages', {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      customer_id: { type: DataTypes.BIGINT, allowNull: false },
      rule_key: { type: DataTypes.STRING(64), allowNull: true },
      subject: { type: DataTypes.STRING(120), allowNull: false },
      body: { type: DataTypes.TEXT, allowNull: false },
      read_at: { type: DataTypes.DATE, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    });
    await qi.addIndex('customer_messages', ['customer_id', 'id'], { name: 'messages_customer' });

    // The trace of every award of the purchase (facts and each condition's result).
    await qi.addColumn('partner_transactions', 'traces', {
      type: DataTypes.JSON,
      allowNull: true,
    });
    // For "days since the last purchase" and the inactivity trigger; written with the balance.
    await qi.addColumn('customers', 'last_purchase_at', { type: DataTypes.DATE, allowNull: true });
    // { ruleKey: { periodKey: [points, times] } } for the rules with caps per customer: the
    // current periods only. On the row every award already locks, so caps cost no extra read.
    await qi.addColumn('customers', 'rule_usage', { type: DataTypes.JSON, allowNull: true });
  },
  async down({ queryInterface: qi }) {
    await qi.removeColumn('customers', 'rule_usage');
    await qi.removeColumn('customers', 'last_purchase_at');
    await qi.removeColumn('partner_transactions', 'traces');
    for (const table of [
      'customer_messages',
      'customer_tags',
      'rule_daily_stats',
      'rule_awards',
      'rule_budgets',
      'rule_releases',
      'rule_versions',
      'rules',
    ]) {
      await qi.dropTable(table);
    }
  },
};
