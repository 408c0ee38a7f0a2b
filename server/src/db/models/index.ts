import type { Sequelize } from 'sequelize';
import { ApiKey } from './apiKey';
import { AuditEvent } from './auditEvent';
import { Card } from './card';
import { CardBatch } from './cardBatch';
import { CardReport, CardReportEvent } from './cardReport';
import { Customer } from './customer';
import { CustomerType } from './customerType';
import { PasswordToken } from './passwordToken';
import { Session } from './session';
import { User } from './user';
import { Zone } from './zone';

export { ApiKey, AuditEvent, Customer, CustomerType, PasswordToken, Session, User, Zone };
export { Card, CardBatch, CardReport, CardReportEvent };

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
    CardBatch,
    Card,
    CardReport,
    CardReportEvent,
  ]) {
    model.initModel(sequelize);
  }
  User.belongsTo(Zone, { as: 'zone', foreignKey: 'zoneId' });
  Session.belongsTo(User, { as: 'user', foreignKey: 'userId' });
  AuditEvent.belongsTo(User, { as: 'actor', foreignKey: 'actorUserId', constraints: false });
  Customer.belongsTo(User, { as: 'user', foreignKey: 'userId' });
  Customer.belongsTo(Zone, { as: 'zone', foreignKey: 'zoneId' });
  Customer.belongsTo(CustomerType, { as: 'customerType', foreignKey: 'customerTypeId' });
  Card.belongsTo(Customer, { as: 'customer', foreignKey: 'customerId', constraints: false });
  CardReport.belongsTo(Card, { as: 'card', foreignKey: 'cardId', constraints: false });
  CardReport.belongsTo(Card, {
    as: 'replacementCard',
    foreignKey: 'replacementCardId',
    constraints: false,
  });
  CardReport.hasMany(CardReportEvent, { as: 'events', foreignKey: 'reportId' });
  CardReportEvent.belongsTo(User, { as: 'actor', foreignKey: 'actorUserId', constraints: false });
}
