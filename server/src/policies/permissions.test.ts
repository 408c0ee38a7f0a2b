import { describe, expect, it } from 'vitest';
import {
  assignableRoles,
  can,
  permissions,
  rolePermissions,
  roleRank,
  roles,
  staffRoles,
} from './permissions';

describe('role → permission map', () => {
  it('names only known permissions', () => {
    for (const role of roles) {
      for (const permission of rolePermissions[role]) expect(permissions).toContain(permission);
    }
  });

  it('never lets a role assign a role above its own, or any role to a customer', () => {
    for (const role of roles) {
      for (const assignable of assignableRoles[role]) {
        expect(roleRank[assignable]).toBeLessThanOrEqual(roleRank[role]);
      }
    }
    expect(assignableRoles.customer).toEqual([]);
  });

  it('matches the mission: superadmin and admins manage accounts, only superadmins manage zones', () => {
    expect(staffRoles.filter((role) => can(role, 'users.write'))).toEqual(['superadmin', 'admin']);
    expect(roles.filter((role) => can(role, 'zones.manage'))).toEqual(['superadmin']);
    expect(roles.filter((role) => can(role, 'portal.self'))).toEqual(['customer']);
    expect(assignableRoles.admin).toEqual(['admin', 'callcenter', 'marketing']);
  });
});
