import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import type { ApiScope } from '../../policies/permissions';

/** A partner platform's key to `/api/v1`; only its SHA-256 is kept. */
export class ApiKey extends Model<InferAttributes<ApiKey>, InferCreationAttributes<ApiKey>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare prefix: string;
  declare keyHash: string;
  declare scopes: ApiScope[];
  declare createdBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare lastUsedAt: Date | null;
  declare revokedAt: Date | null;

  static initModel(sequelize: Sequelize) {
    ApiKey.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        name: { type: DataTypes.STRING(80), allowNull: false },
        prefix: { type: DataTypes.STRING(16), allowNull: false },
        keyHash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
        scopes: {
          type: DataTypes.JSON,
          allowNull: false,
          // SQLite hands JSON back as text.
          get() {
            const raw: unknown = this.getDataValue('scopes');
            return (typeof raw === 'string' ? JSON.parse(raw) : raw) as ApiScope[];
          },
        },
        createdBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
        lastUsedAt: { type: DataTypes.DATE, allowNull: true },
        revokedAt: { type: DataTypes.DATE, allowNull: true },
      },
      { sequelize, tableName: 'api_keys', underscored: true, updatedAt: false },
    );
  }
}
