import type { Reward } from '../db/models';

/** Addresses of a reward's image and thumbnail; the version makes a new upload a new address. */
const imageUrl = (reward: Reward, size: '' | '/thumb') =>
  reward.imageVersion > 0
    ? `/api/rewards/${reward.id}/image${size}?v=${reward.imageVersion}`
    : null;

/** A catalog reward as staff and customers see it. */
export const presentReward = (reward: Reward) => ({
  id: reward.id,
  code: reward.code,
  name: reward.name,
  description: reward.description,
  pointsCost: reward.pointsCost,
  stock: reward.stock,
  category: reward.category,
  availableFrom: reward.availableFrom,
  availableTo: reward.availableTo,
  zoneIds: reward.zoneIds,
  customerTypeIds: reward.customerTypeIds,
  deliveryMode: reward.deliveryMode,
  status: reward.status,
  imageUrl: imageUrl(reward, ''),
  thumbnailUrl: imageUrl(reward, '/thumb'),
  redeemedCount: reward.redeemedCount,
  createdAt: reward.createdAt.toISOString(),
  updatedAt: reward.updatedAt.toISOString(),
});

/** A reward in a customer's catalog: whether the balance covers it, and what is missing. */
export const presentCatalogItem = (reward: Reward, balance: number) => ({
  ...presentReward(reward),
  affordable: balance >= reward.pointsCost,
  missingPoints: Math.max(0, reward.pointsCost - balance),
});

export const thumbnailUrlOf = (reward: Reward) => imageUrl(reward, '/thumb');
