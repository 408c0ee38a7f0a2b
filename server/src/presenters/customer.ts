import type { Customer } from '../db/models';
import { presentZoneRef } from './zone';

/** A customer as staff and the customer itself see it; expects `zone` and `customerType` loaded. */
export const presentCustomer = (customer: Customer) => ({
  id: Number(customer.id),
  externalId: customer.externalId,
  firstName: customer.firstName,
  lastName: customer.lastName,
  email: customer.email,
  phone: customer.phone,
  birthDate: customer.birthDate,
  customerType: customer.customerType
    ? {
        id: customer.customerType.id,
        code: customer.customerType.code,
        name: customer.customerType.name,
      }
    : null,
  zone: presentZoneRef(customer.zone),
  state: customer.state,
  city: customer.city,
  postalCode: customer.postalCode,
  address: customer.address,
  consumptionLevel: customer.consumptionLevel,
  status: customer.status,
  signupChannel: customer.signupChannel,
  hasPortalAccount: customer.userId !== null,
  balance: customer.balance,
  createdAt: customer.createdAt.toISOString(),
  updatedAt: customer.updatedAt.toISOString(),
});
