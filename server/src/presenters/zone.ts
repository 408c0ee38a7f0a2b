import type { Zone } from '../db/models';

export const presentZone = (zone: Zone) => ({
  id: zone.id,
  code: zone.code,
  name: zone.name,
  createdAt: zone.createdAt.toISOString(),
  updatedAt: zone.updatedAt.toISOString(),
});

export const presentZoneRef = (zone: Zone | null | undefined) =>
  zone ? { id: zone.id, code: zone.code, name: zone.name } : null;
