import { DataTypes } from 'sequelize';

/** The columns of a code + name catalog table (zones, customer types). */
export const catalogAttributes = {
  id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
  code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
  name: { type: DataTypes.STRING(80), allowNull: false },
  createdAt: DataTypes.DATE,
  updatedAt: DataTypes.DATE,
};
