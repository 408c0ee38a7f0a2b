import type { User } from '../db/models';
import { rolePermissions } from '../policies/permissions';
import { presentZoneRef } from './zone';

/** A user as the API shows it; expects `zone` to be loaded. */
export const presentUser = (user: User) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  zoneId: user.zoneId,
  zone: presentZoneRef(user.zone),
  locale: user.locale,
  status: user.status,
  lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  createdAt: user.createdAt.toISOString(),
  updatedAt: user.updatedAt.toISOString(),
});

/** The signed-in account, what it may do, and the CSRF token its writes must echo. */
export const presentMe = (user: User, csrfToken: string) => ({
  user: presentUser(user),
  permissions: rolePermissions[user.role],
  csrfToken,
});
