import type { ReactNode } from 'react';
import { can, isZoneScoped } from '@lealtad/server/permissions';
import type { Permission, Role } from '@lealtad/server/permissions';
import { useMe } from './shared/session';
import { useT } from './messages';
import type { StudioKey } from './messages';

/** Any one of the permissions is enough (a screen shared by two kinds of work). */
export type Access = Permission | readonly Permission[];

export const canAccess = (role: Role, access: Access): boolean =>
  typeof access === 'string' ? can(role, access) : access.some((one) => can(role, one));

/** What the signed-in staff member may do, straight from the server's role map. */
export function useAccess() {
  const { user } = useMe();
  return {
    user,
    can: (access: Access) => canAccess(user.role, access),
    zoneScoped: isZoneScoped(user.role),
  };
}

export const roleKey = (role: Role): StudioKey => `role.${role}`;

/** A section the role may not use: said plainly instead of an empty page or a redirect. */
export function RequirePermission({
  permission,
  children,
}: {
  permission: Access;
  children: ReactNode;
}) {
  const { can: allowed } = useAccess();
  const t = useT();
  if (allowed(permission)) return children;
  return (
    <div className="empty-state">
      <h1 className="empty-state__title">{t('noAccess.title')}</h1>
      <p>{t('noAccess.body')}</p>
    </div>
  );
}

/** Two letters for an avatar: initials of the first and last words. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}
