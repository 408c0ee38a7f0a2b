import { isZoneScoped, rolesRequiringZone, rolesWithoutZone } from '@lealtad/server/permissions';
import type { StaffRole } from '@lealtad/server/permissions';
import type { User, Zone, ZoneRef } from './shared/api';
import { useResource } from './shared/hooks';

/** The zones (every staff role may read them); empty until loaded. */
export function useZones(): { zones: Zone[]; zoneName: (id: number | null) => string | null } {
  const { data } = useResource<{ items: Zone[] }>('/api/zones');
  const zones = data?.items ?? [];
  return {
    zones,
    zoneName: (id) =>
      id === null ? null : (zones.find((zone) => zone.id === id)?.name ?? `#${id}`),
  };
}

/**
 * How a form offers the zone of an account with `role`, given who is editing:
 * the superadmin role has none, zone-scoped editors can only use their own, others choose.
 */
export type ZoneControl =
  | { kind: 'none' }
  | { kind: 'fixed'; zone: ZoneRef | null }
  | { kind: 'choose'; required: boolean };

export function zoneControl(editor: User, role: StaffRole): ZoneControl {
  if (rolesWithoutZone.includes(role)) return { kind: 'none' };
  if (isZoneScoped(editor.role)) return { kind: 'fixed', zone: editor.zone };
  return { kind: 'choose', required: rolesRequiringZone.includes(role) };
}

/** The zone id a form sends for its current choice. */
export function zoneToSend(control: ZoneControl, chosen: string): number | null {
  if (control.kind === 'none') return null;
  if (control.kind === 'fixed') return control.zone?.id ?? null;
  return chosen ? Number(chosen) : null;
}
