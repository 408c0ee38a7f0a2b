/**
 * The one role → permission map. The server's policies and the studio's navigation both import
 * this file, so the UI offers exactly what the API allows. Pure: no imports, no I/O.
 */
export const roles = ['superadmin', 'admin', 'callcenter', 'marketing', 'customer'] as const;
export type Role = (typeof roles)[number];

export const staffRoles = ['superadmin', 'admin', 'callcenter', 'marketing'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const permissions = [
  /** See staff accounts (admins: their zone's). */
  'users.read',
  /** Create and edit staff accounts, within `assignableRoles` and the zone scope. */
  'users.write',
  /** See the list of zones (every staff member needs it for filters and forms). */
  'zones.read',
  /** Create and rename zones. */
  'zones.manage',
  /** Read the audit log (admins: their zone's). */
  'audit.read',
  /** Use the customer portal as oneself. */
  'portal.self',
  /** Create, list and revoke the partner platform's API keys. */
  'apiKeys.manage',
  /** Search and read customers, their cards and statements (admins: their zone's). */
  'customers.read',
  /** Edit customer profiles. */
  'customers.write',
  /** Adjust a customer's points by hand, within the role's limit in settings. */
  'ledger.adjust',
  /** Import card stock and see it. */
  'cards.manage',
  /** Activate cards for customers and take lost or stolen card reports. */
  'cards.service',
  /** Write, test, simulate and publish benefit rules (admins: rules for their zone only). */
  'rules.manage',
  /** Run a scheduled job now (birthday awards, expiry, …). */
  'jobs.run',
  /** Create, edit, retire and delete catalog rewards and upload their images. */
  'rewards.manage',
  /**
   * Follow redemptions (queue, statuses, spreadsheet updates, report) and redeem on a customer's
   * behalf (admins: their zone's customers).
   */
  'redemptions.manage',
] as const;
export type Permission = (typeof permissions)[number];

export const rolePermissions: Readonly<Record<Role, readonly Permission[]>> = {
  superadmin: [
    'users.read',
    'users.write',
    'zones.read',
    'zones.manage',
    'audit.read',
    'apiKeys.manage',
    'customers.read',
    'customers.write',
    'ledger.adjust',
    'cards.manage',
    'cards.service',
    'rules.manage',
    'jobs.run',
    'rewards.manage',
    'redemptions.manage',
  ],
  admin: [
    'users.read',
    'users.write',
    'zones.read',
    'audit.read',
    'customers.read',
    'customers.write',
    'ledger.adjust',
    'cards.service',
    'rules.manage',
    'redemptions.manage',
  ],
  callcenter: [
    'zones.read',
    'customers.read',
    'customers.write',
    'ledger.adjust',
    'cards.service',
    'redemptions.manage',
  ],
  marketing: ['zones.read', 'rules.manage', 'rewards.manage'],
  customer: ['portal.self'],
};

/** What a partner API key may be allowed to do on `/api/v1`. */
export const apiScopes = ['customers.read', 'customers.write', 'transactions.write'] as const;
export type ApiScope = (typeof apiScopes)[number];

/** Higher rank outranks lower; equal ranks are peers. Nobody acts on a rank above their own. */
export const roleRank: Readonly<Record<Role, number>> = {
  superadmin: 4,
  admin: 3,
  callcenter: 2,
  marketing: 2,
  customer: 1,
};

/** Staff roles a role may give to an account it creates or edits. */
export const assignableRoles: Readonly<Record<Role, readonly StaffRole[]>> = {
  superadmin: ['superadmin', 'admin', 'callcenter', 'marketing'],
  admin: ['admin', 'callcenter', 'marketing'],
  callcenter: [],
  marketing: [],
  customer: [],
};

/** Roles whose reads and writes are limited to their own zone. */
export const zoneScopedRoles: readonly Role[] = ['admin'];

/** Roles that must belong to a zone, and the one that never does. */
export const rolesRequiringZone: readonly Role[] = ['admin', 'customer'];
export const rolesWithoutZone: readonly Role[] = ['superadmin'];

export function can(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

export function isStaffRole(role: string): role is StaffRole {
  return (staffRoles as readonly string[]).includes(role);
}

export function isZoneScoped(role: Role): boolean {
  return zoneScopedRoles.includes(role);
}

/** The two web apps: staff sign in to the studio, customers to the portal. */
export const apps = ['studio', 'portal'] as const;
export type App = (typeof apps)[number];

export const appOfRole = (role: Role): App => (role === 'customer' ? 'portal' : 'studio');
