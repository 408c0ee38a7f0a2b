import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export type CardBatchSource = 'range' | 'file';

/** One stock import: a generated range or a file of numbers. */
export class CardBatch extends Model<
  InferAttributes<CardBatch>,
  InferCreationAttributes<CardBatch>
> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare source: CardBatchSource;
  /** Cards the import added (numbers it skipped are not counted). */
  declare cardCount: number;
  declare createdBy: number | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    CardBatch.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        name: { type: DataTypes.STRING(120), allowNull: false },
        source: { type: DataTypes.STRING(8), allowNull: false },
        cardCount: { type: DataTypes.INTEGER, allowNull: false },
        createdBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'card_batches', underscored: true, updatedAt: false },
    );
  }
}
