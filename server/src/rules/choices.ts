import { QueryTypes, type Sequelize } from 'sequelize';
import type { Actor } from '../policies/actor';
import { zoneFilter } from '../policies/scope';

/** A value a rule may name: `value` is what the rule stores, `label` what a person reads. */
export interface Choice {
  value: string;
  label: string;
}

/** The values the rules studio offers in its dropdowns, read from the platform's data. */
export interface RuleChoices {
  zones: Choice[];
  customerTypes: Choice[];
  states: Choice[];
  /** Each city with its state, so that the studio can group them. */
  cities: (Choice & { state: string })[];
  categories: Choice[];
  stores: Choice[];
  tags: Choice[];
  rewards: Choice[];
}

// Purchases and tags run to millions of rows: their values come from a bounded read (the most
// recent purchases by id, a sample of tags), never from a scan of the whole table.
const RECENT_PURCHASES = 5000;
const TAG_ROWS = 5000;
// The bound only guards against odd data: a country has a few thousand places.
const PLACES = 5000;

/** The distinct places customers live in, read off the (state, city) index. */
export const PLACES_SQL = `SELECT state, city FROM customers WHERE state IS NOT NULL AND state <> ''
  GROUP BY state, city ORDER BY state, city LIMIT ?`;

const byLabel = (a: Choice, b: Choice) => a.label.localeCompare(b.label, 'es');

/** Distinct non-empty texts as choices whose label is the value itself. */
const distinct = (values: readonly (string | null)[]): Choice[] =>
  [...new Set(values.filter((value): value is string => Boolean(value?.trim())))]
    .map((value) => ({ value, label: value }))
    .sort(byLabel);

export async function ruleChoices(sequelize: Sequelize, actor: Actor): Promise<RuleChoices> {
  const select = <T extends object>(sql: string, replacements: unknown[] = []) =>
    sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT });
  // A zone admin writes rules for its own zone only, so it is offered only that zone.
  const { zoneId } = zoneFilter(actor);
  const [zones, customerTypes, places, purchases, tags, rewards] = await Promise.all([
    select<{ code: string; name: string }>(
      `SELECT code, name FROM zones ${zoneId === undefined ? '' : 'WHERE id = ?'}`,
      zoneId === undefined ? [] : [zoneId],
    ),
    select<{ code: string; name: string }>('SELECT code, name FROM customer_types'),
    select<{ state: string; city: string | null }>(PLACES_SQL, [PLACES]),
    select<{ category: string; store_id: string }>(
      'SELECT category, store_id FROM partner_transactions ORDER BY id DESC LIMIT ?',
      [RECENT_PURCHASES],
    ),
    select<{ tag: string }>('SELECT tag FROM customer_tags LIMIT ?', [TAG_ROWS]),
    select<{ code: string; name: string }>(
      "SELECT code, name FROM rewards WHERE status = 'active'",
    ),
  ]);
  const named = (rows: { code: string; name: string }[]) =>
    rows.map((row) => ({ value: row.code, label: row.name })).sort(byLabel);
  const cities = new Map<string, { value: string; label: string; state: string }>();
  for (const { state, city } of places) {
    // A city of the same name in two states is one value to a rule: the first state groups it.
    if (city?.trim() && !cities.has(city)) cities.set(city, { value: city, label: city, state });
  }
  return {
    zones: named(zones),
    customerTypes: named(customerTypes),
    states: distinct(places.map((place) => place.state)),
    cities: [...cities.values()].sort(byLabel),
    categories: distinct(purchases.map((purchase) => purchase.category)),
    stores: distinct(purchases.map((purchase) => purchase.store_id)),
    tags: distinct(tags.map((row) => row.tag)),
    rewards: named(rewards),
  };
}
