import type { Reward } from '../db/models';

/**
 * Today's date where the business runs (Mexico's central time), as YYYY-MM-DD: a reward's
 * window opens and closes at midnight there, not at midnight UTC.
 */
export const businessDay = (now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City' }).format(now);

/** Whether a customer of this zone and type may redeem the reward on `day`. */
export function isAvailableTo(
  reward: Reward,
  customer: { zoneId: number; customerTypeId: number | null },
  day: string,
): boolean {
  if (reward.status !== 'active') return false;
  if (reward.availableFrom && day < reward.availableFrom) return false;
  if (reward.availableTo && day > reward.availableTo) return false;
  if (reward.zoneIds.length > 0 && !reward.zoneIds.includes(customer.zoneId)) return false;
  if (
    reward.customerTypeIds.length > 0 &&
    (customer.customerTypeId === null || !reward.customerTypeIds.includes(customer.customerTypeId))
  ) {
    return false;
  }
  return true;
}
