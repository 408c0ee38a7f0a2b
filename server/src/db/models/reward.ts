import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import { parseJson } from '../rows';

export const deliveryModes = ['shipping', 'pickup', 'digital'] as const;
export type DeliveryMode = (typeof deliveryModes)[number];
export type RewardStatus = 'active' | 'retired';

/** A list of ids kept as JSON (MySQL answers it parsed, SQLite as text). */
const idList = (column: string) => ({
  type: DataTypes.JSON,
  allowNull: false,
  get(this: Model): number[] {
    return parseJson<number[]>(this.getDataValue(column));
  },
});

/** A catalog reward. `stock` null is unlimited; only conditional UPDATEs take from it. */
export class Reward extends Model<InferAttributes<Reward>, InferCreationAttributes<Reward>> {
  declare id: CreationOptional<number>;
  declare code: string;
  declare name: string;
  declare description: string;
  declare pointsCost: number;
  declare stock: number | null;
  declare category: string;
  declare availableFrom: string | null;
  declare availableTo: string | null;
  declare zoneIds: number[];
  declare customerTypeIds: number[];
  declare deliveryMode: DeliveryMode;
  declare status: CreationOptional<RewardStatus>;
  declare redeemedCount: CreationOptional<number>;
  declare imageVersion: CreationOptional<number>;
  declare createdBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    Reward.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
        name: { type: DataTypes.STRING(120), allowNull: false },
        description: { type: DataTypes.STRING(2000), allowNull: false },
        pointsCost: { type: DataTypes.INTEGER, allowNull: false },
        stock: { type: DataTypes.INTEGER, allowNull: true },
        category: { type: DataTypes.STRING(40), allowNull: false },
        availableFrom: { type: DataTypes.DATEONLY, allowNull: true },
        availableTo: { type: DataTypes.DATEONLY, allowNull: true },
        zoneIds: idList('zoneIds'),
        customerTypeIds: idList('customerTypeIds'),
        deliveryMode: { type: DataTypes.STRING(8), allowNull: false },
        status: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'active' },
        redeemedCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        imageVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'rewards', underscored: true },
    );
  }
}
