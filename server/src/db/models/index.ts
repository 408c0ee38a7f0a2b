import type { Sequelize } from 'sequelize';
import { ApiKey } from './apiKey';
import { AuditEvent } from './auditEvent';
import { Customer } from './customer';
import { CustomerType } from './customerType';
import { PasswordToken } from './passwordToken';
import { Session } from './session';
import { User } from './user';
import { Zone } from './zone';

export { ApiKey, AuditEvent, Customer, CustomerType, PasswordToken, Session, User, Zone };

export function initModels(sequelize: Sequelize): void {
  for (const model of [
    Zone,
    User,
    Session,
    PasswordToken,
    AuditEvent,
    Customer,
    CustomerType,
    ApiKey,
  ]) {
    model.initModel(sequelize);
  }
  User.belongsTo(Zone, { as: 'zone', foreignKey: 'zoneId' });
  Session.belongsTo(User, { as: 'user', foreignKey: 'userId' });
  AuditEvent.belongsTo(User, { as: 'actor', foreignKey: 'actorUserId', constraints: false });
  Customer.belongsTo(User, { as: 'user', foreignKey: 'userId' });
  Customer.belongsTo(Zone, { as: 'zone', foreignKey: 'zoneId' });
  Customer.belongsTo(CustomerType, { as: 'customerType', foreignKey: 'customerTypeId' });
}
