import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { Card, CardBlockReason } from './card';
import type { User } from './user';

export const cardReportStatuses = [
  'reported',
  'replacement_issued',
  'replacement_activated',
  'closed',
] as const;
export type CardReportStatus = (typeof cardReportStatuses)[number];
export type CardReportChannel = 'studio' | 'portal';

/** A lost or stolen card report, followed up until the replacement is active or it is closed. */
export class CardReport extends Model<
  InferAttributes<CardReport>,
  InferCreationAttributes<CardReport>
> {
  declare id: CreationOptional<number>;
  declare customerId: number;
  declare cardId: number;
  declare kind: CardBlockReason;
  declare status: CardReportStatus;
  declare replacementCardId: number | null;
  declare channel: CardReportChannel;
  declare createdBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare card?: NonAttribute<Card>;
  declare replacementCard?: NonAttribute<Card | null>;
  declare events?: NonAttribute<CardReportEvent[]>;

  static initModel(sequelize: Sequelize) {
    CardReport.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        customerId: { type: DataTypes.BIGINT, allowNull: false },
        cardId: { type: DataTypes.BIGINT, allowNull: false },
        kind: { type: DataTypes.STRING(8), allowNull: false },
        status: { type: DataTypes.STRING(24), allowNull: false },
        replacementCardId: { type: DataTypes.BIGINT, allowNull: true },
        channel: { type: DataTypes.STRING(8), allowNull: false },
        createdBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'card_reports', underscored: true },
    );
  }
}

/** One step of a report's follow-up: the status it moved to, a note, who and when. */
export class CardReportEvent extends Model<
  InferAttributes<CardReportEvent>,
  InferCreationAttributes<CardReportEvent>
> {
  declare id: CreationOptional<number>;
  declare reportId: number;
  declare status: CardReportStatus;
  declare note: string | null;
  declare actorUserId: number | null;
  declare createdAt: CreationOptional<Date>;
  declare actor?: NonAttribute<User | null>;

  static initModel(sequelize: Sequelize) {
    CardReportEvent.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        reportId: { type: DataTypes.INTEGER, allowNull: false },
        status: { type: DataTypes.STRING(24), allowNull: false },
        note: { type: DataTypes.STRING(500), allowNull: true },
        actorUserId: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'card_report_events', underscored: true, updatedAt: false },
    );
  }
}
