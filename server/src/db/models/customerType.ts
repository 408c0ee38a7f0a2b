import {
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import { catalogAttributes } from './catalog';

/** A kind of customer (general, frecuente, VIP, …): data the business edits, not code. */
export class CustomerType extends Model<
  InferAttributes<CustomerType>,
  InferCreationAttributes<CustomerType>
> {
  declare id: CreationOptional<number>;
  declare code: string;
  declare name: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    CustomerType.init(catalogAttributes, {
      sequelize,
      tableName: 'customer_types',
      underscored: true,
    });
  }
}
