import type { LocalTime } from './dates';
import type { Audience, Facts, Validity } from './schema';

// The cheap pre-filter the runtime applies before evaluating conditions: is the rule in force
// now, and is it for this customer?

/** Whether a local time (in the rule's time zone; see localTime) lies in the validity window. */
export function isWithinValidity(validity: Validity, local: LocalTime): boolean {
  if (validity.from !== undefined && local.date < validity.from) return false;
  if (validity.to !== undefined && local.date > validity.to) return false;
  const days = validity.daysOfWeek ?? [];
  if (days.length > 0 && !days.includes(local.weekday)) return false;
  if (validity.hours) {
    const { from, to } = validity.hours;
    const inHours =
      from < to ? from <= local.hour && local.hour < to : local.hour >= from || local.hour < to;
    if (!inHours) return false;
  }
  return true;
}

function listFact(facts: Facts, id: string): readonly string[] {
  const value = facts[id];
  return Array.isArray(value) ? value : [];
}

function oneOf(allowed: readonly string[], value: unknown): boolean {
  return allowed.length === 0 || (typeof value === 'string' && allowed.includes(value));
}

function overlaps(allowed: readonly string[], values: readonly string[]): boolean {
  return allowed.length === 0 || allowed.some((item) => values.includes(item));
}

/** Whether the customer described by the facts is in the rule's audience. */
/** The fact each field of an audience is about. */
export const AUDIENCE_FACTS = {
  zones: 'customer.zone',
  customerTypes: 'customer.type',
  segments: 'customer.segments',
  tags: 'customer.tags',
} as const satisfies Record<keyof Audience, string>;

/** The fields of an audience, in the order people read them. */
export const AUDIENCE_FIELDS = Object.keys(AUDIENCE_FACTS) as (keyof typeof AUDIENCE_FACTS)[];

export function matchesAudience(audience: Audience, facts: Facts): boolean {
  return (
    oneOf(audience.zones, facts[AUDIENCE_FACTS.zones]) &&
    oneOf(audience.customerTypes, facts[AUDIENCE_FACTS.customerTypes]) &&
    overlaps(audience.segments, listFact(facts, AUDIENCE_FACTS.segments)) &&
    overlaps(audience.tags, listFact(facts, AUDIENCE_FACTS.tags))
  );
}
