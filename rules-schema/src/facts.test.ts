import { describe, expect, it } from 'vitest';
import {
  AGGREGATE_WINDOWS_DAYS,
  FACT_CATALOG,
  FACT_TYPES,
  findFact,
  operatorsFor,
  valueKindOf,
} from './facts';

describe('fact catalog', () => {
  it('has unique ids and both labels for every fact', () => {
    const ids = FACT_CATALOG.map((fact) => fact.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const fact of FACT_CATALOG) {
      expect(fact.label.es, fact.id).not.toBe('');
      expect(fact.label.en, fact.id).not.toBe('');
      if (fact.type === 'enum' || fact.type === 'weekday')
        expect(fact.options?.length).toBeGreaterThan(0);
    }
  });

  it('offers aggregates over every window', () => {
    for (const days of AGGREGATE_WINDOWS_DAYS) {
      expect(findFact(`aggregate.pointsEarned${days}d`)?.unit).toBe('points');
      expect(findFact(`aggregate.purchases${days}d`)?.type).toBe('number');
      expect(findFact(`aggregate.spend${days}d`)?.type).toBe('money');
    }
    expect(findFact('aggregate.daysSinceLastPurchase')?.unit).toBe('days');
  });

  it('gives every type some operators, and the date operators to dates only', () => {
    for (const type of FACT_TYPES) expect(operatorsFor(type).length, type).toBeGreaterThan(0);
    expect(operatorsFor('date')).toEqual(
      expect.arrayContaining(['between', 'before', 'after', 'isBirthday', 'dayOfWeekIn']),
    );
    expect(valueKindOf('money', 'between')).toBe('moneyRange');
    expect(valueKindOf('text', 'isBirthday')).toBeUndefined();
    expect(valueKindOf('list', 'containsAny')).toBe('textList');
  });
});
