import type { Customer, CustomerStatus, CustomerType } from '../../shared/api';
import { useResource } from '../../shared/hooks';
import type { StudioKey } from '../../messages';

export const customerName = (customer: Pick<Customer, 'firstName' | 'lastName'>) =>
  `${customer.firstName} ${customer.lastName}`;

export const statusKey = (status: CustomerStatus): StudioKey => `customerStatus.${status}`;

/** The badge colour of each status: active green, inactive grey, blocked red. */
export const statusBadge: Readonly<Record<CustomerStatus, string>> = {
  active: 'badge badge--dot badge--success',
  inactive: 'badge badge--dot badge--muted',
  blocked: 'badge badge--dot badge--danger',
};

export const channelKey = (channel: Customer['signupChannel']): StudioKey => `channel.${channel}`;

/** The customer types (staff who read customers may read them); empty until loaded. */
export function useCustomerTypes(): CustomerType[] {
  const { data } = useResource<{ items: CustomerType[] }>('/api/customer-types');
  return data?.items ?? [];
}
