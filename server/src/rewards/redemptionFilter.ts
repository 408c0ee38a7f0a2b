import { Op, type Sequelize, type WhereOptions } from 'sequelize';
import { foldText } from '../customers/searchIndex';
import { contains } from '../db/dialect';
import type { Customer, Redemption } from '../db/models';
import type { RedemptionStatus } from '../db/models/redemption';
import type { Actor } from '../policies/actor';
import { businessOffsetHours } from './availability';
import { scoped } from '../policies/scope';

export interface RedemptionFilter {
  status?: RedemptionStatus;
  customerId?: number;
  zoneId?: number;
  rewardId?: number;
  customerTypeId?: number;
  /** Only redemptions made at least this many days ago (the queue's "age"). */
  olderThanDays?: number;
  /** Business days (YYYY-MM-DD), both included. */
  from?: string;
  to?: string;
  /** A folio, or words of the customer's name. */
  q?: string;
}

/** Where a business day starts, as an instant (06:00 UTC). */
const dayStart = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - businessOffsetHours * 3_600_000);
const nextDayStart = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

/** "R-12", "r000012" or "12" as the folio R-000012; null when the text is not a folio. */
export function folioFrom(text: string): string | null {
  const match = /^R?-?0*(\d{1,12})$/i.exec(text.trim());
  return match?.[1] ? `R-${match[1].padStart(6, '0')}` : null;
}

/**
 * The conditions of a redemption listing: on the redemption, and on its customer (where the
 * actor's zone scope always applies, so no filter widens it).
 */
export function redemptionConditions(
  sequelize: Sequelize,
  actor: Actor,
  filter: RedemptionFilter,
): { where: WhereOptions<Redemption>; customerWhere: WhereOptions<Customer> } {
  const conditions: WhereOptions<Redemption>[] = [];
  if (filter.status) conditions.push({ status: filter.status });
  if (filter.rewardId) conditions.push({ rewardId: filter.rewardId });
  if (filter.customerId) conditions.push({ customerId: filter.customerId });
  if (filter.olderThanDays !== undefined) {
    const before = new Date(Date.now() - filter.olderThanDays * 86_400_000);
    conditions.push({ createdAt: { [Op.lte]: before } });
  }
  if (filter.from) conditions.push({ createdAt: { [Op.gte]: dayStart(filter.from) } });
  if (filter.to) conditions.push({ createdAt: { [Op.lt]: nextDayStart(filter.to) } });
  const customerConditions: WhereOptions<Customer>[] = [];
  if (filter.zoneId) customerConditions.push({ zoneId: filter.zoneId });
  if (filter.customerTypeId) customerConditions.push({ customerTypeId: filter.customerTypeId });
  const q = filter.q?.trim();
  if (q) {
    const folio = folioFrom(q);
    if (folio) conditions.push({ folio });
    else {
      for (const word of foldText(q).split(' ').filter(Boolean)) {
        customerConditions.push(contains(sequelize, 'customer.search_name', word));
      }
    }
  }
  return {
    where: { [Op.and]: conditions },
    customerWhere: scoped<Customer>(actor, { [Op.and]: customerConditions }),
  };
}
