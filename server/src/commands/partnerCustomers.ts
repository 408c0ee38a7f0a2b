import { retryOnConflict } from '../db/retry';
import { awardWithCommand } from '../rules/events';
import type { z } from 'zod';
import { indexCustomerNames } from '../customers/searchIndex';
import { Customer, CustomerType, Zone } from '../db/models';
import { AppError } from '../errors';
import type { Services } from '../http/services';
import type { upsertCustomerBody } from '../routes/partner/schema';

export type PartnerCustomerInput = z.infer<typeof upsertCustomerBody>;

const unprocessable = (id: string, message: string) => new AppError(422, id, message);

async function codeToId(model: typeof Zone | typeof CustomerType, code: string, error: AppError) {
  const row = await model.findOne({ where: { code } });
  if (!row) throw error;
  return row.id;
}

/** Creates the customer with this external id, or updates the fields sent. */
export async function upsertPartnerCustomer(
  services: Services,
  externalId: string,
  input: PartnerCustomerInput,
): Promise<{ customer: Customer; created: boolean }> {
  const zoneId = await codeToId(
    Zone,
    input.zone,
    unprocessable('zone_not_found', `No existe la zona ${input.zone}.`),
  );
  const customerTypeId = input.customerType
    ? await codeToId(
        CustomerType,
        input.customerType,
        unprocessable(
          'customer_type_not_found',
          `No existe el tipo de cliente ${input.customerType}.`,
        ),
      )
    : undefined;
  const fields = {
    firstName: input.firstName,
    lastName: input.lastName,
    zoneId,
    ...(input.email !== undefined && { email: input.email }),
    ...(input.phone !== undefined && { phone: input.phone }),
    ...(input.birthDate !== undefined && { birthDate: input.birthDate }),
    ...(customerTypeId !== undefined && { customerTypeId }),
    ...(input.state !== undefined && { state: input.state }),
    ...(input.city !== undefined && { city: input.city }),
    ...(input.postalCode !== undefined && { postalCode: input.postalCode }),
    ...(input.address !== undefined && { address: input.address }),
    ...(input.status !== undefined && { status: input.status }),
  };
  // The row is locked only once it exists: a locking read of a missing id would lock the gap
  // of the external-id index that other new customers insert into, and they would deadlock.
  // Two first upserts of one id: the second insert fails on the unique key and runs again.
  return retryOnConflict(() =>
    services.sequelize.transaction(async (transaction) => {
      const found = await Customer.findOne({ where: { externalId }, transaction });
      const existing =
        found &&
        (await Customer.findOne({
          where: { id: found.id },
          transaction,
          lock: transaction.LOCK.UPDATE,
        }));
      if (existing) {
        await existing.update(fields, { transaction });
        await indexCustomerNames(services.sequelize, [existing.id], transaction);
        await awardWithCommand(
          services,
          'profile_completed',
          [{ customerId: Number(existing.id), occasion: 'profile' }],
          transaction,
        );
        return { customer: existing, created: false };
      }
      const defaultType =
        customerTypeId ??
        (await CustomerType.findOne({ where: { code: 'GENERAL' }, transaction }))?.id ??
        null;
      const customer = await Customer.create(
        {
          ...fields,
          externalId,
          userId: null,
          email: input.email ?? null,
          customerTypeId: defaultType,
          signupChannel: 'partner',
          phone: input.phone ?? null,
          birthDate: input.birthDate ?? null,
          state: input.state ?? null,
          city: input.city ?? null,
          postalCode: input.postalCode ?? null,
          address: input.address ?? null,
          consumptionLevel: null,
        },
        { transaction },
      );
      await indexCustomerNames(services.sequelize, [customer.id], transaction);
      const customerId = Number(customer.id);
      await awardWithCommand(
        services,
        'customer_enrolled',
        [{ customerId, occasion: 'enrolled' }],
        transaction,
      );
      await awardWithCommand(
        services,
        'profile_completed',
        [{ customerId, occasion: 'profile' }],
        transaction,
      );
      return { customer, created: true };
    }),
  );
}

/** The customer with this external id, with its zone and type loaded, or 404. */
export async function findPartnerCustomer(externalId: string): Promise<Customer> {
  const customer = await Customer.findOne({
    where: { externalId },
    include: [
      { model: Zone, as: 'zone' },
      { model: CustomerType, as: 'customerType' },
    ],
  });
  if (!customer)
    throw new AppError(404, 'customer_not_found', 'No existe un cliente con ese id externo.');
  return customer;
}
