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
import type { Reward } from './reward';
import type { User } from './user';

export const redemptionStatuses = [
  'requested',
  'approved',
  'shipped',
  'ready_for_pickup',
  'delivered',
  'rejected',
  'cancelled',
] as const;
export type RedemptionStatus = (typeof redemptionStatuses)[number];
/** Where a redemption was made: by the customer, by staff, or given by a rule. */
export type RedemptionChannel = 'portal' | 'studio' | 'rule';

/** BIGINT ids arrive as strings from MySQL; they stay far below 2^53. */
const bigintId = (column: string, allowNull = false) => ({
  type: DataTypes.BIGINT,
  allowNull,
  get(this: Model): number | null {
    const value: unknown = this.getDataValue(column);
    return value === null || value === undefined ? null : Number(value);
  },
});

/** A customer's exchange of points for a reward, followed until delivered (or refunded). */
export class Redemption extends Model<
  InferAttributes<Redemption>,
  InferCreationAttributes<Redemption>
> {
  declare id: CreationOptional<number>;
  declare folio: string | null;
  declare customerId: number;
  declare rewardId: number;
  declare quantity: number;
  declare points: number;
  declare status: RedemptionStatus;
  declare carrier: string | null;
  declare trackingNumber: string | null;
  declare deliveryAddress: string | null;
  declare idempotencyKey: string | null;
  declare channel: RedemptionChannel;
  declare createdBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare customer?: NonAttribute<Customer>;
  declare reward?: NonAttribute<Reward>;
  declare events?: NonAttribute<RedemptionEvent[]>;

  static initModel(sequelize: Sequelize) {
    Redemption.init(
      {
        id: { ...bigintId('id'), primaryKey: true, autoIncrement: true },
        folio: { type: DataTypes.STRING(16), allowNull: true, unique: true },
        customerId: bigintId('customerId'),
        rewardId: { type: DataTypes.INTEGER, allowNull: false },
        quantity: { type: DataTypes.INTEGER, allowNull: false },
        points: { type: DataTypes.INTEGER, allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        carrier: { type: DataTypes.STRING(80), allowNull: true },
        trackingNumber: { type: DataTypes.STRING(80), allowNull: true },
        deliveryAddress: { type: DataTypes.STRING(300), allowNull: true },
        idempotencyKey: { type: DataTypes.STRING(64), allowNull: true },
        channel: { type: DataTypes.STRING(8), allowNull: false },
        createdBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'redemptions', underscored: true },
    );
  }
}

/** One step of a redemption's timeline: the status it reached, a note, who and when. */
export class RedemptionEvent extends Model<
  InferAttributes<RedemptionEvent>,
  InferCreationAttributes<RedemptionEvent>
> {
  declare id: CreationOptional<number>;
  declare redemptionId: number;
  declare status: RedemptionStatus;
  declare note: string | null;
  declare carrier: string | null;
  declare trackingNumber: string | null;
  declare actorUserId: number | null;
  declare importId: number | null;
  declare createdAt: CreationOptional<Date>;
  declare actor?: NonAttribute<User | null>;

  static initModel(sequelize: Sequelize) {
    RedemptionEvent.init(
      {
        id: { ...bigintId('id'), primaryKey: true, autoIncrement: true },
        redemptionId: bigintId('redemptionId'),
        status: { type: DataTypes.STRING(16), allowNull: false },
        note: { type: DataTypes.STRING(255), allowNull: true },
        carrier: { type: DataTypes.STRING(80), allowNull: true },
        trackingNumber: { type: DataTypes.STRING(80), allowNull: true },
        actorUserId: { type: DataTypes.INTEGER, allowNull: true },
        importId: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'redemption_events', underscored: true, updatedAt: false },
    );
  }
}
