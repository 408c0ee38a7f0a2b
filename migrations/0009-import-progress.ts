import { DataTypes } from 'sequelize';
import type { Migration } from './types';

/**
 * A large status spreadsheet is applied in the background, in chunks: each chunk's commit also
 * records how far the apply got (the last sheet row done, and how many rows), so the screen can
 * show progress and an apply cut short by a restart goes on from there.
 */
export const importProgress: Migration = {
  name: '0009-import-progress',
  async up({ queryInterface: qi }) {
    await qi.addColumn('redemption_imports', 'applied_through_row', {
      type: DataTypes.INTEGER,
      allowNull: false,
      defaultValue: 0,
    });
    await qi.addColumn('redemption_imports', 'applied_rows', {
      type: DataTypes.INTEGER,
      allowNull: false,
      defaultValue: 0,
    });
  },
  async down({ sequelize }) {
    // Dropped in place: Sequelize's SQLite removeColumn rebuilds the table without its indexes.
    await sequelize.query('ALTER TABLE redemption_imports DROP COLUMN applied_rows');
    await sequelize.query('ALTER TABLE redemption_imports DROP COLUMN applied_through_row');
  },
};
