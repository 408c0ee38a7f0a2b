import type { User } from '../db/models';
import { AppError, forbidden, notFound } from '../errors';
import type { Actor } from './actor';
import {
  assignableRoles,
  isStaffRole,
  roleRank,
  rolesRequiringZone,
  rolesWithoutZone,
  type StaffRole,
} from './permissions';
import { canSeeZone, zoneFilter } from './scope';

/** A staff account the actor may see; customers and other zones' accounts are "not found". */
export function assertCanView(actor: Actor, target: User | null): asserts target is User {
  if (!target || !isStaffRole(target.role) || !canSeeZone(actor, target.zoneId)) {
    throw notFound('La cuenta no existe o no está en tu zona.');
  }
}

function assertRoleAssignable(actor: Actor, role: StaffRole): void {
  if (!assignableRoles[actor.role].includes(role)) {
    throw forbidden('role_not_assignable', 'No puedes asignar ese rol.');
  }
}

/** Decides the zone an account ends up in, or refuses it. */
function resolveZone(
  actor: Actor,
  role: StaffRole,
  requested: number | null | undefined,
): number | null {
  const own = zoneFilter(actor).zoneId;
  const zoneId = requested === undefined ? (own ?? null) : requested;
  if (own !== undefined && zoneId !== own) {
    throw forbidden('zone_not_allowed', 'Solo puedes administrar cuentas de tu zona.');
  }
  if (rolesWithoutZone.includes(role)) return null;
  if (rolesRequiringZone.includes(role) && zoneId === null) {
    throw new AppError(400, 'zone_required', 'Ese rol necesita una zona.');
  }
  return zoneId;
}

export function authorizeCreate(
  actor: Actor,
  input: { role: StaffRole; zoneId?: number | null },
): { zoneId: number | null } {
  assertRoleAssignable(actor, input.role);
  return { zoneId: resolveZone(actor, input.role, input.zoneId) };
}

export interface UserChanges {
  role?: StaffRole;
  zoneId?: number | null;
  status?: 'active' | 'disabled';
}

/** Edits stay within the actor's rank and zone; nobody changes their own role or disables themselves. */
export function authorizeUpdate(
  actor: Actor,
  target: User,
  changes: UserChanges,
): { zoneId: number | null } {
  assertCanView(actor, target);
  if (roleRank[target.role] > roleRank[actor.role]) {
    throw forbidden('role_above_own', 'No puedes modificar una cuenta de un rol superior al tuyo.');
  }
  const isSelf = target.id === actor.userId;
  if (isSelf && changes.role !== undefined && changes.role !== target.role) {
    throw forbidden('own_role', 'No puedes cambiar tu propio rol.');
  }
  if (isSelf && changes.status === 'disabled') {
    throw forbidden('own_account', 'No puedes deshabilitar tu propia cuenta.');
  }
  const role = (changes.role ?? target.role) as StaffRole;
  if (changes.role !== undefined) assertRoleAssignable(actor, role);
  const zoneChanged = changes.zoneId !== undefined || changes.role !== undefined;
  return {
    zoneId: zoneChanged
      ? resolveZone(actor, role, changes.zoneId !== undefined ? changes.zoneId : target.zoneId)
      : target.zoneId,
  };
}
