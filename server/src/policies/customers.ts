import type { FindOptions, Transaction } from 'sequelize';
import { Customer } from '../db/models';
import { notFound } from '../errors';
import type { Actor } from './actor';
import { scoped } from './scope';

const missing = () => notFound('El cliente no existe o no está en tu zona.');

/**
 * A customer the actor may see, or 404: staff through the zone scope (call center and
 * superadmin: all; admins: their zone), a customer only itself.
 */
export async function findVisibleCustomer(
  actor: Actor,
  id: number,
  options: Omit<FindOptions<Customer>, 'where'> & { transaction?: Transaction } = {},
): Promise<Customer> {
  const where =
    actor.role === 'customer' ? { id, userId: actor.userId } : scoped<Customer>(actor, { id });
  const customer = await Customer.findOne({ ...options, where });
  if (!customer) throw missing();
  return customer;
}

/** The customer profile of a signed-in customer account (portal routes). */
export async function findOwnCustomer(
  actor: Actor,
  options: Omit<FindOptions<Customer>, 'where'> & { transaction?: Transaction } = {},
): Promise<Customer> {
  const customer = await Customer.findOne({ ...options, where: { userId: actor.userId } });
  if (!customer) throw notFound('Tu cuenta no tiene un perfil de cliente.');
  return customer;
}

/**
 * The customer a command acts on, locked: staff name it (within their zone), a customer acts on
 * itself (`customerId` null). Commands that change a customer's cards, points or redemptions
 * lock it first, so they run one at a time per customer and always take their locks in the same
 * order (customer first, then its other rows).
 */
export function lockCustomer(actor: Actor, customerId: number | null, transaction: Transaction) {
  const options = { transaction, lock: transaction.LOCK.UPDATE };
  return customerId === null
    ? findOwnCustomer(actor, options)
    : findVisibleCustomer(actor, customerId, options);
}
