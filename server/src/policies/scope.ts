import { Op, type WhereOptions } from 'sequelize';
import type { Actor } from './actor';
import { isZoneScoped } from './permissions';

/**
 * The zone scope: zone-scoped roles see their own zone's rows, the others see all.
 * Every staff-facing query on zoned data goes through `scoped`.
 */
export function zoneFilter(actor: Actor): { zoneId?: number } {
  if (!isZoneScoped(actor.role)) return {};
  // A zone-scoped account without a zone sees nothing rather than everything.
  return { zoneId: actor.zoneId ?? -1 };
}

/** `where` limited to what the actor may see; the scope is AND-ed, so no filter can widen it. */
export function scoped<T>(actor: Actor, where: WhereOptions<T> = {}): WhereOptions<T> {
  return { [Op.and]: [zoneFilter(actor), where] } as WhereOptions<T>;
}

export function canSeeZone(actor: Actor, zoneId: number | null): boolean {
  const filter = zoneFilter(actor);
  return filter.zoneId === undefined || filter.zoneId === zoneId;
}
