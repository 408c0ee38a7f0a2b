import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { Customer } from './customer';

export const cardStatuses = ['available', 'active', 'blocked', 'replaced', 'inactive'] as const;
export type CardStatus = (typeof cardStatuses)[number];
export type CardBlockReason = 'lost' | 'stolen';

/**
 * A loyalty card. `available` cards are stock; an available card with a customer is a
 * replacement issued to that customer and waiting for activation. Cards never hold points.
 */
export class Card extends Model<InferAttributes<Card>, InferCreationAttributes<Card>> {
  declare id: CreationOptional<number>;
  declare number: string;
  declare status: CreationOptional<CardStatus>;
  declare customerId: number | null;
  declare batchId: number | null;
  declare assignedAt: Date | null;
  declare activatedAt: Date | null;
  declare blockedAt: Date | null;
  declare blockReason: CardBlockReason | null;
  declare replacedByCardId: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare customer?: NonAttribute<Customer | null>;

  static initModel(sequelize: Sequelize) {
    Card.init(
      {
        id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
        number: { type: DataTypes.STRING(19), allowNull: false, unique: true },
        status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'available' },
        customerId: { type: DataTypes.BIGINT, allowNull: true },
        batchId: { type: DataTypes.INTEGER, allowNull: true },
        assignedAt: { type: DataTypes.DATE, allowNull: true },
        activatedAt: { type: DataTypes.DATE, allowNull: true },
        blockedAt: { type: DataTypes.DATE, allowNull: true },
        blockReason: { type: DataTypes.STRING(8), allowNull: true },
        replacedByCardId: { type: DataTypes.BIGINT, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'cards', underscored: true },
    );
  }
}
