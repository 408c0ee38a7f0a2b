import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { User } from './user';

export type SpreadsheetType = 'xlsx' | 'xls' | 'csv';
/** previewed → applying (a large file, in the background) → applied. */
export type ImportStatus = 'previewed' | 'applying' | 'applied';

/** An uploaded status spreadsheet: the kept file, its counts, who previewed and who applied it. */
export class RedemptionImport extends Model<
  InferAttributes<RedemptionImport>,
  InferCreationAttributes<RedemptionImport>
> {
  declare id: CreationOptional<number>;
  declare fileName: string;
  declare fileType: SpreadsheetType;
  declare fileSize: number;
  declare storedAs: string;
  declare status: ImportStatus;
  declare rowCount: number;
  declare okCount: number;
  declare errorCount: number;
  declare unchangedCount: number;
  declare createdBy: number | null;
  declare appliedBy: number | null;
  declare appliedAt: Date | null;
  /** How far an apply got: the last sheet row done, and how many rows are done. */
  declare appliedThroughRow: CreationOptional<number>;
  declare appliedRows: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare creator?: NonAttribute<User | null>;
  declare applier?: NonAttribute<User | null>;

  static initModel(sequelize: Sequelize) {
    RedemptionImport.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        fileName: { type: DataTypes.STRING(255), allowNull: false },
        fileType: { type: DataTypes.STRING(8), allowNull: false },
        fileSize: { type: DataTypes.INTEGER, allowNull: false },
        storedAs: { type: DataTypes.STRING(80), allowNull: false },
        status: { type: DataTypes.STRING(12), allowNull: false },
        rowCount: { type: DataTypes.INTEGER, allowNull: false },
        okCount: { type: DataTypes.INTEGER, allowNull: false },
        errorCount: { type: DataTypes.INTEGER, allowNull: false },
        unchangedCount: { type: DataTypes.INTEGER, allowNull: false },
        createdBy: { type: DataTypes.INTEGER, allowNull: true },
        appliedBy: { type: DataTypes.INTEGER, allowNull: true },
        appliedAt: { type: DataTypes.DATE, allowNull: true },
        appliedThroughRow: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        appliedRows: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'redemption_imports', underscored: true },
    );
  }
}
