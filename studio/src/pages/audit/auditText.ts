import { roles } from '@lealtad/server/permissions';
import type { AuditEvent, AuditSnapshot } from '../../shared/api';
import type { Translate } from '../../shared/i18n';
import { studioMessages } from '../../messages';
import type { StudioKey } from '../../messages';

/** The actions the API records so far, in the order the filter offers them. */
export const knownActions = [
  'auth.login',
  'auth.password_changed',
  'auth.password_reset',
  'auth.password_set',
  'user.created',
  'user.updated',
  'user.disabled',
  'user.enabled',
  'zone.created',
  'zone.updated',
  'customer.updated',
  'ledger.adjusted',
  'card.activated',
  'card_report.created',
  'card_report.replacement_issued',
  'card_report.closed',
  'cards.imported',
  'api_key.created',
  'api_key.revoked',
] as const;

const isKey = (key: string): key is StudioKey => key in studioMessages.es;

/** An action in words; an action this UI does not know yet shows its code rather than nothing. */
export function actionText(action: string, t: Translate<StudioKey>): string {
  const key = `action.${action}`;
  return isKey(key) ? t(key) : action;
}

export function fieldText(field: string, t: Translate<StudioKey>): string {
  const key = `field.${field}`;
  return isKey(key) ? t(key) : field;
}

/** Fields in the order people read an account or a zone; unknown ones go last. */
const fieldOrder = [
  'name',
  'firstName',
  'lastName',
  'email',
  'role',
  'zoneId',
  'status',
  'locale',
  'code',
  'phone',
  'birthDate',
  'customerTypeId',
  'address',
  'city',
  'state',
  'postalCode',
  'points',
  'balance',
  'reason',
];

export interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * What changed between the snapshots: on a creation (no "before") every recorded field, on an
 * update only the fields whose value differs.
 */
export function diffSnapshots(
  before: AuditSnapshot | null,
  after: AuditSnapshot | null,
): DiffRow[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const rank = (field: string) => {
    const index = fieldOrder.indexOf(field);
    return index === -1 ? fieldOrder.length : index;
  };
  return fields
    .filter(
      (field) =>
        before === null ||
        after === null ||
        JSON.stringify(before[field]) !== JSON.stringify(after[field]),
    )
    .sort((a, b) => rank(a) - rank(b))
    .map((field) => ({ field, before: before?.[field], after: after?.[field] }));
}

const isRole = (value: unknown): value is (typeof roles)[number] =>
  typeof value === 'string' && (roles as readonly string[]).includes(value);

/** A snapshot value in words: roles, zones, statuses and languages by name. */
export function valueText(
  field: string,
  value: unknown,
  t: Translate<StudioKey>,
  zoneName: (id: number | null) => string | null,
): string {
  if (value === undefined) return '—';
  if (field === 'zoneId') {
    return typeof value === 'number' ? (zoneName(value) ?? String(value)) : t('zone.none');
  }
  if (value === null || value === '') return '—';
  if (field === 'role' && isRole(value)) return t(`role.${value}`);
  if (field === 'status' && (value === 'active' || value === 'disabled'))
    return t(`status.${value}`);
  if (field === 'locale' && (value === 'es' || value === 'en')) return t(`lang.${value}`);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const snapshotName = (event: AuditEvent): string | null => {
  const name = event.after?.name ?? event.before?.name;
  if (typeof name === 'string') return name;
  const first = event.after?.firstName ?? event.before?.firstName;
  const last = event.after?.lastName ?? event.before?.lastName;
  return typeof first === 'string' && typeof last === 'string' ? `${first} ${last}` : null;
};

/** The kinds of things the audit log records, by their `targetType`. */
const targetKeys: Readonly<Record<string, StudioKey>> = {
  user: 'audit.targetUser',
  zone: 'audit.targetZone',
  customer: 'audit.targetCustomer',
  card: 'audit.targetCard',
  card_report: 'audit.targetCardReport',
  card_batch: 'audit.targetCardBatch',
  api_key: 'audit.targetApiKey',
};

/** A target as "Cliente #12", or its kind and id when this UI does not know the kind. */
export function targetRef(type: string, id: string, t: Translate<StudioKey>): string {
  const key = targetKeys[type];
  return key ? t(key, { id }) : `${type} #${id}`;
}

/** What the event was about: a name when the event tells it, always the kind and number. */
export function targetText(
  event: AuditEvent,
  t: Translate<StudioKey>,
  zoneName: (id: number | null) => string | null,
): { label: string; sub: string | null } {
  const id = event.targetId ?? '';
  if (event.targetType === 'user') {
    const name =
      snapshotName(event) ??
      (event.actor && String(event.actor.id) === id ? event.actor.name : null);
    const ref = t('audit.targetUser', { id });
    return name ? { label: name, sub: ref } : { label: ref, sub: null };
  }
  if (event.targetType === 'zone') {
    const name = snapshotName(event) ?? zoneName(Number(id));
    const ref = t('audit.targetZone', { id });
    return name ? { label: name, sub: ref } : { label: ref, sub: null };
  }
  const ref = id ? targetRef(event.targetType, id, t) : event.targetType;
  const name = snapshotName(event);
  return name ? { label: name, sub: ref } : { label: ref, sub: null };
}

/** IPv4 clients reach a dual-stack server as ::ffff:a.b.c.d; people know them as a.b.c.d. */
export const ipText = (ip: string | null): string => (ip ? ip.replace(/^::ffff:/, '') : '—');
