import type { Sequelize } from 'sequelize';
import { ApiKey } from './apiKey';
import { AuditEvent } from './auditEvent';
import { Card } from './card';
import { CardBatch } from './cardBatch';
import { CardReport, CardReportEvent } from './cardReport';
import { Customer } from './customer';
import { CustomerType } from './customerType';
import { PasswordToken } from './passwordToken';
import { Redemption, RedemptionEvent } from './redemption';
import { RedemptionImport } from './redemptionImport';
import { Reward } from './reward';
import { Session } from './session';
import { User } from './user';
import { Zone } from './zone';

export { ApiKey, AuditEvent, Customer, CustomerType, PasswordToken, Session, User, Zone };
export { Card, CardBatch, CardReport, CardReportEvent };
export { Redemption, RedemptionEvent, RedemptionImport, Reward };

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
    Reward,
    Redemption,
    RedemptionEvent,
    RedemptionImport,
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
  Redemption.belongsTo(Customer, { as: 'customer', foreignKey: 'customerId' });
  Redemption.belongsTo(Reward, { as: 'reward', foreignKey: 'rewardId' });
  Redemption.hasMany(RedemptionEvent, { as: 'events', foreignKey: 'redemptionId' });
  RedemptionEvent.belongsTo(User, { as: 'actor', foreignKey: 'actorUserId', constraints: false });
  RedemptionImport.belongsTo(User, { as: 'creator', foreignKey: 'createdBy', constraints: false });
  RedemptionImport.belongsTo(User, { as: 'applier', foreignKey: 'appliedBy', constraints: false });
}
