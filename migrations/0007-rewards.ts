import { DataTypes } from 'sequelize';
import type { Migration } from './types';

const timestamps = {
  created_at: { type: DataTypes.DATE, allowNull: false },
  updated_at: { type: DataTypes.DATE, allowNull: false },
};

/**
 * The rewards catalog, redemptions with their status timeline, and the spreadsheet uploads that
 * change redemption statuses in bulk. Reward images live in the database (every server process
 * behind a load balancer serves them); uploaded spreadsheets, up to 20 MB, are kept as files
 * under the data folder and only named here.
 */
export const rewards: Migration = {
  name: '0007-rewards',
  async up({ queryInterface: qi }) {
    await qi.createTable('rewards', {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
      name: { type: DataTypes.STRING(120), allowNull: false },
      description: { type: DataTypes.STRING(2000), allowNull: false },
      points_cost: { type: DataTypes.INTEGER, allowNull: false },
      // Units left; NULL means unlimited. Only taken by a conditional UPDATE (stock >= wanted).
      stock: { type: DataTypes.INTEGER, allowNull: true },
      category: { type: DataTypes.STRING(40), allowNull: false },
      available_from: { type: DataTypes.DATEONLY, allowNull: true },
      available_to: { type: DataTypes.DATEONLY, allowNull: true },
      // Ids of the zones and customer types it is offered to; empty means all. A catalog is
      // small and read whole, so lists beat join tables here.
      zone_ids: { type: DataTypes.JSON, allowNull: false },
      customer_type_ids: { type: DataTypes.JSON, allowNull: false },
      // shipping | pickup | digital
      delivery_mode: { type: DataTypes.STRING(8), allowNull: false },
      // active | retired
      status: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'active' },
      // Units in redemptions that were not rejected or cancelled.
      redeemed_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      // Bumped by every image upload, so image addresses change and caches refresh.
      image_version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      created_by: { type: DataTypes.INTEGER, allowNull: true },
      ...timestamps,
    });

    await qi.createTable('reward_images', {
      reward_id: {
        type: DataTypes.INTEGER,
        primaryKey: true,
        references: { model: 'rewards', key: 'id' },
        onDelete: 'CASCADE',
      },
      content_type: { type: DataTypes.STRING(16), allowNull: false },
      image: { type: DataTypes.BLOB('long'), allowNull: false },
      thumbnail_type: { type: DataTypes.STRING(16), allowNull: false },
      thumbnail: { type: DataTypes.BLOB('long'), allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    });

    await qi.createTable('redemptions', {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      // "R-000001", written right after the row gets its id.
      folio: { type: DataTypes.STRING(16), allowNull: true, unique: true },
      customer_id: {
        type: DataTypes.BIGINT,
        allowNull: false,
        references: { model: 'customers', key: 'id' },
      },
      reward_id: {
        type: DataTypes.INTEGER,
        allowNull: false,
        references: { model: 'rewards', key: 'id' },
      },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      points: { type: DataTypes.INTEGER, allowNull: false },
      // requested | approved | shipped | ready_for_pickup | delivered | rejected | cancelled
      status: { type: DataTypes.STRING(16), allowNull: false },
      carrier: { type: DataTypes.STRING(80), allowNull: true },
      tracking_number: { type: DataTypes.STRING(80), allowNull: true },
      delivery_address: { type: DataTypes.STRING(300), allowNull: true },
      // A retried request with the same key gets the first redemption back.
      idempotency_key: { type: DataTypes.STRING(64), allowNull: true },
      // portal | studio
      channel: { type: DataTypes.STRING(8), allowNull: false },
      created_by: { type: DataTypes.INTEGER, allowNull: true },
      ...timestamps,
    });
    // The customer's own list, and the idempotency key within a customer.
    await qi.addIndex('redemptions', ['customer_id', 'idempotency_key'], {
      name: 'redemptions_customer_key',
      unique: true,
    });
    // The staff queue pages by status, oldest first.
    await qi.addIndex('redemptions', ['status', 'id'], { name: 'redemptions_status' });
    await qi.addIndex('redemptions', ['reward_id'], { name: 'redemptions_reward' });
    // The report filters by date.
    await qi.addIndex('redemptions', ['created_at'], { name: 'redemptions_created' });

    await qi.createTable('redemption_imports', {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      file_name: { type: DataTypes.STRING(255), allowNull: false },
      // xlsx | xls | csv, as told by the bytes.
      file_type: { type: DataTypes.STRING(8), allowNull: false },
      file_size: { type: DataTypes.INTEGER, allowNull: false },
      // Name of the kept file inside the data folder's import directory.
      stored_as: { type: DataTypes.STRING(80), allowNull: false },
      // previewed | applied
      status: { type: DataTypes.STRING(12), allowNull: false },
      row_count: { type: DataTypes.INTEGER, allowNull: false },
      ok_count: { type: DataTypes.INTEGER, allowNull: false },
      error_count: { type: DataTypes.INTEGER, allowNull: false },
      unchanged_count: { type: DataTypes.INTEGER, allowNull: false },
      created_by: { type: DataTypes.INTEGER, allowNull: true },
      applied_by: { type: DataTypes.INTEGER, allowNull: true },
      applied_at: { type: DataTypes.DATE, allowNull: true },
      ...timestamps,
    });

    await qi.createTable('redemption_import_rows', {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      import_id: { type: DataTypes.INTEGER, allowNull: false },
      // The row's number in the sheet (the header is row 1).
      sheet_row: { type: DataTypes.INTEGER, allowNull: false },
      folio: { type: DataTypes.STRING(64), allowNull: true },
      // The status as written in the file, and as understood (NULL when not understood).
      status_text: { type: DataTypes.STRING(64), allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: true },
      carrier: { type: DataTypes.STRING(80), allowNull: true },
      tracking_number: { type: DataTypes.STRING(80), allowNull: true },
      note: { type: DataTypes.STRING(255), allowNull: true },
      // ok | error | unchanged
      result: { type: DataTypes.STRING(10), allowNull: false },
      reason: { type: DataTypes.STRING(255), allowNull: true },
      redemption_id: { type: DataTypes.BIGINT, allowNull: true },
    });
    // Each sheet row once per import: the apply of a row is keyed by it.
    await qi.addIndex('redemption_import_rows', ['import_id', 'sheet_row'], {
      name: 'redemption_import_rows_row',
      unique: true,
    });

    await qi.createTable('redemption_events', {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      redemption_id: {
        type: DataTypes.BIGINT,
        allowNull: false,
        references: { model: 'redemptions', key: 'id' },
      },
      status: { type: DataTypes.STRING(16), allowNull: false },
      note: { type: DataTypes.STRING(255), allowNull: true },
      carrier: { type: DataTypes.STRING(80), allowNull: true },
      tracking_number: { type: DataTypes.STRING(80), allowNull: true },
      // NULL: the customer itself or the system.
      actor_user_id: { type: DataTypes.INTEGER, allowNull: true },
      import_id: { type: DataTypes.INTEGER, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    });
    await qi.addIndex('redemption_events', ['redemption_id'], { name: 'redemption_events_of' });

    // The redemption a redeem or refund line belongs to. Not indexed: lines are read per customer.
    await qi.addColumn('ledger_entries', 'redemption_id', {
      type: DataTypes.BIGINT,
      allowNull: true,
    });
  },
  async down({ queryInterface: qi, sequelize }) {
    // Dropped in place: Sequelize's SQLite removeColumn rebuilds the table without its indexes.
    await sequelize.query('ALTER TABLE ledger_entries DROP COLUMN redemption_id');
    for (const table of [
      'redemption_events',
      'redemption_import_rows',
      'redemption_imports',
      'redemptions',
      'reward_images',
      'rewards',
    ]) {
      await qi.dropTable(table);
    }
  },
};
