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

export type AuditSnapshot = Record<string, unknown> | null;

/** One staff write: who, what, on which record, the record before and after, when and from where. */
export class AuditEvent extends Model<
  InferAttributes<AuditEvent>,
  InferCreationAttributes<AuditEvent>
> {
  declare id: CreationOptional<number>;
  declare actorUserId: number | null;
  declare actorRole: string | null;
  declare action: string;
  declare targetType: string;
  declare targetId: string | null;
  /** The zone of the record written, which decides which admins see the event. */
  declare zoneId: number | null;
  declare before: AuditSnapshot;
  declare after: AuditSnapshot;
  declare ip: string | null;
  declare createdAt: CreationOptional<Date>;
  declare actor?: NonAttribute<User | null>;

  static initModel(sequelize: Sequelize) {
    AuditEvent.init(
      {
        id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
        actorUserId: { type: DataTypes.INTEGER, allowNull: true },
        actorRole: { type: DataTypes.STRING(16), allowNull: true },
        action: { type: DataTypes.STRING(64), allowNull: false },
        targetType: { type: DataTypes.STRING(32), allowNull: false },
        targetId: { type: DataTypes.STRING(64), allowNull: true },
        zoneId: { type: DataTypes.INTEGER, allowNull: true },
        before: { type: DataTypes.JSON, allowNull: true },
        after: { type: DataTypes.JSON, allowNull: true },
        ip: { type: DataTypes.STRING(45), allowNull: true },
        createdAt: DataTypes.DATE,
      },
      {
        sequelize,
        tableName: 'audit_events',
        underscored: true,
        updatedAt: false,
      },
    );
  }
}
