import fc from 'fast-check';
import { FACT_CATALOG, operatorsFor, valueKindOf, type FactDefinition } from '../facts';
import { WEEKDAYS } from '../dates';
import type {
  Condition,
  ConditionGroup,
  ConditionValue,
  FactValue,
  Facts,
  Operator,
} from '../schema';

// Random facts and random valid conditions for the property tests. Values are drawn from small
// pools so that conditions and facts often meet and both outcomes are exercised.

/** Any date from 1900 to 2100, as YYYY-MM-DD. */
export const isoDateArbitrary = fc
  .integer({ min: -25_567, max: 47_482 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));

const DATES = [
  '2000-02-29',
  '2023-02-28',
  '2023-03-01',
  '2024-02-28',
  '2024-02-29',
  '2024-12-23',
  '2024-12-25',
  '2025-01-01',
];
const WORDS = ['NORTE', 'SUR', 'NOR', 'VIP', 'A'];
const smallNumber = fc.integer({ min: 0, max: 8 });
const word = fc.constantFrom(...WORDS);
const date = fc.constantFrom(...DATES);
const words = fc.uniqueArray(word, { minLength: 1, maxLength: 3 });

/** The facts the property tests draw from: one or more of every type. */
export const PROPERTY_FACTS: readonly FactDefinition[] = FACT_CATALOG.filter((fact) =>
  [
    'purchase.amount',
    'purchase.itemsCount',
    'purchase.category',
    'customer.zone',
    'customer.consumptionLevel',
    'customer.tags',
    'customer.birthDate',
    'customer.enrolledOn',
    'customer.profileComplete',
    'today.date',
    'today.weekday',
    'today.hour',
  ].includes(fact.id),
);

function factValueArbitrary(fact: FactDefinition): fc.Arbitrary<FactValue> {
  switch (fact.type) {
    case 'number':
    case 'money':
      return smallNumber;
    case 'text':
      return word;
    case 'enum':
    case 'weekday':
      return fc.constantFrom(...(fact.options ?? []));
    case 'list':
      return fc.uniqueArray(word, { maxLength: 3 });
    case 'date':
      return date;
    case 'boolean':
      return fc.boolean();
  }
}

/** Facts with some left out, some null and a few of the wrong type. */
export const factsArbitrary: fc.Arbitrary<Facts> = fc.record(
  Object.fromEntries(
    PROPERTY_FACTS.map((fact) => [
      fact.id,
      fc.oneof(
        { weight: 8, arbitrary: factValueArbitrary(fact) },
        { weight: 1, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constantFrom<FactValue>('x', 3, ['x']) },
      ),
    ]),
  ),
  { requiredKeys: [] },
);

function valueArbitrary(fact: FactDefinition, operator: Operator): fc.Arbitrary<ConditionValue> {
  const options = fact.options ?? [];
  switch (valueKindOf(fact.type, operator)) {
    case 'number':
    case 'money':
      return smallNumber;
    case 'numberRange':
    case 'moneyRange':
      return fc.tuple(smallNumber, smallNumber).map(([min, max]) => ({ min, max }));
    case 'text':
      return word;
    case 'textList':
      return words;
    case 'option':
      return fc.constantFrom(...options);
    case 'optionList':
      return fc.uniqueArray(fc.constantFrom(...options), { minLength: 1, maxLength: 3 });
    case 'date':
      return date;
    case 'dateRange':
      return fc.tuple(date, date).map(([from, to]) => ({ from, to }));
    case 'weekdayList':
      return fc.uniqueArray(fc.constantFrom(...WEEKDAYS), { minLength: 1, maxLength: 3 });
    case 'true':
      return fc.constant(true);
    case 'days':
      return fc.integer({ min: 0, max: 400 });
    case 'boolean':
      return fc.boolean();
    case undefined:
      throw new Error(`${operator} does not apply to ${fact.id}`);
  }
}

const leafArbitrary = fc
  .constantFrom(...PROPERTY_FACTS)
  .chain((fact) =>
    fc
      .constantFrom(...operatorsFor(fact.type))
      .chain((operator) =>
        valueArbitrary(fact, operator).map((value) => ({ id: '', fact: fact.id, operator, value })),
      ),
  );

const { tree } = fc.letrec<{ tree: Condition; group: ConditionGroup }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leafArbitrary, tie('group')),
  group: fc.oneof(
    fc.array(tie('tree'), { maxLength: 4 }).map((all) => ({ all })),
    fc.array(tie('tree'), { maxLength: 4 }).map((any) => ({ any })),
    tie('tree').map((not) => ({ not })),
  ),
}));

/** Gives every node a unique id, as the studio does. */
function withIds(condition: Condition, counter: { next: number }): Condition {
  return 'fact' in condition
    ? { ...condition, id: `n${counter.next++}` }
    : withGroupIds(condition, counter);
}

function withGroupIds(group: ConditionGroup, counter: { next: number }): ConditionGroup {
  const id = `n${counter.next++}`;
  if ('all' in group) return { id, all: group.all.map((child) => withIds(child, counter)) };
  if ('any' in group) return { id, any: group.any.map((child) => withIds(child, counter)) };
  return { id, not: withIds(group.not, counter) };
}

/** A random valid condition tree, rooted in a group as rules are. */
export const conditionsArbitrary: fc.Arbitrary<ConditionGroup> = fc
  .oneof(
    fc.array(tree, { maxLength: 4 }).map((all): ConditionGroup => ({ all })),
    fc.array(tree, { maxLength: 4 }).map((any): ConditionGroup => ({ any })),
    tree.map((not): ConditionGroup => ({ not })),
  )
  .map((group) => withGroupIds(group, { next: 0 }));
