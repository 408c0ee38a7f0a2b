import type { Sequelize } from 'sequelize';
import { AuditEvent } from './auditEvent';
import { Customer } from './customer';
import { PasswordToken } from './passwordToken';
import { Session } from './session';
import { User } from './user';
import { Zone } from './zone';

export { AuditEvent, Customer, PasswordToken, Session, User, Zone };

export function initModels(sequelize: Sequelize): void {
  for (const model of [Zone, User, Session, PasswordToken, AuditEvent, Customer]) {
    model.initModel(sequelize);
  }
  User.belongsTo(Zone, { as: 'zone', foreignKey: 'zoneId' });
  Session.belongsTo(User, { as: 'user', foreignKey: 'userId' });
  AuditEvent.belongsTo(User, { as: 'actor', foreignKey: 'actorUserId', constraints: false });
  Customer.belongsTo(User, { as: 'user', foreignKey: 'userId' });
  Customer.belongsTo(Zone, { as: 'zone', foreignKey: 'zoneId' });
}
