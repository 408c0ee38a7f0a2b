import type { Role } from '@lealtad/server/permissions';
import { canAccess } from './access';
import type { Access } from './access';
import type { IconName } from './shared/ui/Icon';
import type { StudioKey } from './messages';

export interface NavItem {
  to: string;
  label: StudioKey;
  icon: IconName;
  /** Shown only to roles with this permission (or one of these); none means every staff member. */
  permission?: Access;
}

export interface NavGroup {
  label?: StudioKey;
  items: NavItem[];
}

/** Only sections that exist; new ones are added here with the permission that opens them. */
const navigation: readonly NavGroup[] = [
  { items: [{ to: '/', label: 'nav.home', icon: 'home' }] },
  {
    label: 'nav.groupProgram',
    items: [
      { to: '/customers', label: 'nav.customers', icon: 'user', permission: 'customers.read' },
      { to: '/cards', label: 'nav.cards', icon: 'card', permission: 'cards.manage' },
      { to: '/rules', label: 'nav.rules', icon: 'star', permission: 'rules.manage' },
    ],
  },
  {
    label: 'nav.groupRewards',
    items: [
      {
        to: '/rewards',
        label: 'nav.rewards',
        icon: 'gift',
        permission: ['rewards.manage', 'redemptions.manage'],
      },
      {
        to: '/redemptions',
        label: 'nav.redemptions',
        icon: 'bag',
        permission: 'redemptions.manage',
      },
      {
        to: '/redemption-imports',
        label: 'nav.redemptionImports',
        icon: 'upload',
        permission: 'redemptions.manage',
      },
      {
        to: '/reports/redemptions',
        label: 'nav.redemptionReport',
        icon: 'file',
        permission: 'redemptions.manage',
      },
    ],
  },
  {
    label: 'nav.groupAdmin',
    items: [
      { to: '/accounts', label: 'nav.accounts', icon: 'users', permission: 'users.read' },
      // Every staff role reads zones (for filters and forms); the page is for those who manage them.
      { to: '/zones', label: 'nav.zones', icon: 'mapPin', permission: 'zones.manage' },
      { to: '/audit', label: 'nav.audit', icon: 'audit', permission: 'audit.read' },
    ],
  },
  { label: 'nav.groupAccount', items: [{ to: '/password', label: 'nav.password', icon: 'key' }] },
];

export function navigationFor(role: Role): NavGroup[] {
  return navigation
    .map((group) => ({
      ...group,
      items: group.items.filter((item) => !item.permission || canAccess(role, item.permission)),
    }))
    .filter((group) => group.items.length > 0);
}
