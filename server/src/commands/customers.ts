import { awardWithCommand } from '../rules/events';
import type { Transaction } from 'sequelize';
import { indexCustomerNames } from '../customers/searchIndex';
import type { Customer } from '../db/models';
import { CustomerType, Zone } from '../db/models';
import type { AuditSnapshot } from '../db/models/auditEvent';
import { AppError, badRequest, conflict, forbidden } from '../errors';
import type { Services } from '../http/services';
import { adjustBalance, type AdjustedLine } from '../ledger/adjust';
import type { Actor } from '../policies/actor';
import { findOwnCustomer, findVisibleCustomer } from '../policies/customers';
import { zoneFilter } from '../policies/scope';
import { getSettings } from '../settings';
import { recordAudit } from './audit';

export interface ProfileChanges {
  firstName?: string;
  lastName?: string;
  email?: string | null;
  phone?: string | null;
  birthDate?: string | null;
  customerTypeId?: number;
  zoneId?: number;
  state?: string | null;
  city?: string | null;
  postalCode?: string | null;
  address?: string | null;
  status?: 'active' | 'inactive' | 'blocked';
}

/** Loads what the customer presenter shows besides the row. */
export const customerRefs = {
  include: [
    { model: Zone, as: 'zone' },
    { model: CustomerType, as: 'customerType' },
  ],
};

/** The audited fields of a customer profile. */
const snapshot = (c: Customer): AuditSnapshot => ({
  firstName: c.firstName,
  lastName: c.lastName,
  email: c.email,
  phone: c.phone,
  birthDate: c.birthDate,
  customerTypeId: c.customerTypeId,
  zoneId: c.zoneId,
  state: c.state,
  city: c.city,
  postalCode: c.postalCode,
  address: c.address,
  status: c.status,
});

async function applyChanges(
  services: Services,
  who: { actor: Actor; ip: string | null },
  customer: Customer,
  changes: ProfileChanges,
  transaction: Transaction,
): Promise<void> {
  const before = snapshot(customer);
  await customer.update(changes, { transaction });
  if (changes.firstName !== undefined || changes.lastName !== undefined) {
    await indexCustomerNames(services.sequelize, [Number(customer.id)], transaction);
  }
  await awardWithCommand(
    services,
    'profile_completed',
    [{ customerId: Number(customer.id), occasion: 'profile' }],
    transaction,
  );
  await recordAudit(transaction, who, {
    action: 'customer.updated',
    targetType: 'customer',
    targetId: Number(customer.id),
    zoneId: customer.zoneId,
    before,
    after: snapshot(customer),
  });
}

/** Staff edit a customer's profile: within their zone scope, audited before and after. */
export async function updateCustomer(
  services: Services,
  actor: Actor,
  ip: string | null,
  id: number,
  changes: ProfileChanges,
): Promise<Customer> {
  const own = zoneFilter(actor).zoneId;
  if (changes.zoneId !== undefined && own !== undefined && changes.zoneId !== own) {
    throw forbidden('zone_not_allowed', 'Solo puedes asignar clientes a tu zona.');
  }
  if (changes.zoneId !== undefined && !(await Zone.findByPk(changes.zoneId))) {
    throw badRequest('zone_not_found', 'La zona indicada no existe.');
  }
  if (
    changes.customerTypeId !== undefined &&
    !(await CustomerType.findByPk(changes.customerTypeId))
  ) {
    throw badRequest('customer_type_not_found', 'El tipo de cliente indicado no existe.');
  }
  await services.sequelize.transaction(async (transaction) => {
    const customer = await findVisibleCustomer(actor, id, {
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    await applyChanges(services, { actor, ip }, customer, changes, transaction);
  });
  return findVisibleCustomer(actor, id, customerRefs);
}

/** A customer edits its own contact details; a birth date can be set once, not changed. */
export async function updateOwnProfile(
  services: Services,
  actor: Actor,
  ip: string | null,
  changes: Pick<
    ProfileChanges,
    'phone' | 'birthDate' | 'state' | 'city' | 'postalCode' | 'address'
  >,
): Promise<Customer> {
  await services.sequelize.transaction(async (transaction) => {
    const customer = await findOwnCustomer(actor, { transaction, lock: transaction.LOCK.UPDATE });
    if (
      changes.birthDate !== undefined &&
      customer.birthDate !== null &&
      changes.birthDate !== customer.birthDate
    ) {
      throw conflict(
        'birth_date_locked',
        'Tu fecha de nacimiento ya está registrada; para corregirla llama a atención a clientes.',
      );
    }
    await applyChanges(services, { actor, ip }, customer, changes, transaction);
  });
  return findOwnCustomer(actor, customerRefs);
}

/** A manual adjustment: a reason always, within the role's limit, audited. */
export async function adjustCustomerPoints(
  services: Services,
  actor: Actor,
  ip: string | null,
  id: number,
  input: { points: number; reason: string },
): Promise<AdjustedLine> {
  const settings = await getSettings(services.sequelize);
  const limits: Record<string, number> = settings.adjustmentLimits;
  const limit = limits[actor.role] ?? 0;
  if (Math.abs(input.points) > limit) {
    throw new AppError(
      403,
      'adjustment_over_limit',
      `Tu rol puede ajustar hasta ${limit.toLocaleString('es-MX')} puntos por movimiento.`,
    );
  }
  return services.sequelize.transaction(async (transaction) => {
    const customer = await findVisibleCustomer(actor, id, { transaction });
    const line = await adjustBalance(
      services.sequelize,
      {
        customerId: Number(customer.id),
        points: input.points,
        note: input.reason,
        actorUserId: actor.userId,
      },
      settings,
      transaction,
    );
    await recordAudit(
      transaction,
      { actor, ip },
      {
        action: 'ledger.adjusted',
        targetType: 'customer',
        targetId: Number(customer.id),
        zoneId: customer.zoneId,
        before: { balance: line.balance - line.points },
        after: { balance: line.balance, points: line.points, reason: input.reason },
      },
    );
    return line;
  });
}
