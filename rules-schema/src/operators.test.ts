import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPERATORS, type Operator } from './schema';
import { applyOperator } from './operators';
import { isoDateArbitrary } from './test-support/arbitraries';

const today = '2025-03-10';
const check = (operator: Operator, fact: unknown, expected: unknown, on = today) =>
  applyOperator(operator, fact, expected, { today: on });

describe('operators', () => {
  it('compare numbers and money', () => {
    expect(check('equal', 500, 500)).toBe(true);
    expect(check('notEqual', 500, 499)).toBe(true);
    expect(check('lessThan', 499, 500)).toBe(true);
    expect(check('lessThan', 500, 500)).toBe(false);
    expect(check('lessThanInclusive', 500, 500)).toBe(true);
    expect(check('greaterThan', 501, 500)).toBe(true);
    expect(check('greaterThanInclusive', 499, 500)).toBe(false);
    expect(check('between', 5, { min: 5, max: 7 })).toBe(true);
    expect(check('between', 8, { min: 5, max: 7 })).toBe(false);
    expect(check('greaterThan', '600', 500)).toBe(false);
  });

  it('compare texts', () => {
    expect(check('in', 'NORTE', ['NORTE', 'SUR'])).toBe(true);
    expect(check('notIn', 'NORTE', ['SUR'])).toBe(true);
    expect(check('notIn', 'SUR', ['SUR'])).toBe(false);
    expect(check('startsWith', 'MTY-001', 'MTY')).toBe(true);
    expect(check('startsWith', 'GDL-001', 'MTY')).toBe(false);
  });

  it('look into lists', () => {
    expect(check('contains', ['VIP', 'NUEVO'], 'VIP')).toBe(true);
    expect(check('doesNotContain', ['VIP'], 'NUEVO')).toBe(true);
    expect(check('containsAny', ['VIP'], ['NUEVO', 'VIP'])).toBe(true);
    expect(check('containsAny', [], ['VIP'])).toBe(false);
  });

  it('compare dates', () => {
    expect(check('before', '2025-01-01', '2025-01-02')).toBe(true);
    expect(check('after', '2025-01-01', '2025-01-01')).toBe(false);
    expect(check('between', '2024-12-31', { from: '2024-12-01', to: '2024-12-31' })).toBe(true);
    expect(check('between', '2025-01-01', { from: '2024-12-01', to: '2024-12-31' })).toBe(false);
    expect(check('dayOfWeekIn', '2025-03-10', ['mon'])).toBe(true);
    expect(check('dayOfWeekIn', '2025-03-10', ['sat', 'sun'])).toBe(false);
    expect(check('daysSinceGreaterThan', '2025-03-01', 8)).toBe(true);
    expect(check('daysSinceGreaterThan', '2025-03-01', 9)).toBe(false);
    expect(check('daysSinceLessThan', '2025-03-01', 10)).toBe(true);
  });

  it("take the birthday from today's date, February 29 falling on the 28th", () => {
    expect(check('isBirthday', '1990-03-10', true)).toBe(true);
    expect(check('isBirthday', '1990-03-11', true)).toBe(false);
    expect(check('isBirthday', '2000-02-29', true, '2025-02-28')).toBe(true);
    expect(check('isBirthday', '2000-02-29', true, '2024-02-28')).toBe(false);
    expect(applyOperator('isBirthday', '1990-03-10', true, { today: undefined })).toBe(false);
  });

  it('fail every comparison on a missing fact, the negative ones too', () => {
    for (const operator of OPERATORS) {
      for (const missing of [undefined, null]) {
        for (const expected of [1, 'SUR', ['SUR'], true, { min: 0, max: 9 }]) {
          expect(check(operator, missing, expected), `${operator} ${String(missing)}`).toBe(false);
        }
      }
    }
  });

  it('count days since a date as the calendar does', () => {
    fc.assert(
      fc.property(
        isoDateArbitrary,
        isoDateArbitrary,
        fc.integer({ min: -5, max: 400 }),
        (date, on, n) => {
          const elapsed = (Date.parse(on) - Date.parse(date)) / 86_400_000;
          expect(check('daysSinceGreaterThan', date, n, on)).toBe(elapsed > n);
          expect(check('daysSinceLessThan', date, n, on)).toBe(elapsed < n);
        },
      ),
    );
  });

  it('find the birthday the way a calendar rolls February 29 back to the 28th', () => {
    fc.assert(
      fc.property(isoDateArbitrary, isoDateArbitrary, (born, on) => {
        const [year] = on.split('-').map(Number);
        const [, month, day] = born.split('-').map(Number);
        const observed = new Date(Date.UTC(year, month - 1, day));
        // Date.UTC rolls Feb 29 of a common year over to Mar 1; step back to Feb 28.
        if (observed.getUTCMonth() !== month - 1) observed.setUTCDate(0);
        const expected = observed.toISOString().slice(0, 10) === on;
        expect(check('isBirthday', born, true, on)).toBe(expected);
      }),
    );
  });
});
