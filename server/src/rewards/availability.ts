import type { Reward } from '../db/models';

/** Mexico's central time has had no daylight saving since 2022: always six hours behind UTC. */
export const businessOffsetHours = -6;

/**
 * The wall-clock time in Mexico's central time as a Date whose UTC fields hold it: what a
 * spreadsheet cell (which has no time zone) should show.
 */
export const businessWallClock = (date: Date) =>
  new Date(date.getTime() + businessOffsetHours * 3_600_000);

/**
 * Today's date where the business runs, as YYYY-MM-DD: a reward's window opens and closes at
 * midnight there, not at midnight UTC.
 */
export const businessDay = (now = new Date()) => businessWallClock(now).toISOString().slice(0, 10);

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
