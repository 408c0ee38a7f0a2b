import type { Redemption, RedemptionEvent } from '../db/models';
import { thumbnailUrlOf } from './reward';

/** One timeline step; `actor` null is the customer itself or the system. */
const presentEvent = (event: RedemptionEvent) => ({
  status: event.status,
  note: event.note,
  carrier: event.carrier,
  trackingNumber: event.trackingNumber,
  actor: event.actor
    ? { id: event.actor.id, name: event.actor.name, role: event.actor.role }
    : null,
  at: event.createdAt.toISOString(),
});

/**
 * A redemption; expects `customer` and `reward` loaded (see `redemptionRefs`), and `events`
 * for detail answers, which then carry the timeline oldest first.
 */
export function presentRedemption(redemption: Redemption) {
  const { customer, reward } = redemption;
  if (!customer || !reward) throw new Error('presentRedemption needs customer and reward loaded');
  return {
    id: redemption.id,
    folio: redemption.folio ?? '',
    customer: {
      id: Number(customer.id),
      name: `${customer.firstName} ${customer.lastName}`,
      externalId: customer.externalId,
      zoneId: customer.zoneId,
    },
    reward: {
      id: reward.id,
      code: reward.code,
      name: reward.name,
      deliveryMode: reward.deliveryMode,
      thumbnailUrl: thumbnailUrlOf(reward),
    },
    quantity: redemption.quantity,
    points: redemption.points,
    status: redemption.status,
    carrier: redemption.carrier,
    trackingNumber: redemption.trackingNumber,
    deliveryAddress: redemption.deliveryAddress,
    createdAt: redemption.createdAt.toISOString(),
    updatedAt: redemption.updatedAt.toISOString(),
    ...(redemption.events && {
      timeline: [...redemption.events].sort((a, b) => a.id - b.id).map(presentEvent),
    }),
  };
}

export type PresentedRedemption = ReturnType<typeof presentRedemption>;
