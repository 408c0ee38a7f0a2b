import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { Role } from '../../policies/permissions';
import type { Zone } from './zone';

export type UserStatus = 'active' | 'disabled';
export type Locale = 'es' | 'en';

/** Every account that signs in: staff and customers alike. */
export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare email: string;
  declare passwordHash: string | null;
  declare name: string;
  declare role: Role;
  declare zoneId: number | null;
  declare locale: CreationOptional<Locale>;
  declare status: CreationOptional<UserStatus>;
  declare failedLogins: CreationOptional<number>;
  declare lockedUntil: Date | null;
  declare lastLoginAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare zone?: NonAttribute<Zone | null>;

  static initModel(sequelize: Sequelize) {
    User.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        email: { type: DataTypes.STRING(254), allowNull: false, unique: true },
        passwordHash: { type: DataTypes.STRING(255), allowNull: true },
        name: { type: DataTypes.STRING(120), allowNull: false },
        role: { type: DataTypes.STRING(16), allowNull: false },
        zoneId: { type: DataTypes.INTEGER, allowNull: true },
        locale: { type: DataTypes.STRING(5), allowNull: false, defaultValue: 'es' },
        status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'active' },
        failedLogins: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        lockedUntil: { type: DataTypes.DATE, allowNull: true },
        lastLoginAt: { type: DataTypes.DATE, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      {
        sequelize,
        tableName: 'users',
        underscored: true,
      },
    );
  }
}
