import type { Customer } from '../db/models';

/** A customer as the partner API shows it. Expects `zone` and `customerType` loaded. */
export const presentPartnerCustomer = (
  customer: Customer,
  codes: { zone: string; customerType: string | null },
) => ({
  externalId: customer.externalId,
  firstName: customer.firstName,
  lastName: customer.lastName,
  email: customer.email,
  phone: customer.phone,
  birthDate: customer.birthDate,
  zone: codes.zone,
  customerType: codes.customerType,
  state: customer.state,
  city: customer.city,
  postalCode: customer.postalCode,
  address: customer.address,
  status: customer.status,
  balance: customer.balance,
  createdAt: customer.createdAt.toISOString(),
  updatedAt: customer.updatedAt.toISOString(),
});
