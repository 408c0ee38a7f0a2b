import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { CustomerType } from './customerType';
import type { Zone } from './zone';

export type CustomerStatus = 'active' | 'inactive' | 'blocked';
export type SignupChannel = 'portal' | 'studio' | 'partner' | 'import';

/** A customer's profile; `userId` links the portal account that signs in as this customer. */
export class Customer extends Model<InferAttributes<Customer>, InferCreationAttributes<Customer>> {
  declare id: CreationOptional<number>;
  declare userId: number | null;
  declare firstName: string;
  declare lastName: string;
  declare email: string | null;
  declare zoneId: number;
  declare phone: string | null;
  declare birthDate: string | null;
  declare customerTypeId: number | null;
  declare state: string | null;
  declare city: string | null;
  declare postalCode: string | null;
  declare address: string | null;
  declare consumptionLevel: string | null;
  declare status: CreationOptional<CustomerStatus>;
  declare externalId: string | null;
  declare signupChannel: CreationOptional<SignupChannel>;
  /** Folded "last first" name, kept by the search index. */
  declare searchName: CreationOptional<string>;
  /** The cached balance; only the ledger code writes it. */
  declare balance: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare zone?: NonAttribute<Zone>;
  declare customerType?: NonAttribute<CustomerType | null>;

  static initModel(sequelize: Sequelize) {
    Customer.init(
      {
        id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
        userId: { type: DataTypes.INTEGER, allowNull: true, unique: true },
        firstName: { type: DataTypes.STRING(80), allowNull: false },
        lastName: { type: DataTypes.STRING(80), allowNull: false },
        email: { type: DataTypes.STRING(254), allowNull: true },
        zoneId: { type: DataTypes.INTEGER, allowNull: false },
        phone: { type: DataTypes.STRING(20), allowNull: true },
        birthDate: { type: DataTypes.DATEONLY, allowNull: true },
        customerTypeId: { type: DataTypes.INTEGER, allowNull: true },
        state: { type: DataTypes.STRING(80), allowNull: true },
        city: { type: DataTypes.STRING(80), allowNull: true },
        postalCode: { type: DataTypes.STRING(10), allowNull: true },
        address: { type: DataTypes.STRING(200), allowNull: true },
        consumptionLevel: { type: DataTypes.STRING(16), allowNull: true },
        status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'active' },
        externalId: { type: DataTypes.STRING(64), allowNull: true, unique: true },
        signupChannel: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'studio' },
        searchName: { type: DataTypes.STRING(170), allowNull: false, defaultValue: '' },
        balance: {
          type: DataTypes.BIGINT,
          allowNull: false,
          defaultValue: 0,
          // BIGINT arrives as a string from MySQL; balances stay far below 2^53.
          get() {
            return Number(this.getDataValue('balance'));
          },
        },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'customers', underscored: true },
    );
  }
}
