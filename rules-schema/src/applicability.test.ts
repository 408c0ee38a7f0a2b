import { describe, expect, it } from 'vitest';
import { isWithinValidity, matchesAudience } from './applicability';
import { audienceSchema, validitySchema } from './schema';

describe('isWithinValidity', () => {
  const december = validitySchema.parse({
    from: '2024-12-01',
    to: '2024-12-31',
    daysOfWeek: ['fri', 'sat'],
    hours: { from: 10, to: 14 },
  });

  it('holds inside every bound, the last day included', () => {
    expect(isWithinValidity(december, { date: '2024-12-27', weekday: 'fri', hour: 10 })).toBe(true);
    expect(isWithinValidity(december, { date: '2024-12-28', weekday: 'sat', hour: 13 })).toBe(true);
  });

  it('fails outside the dates, the days or the hours', () => {
    expect(isWithinValidity(december, { date: '2025-01-03', weekday: 'fri', hour: 11 })).toBe(
      false,
    );
    expect(isWithinValidity(december, { date: '2024-12-26', weekday: 'thu', hour: 11 })).toBe(
      false,
    );
    expect(isWithinValidity(december, { date: '2024-12-27', weekday: 'fri', hour: 14 })).toBe(
      false,
    );
  });

  it('spans midnight when the hours end before they start', () => {
    const night = validitySchema.parse({ hours: { from: 22, to: 2 } });
    const at = (hour: number) =>
      isWithinValidity(night, { date: '2024-12-27', weekday: 'fri', hour });
    expect([at(21), at(22), at(23), at(0), at(1), at(2)]).toEqual([
      false,
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it('always holds with no bounds, in Mexico City time by default', () => {
    const always = validitySchema.parse({});
    expect(always.timeZone).toBe('America/Mexico_City');
    expect(isWithinValidity(always, { date: '1999-01-01', weekday: 'fri', hour: 3 })).toBe(true);
  });
});

describe('matchesAudience', () => {
  const audience = audienceSchema.parse({ zones: ['NORTE'], tags: ['VIP', 'ORO'] });

  it('needs every list that is set to match', () => {
    expect(matchesAudience(audience, { 'customer.zone': 'NORTE', 'customer.tags': ['ORO'] })).toBe(
      true,
    );
    expect(matchesAudience(audience, { 'customer.zone': 'SUR', 'customer.tags': ['ORO'] })).toBe(
      false,
    );
    expect(matchesAudience(audience, { 'customer.zone': 'NORTE', 'customer.tags': [] })).toBe(
      false,
    );
    expect(matchesAudience(audience, { 'customer.zone': 'NORTE' })).toBe(false);
  });

  it('lets everyone in when no list is set', () => {
    expect(matchesAudience(audienceSchema.parse({}), {})).toBe(true);
  });

  it('matches customer types and segments', () => {
    const typed = audienceSchema.parse({ customerTypes: ['GENERAL'], segments: ['frecuentes'] });
    expect(
      matchesAudience(typed, { 'customer.type': 'GENERAL', 'customer.segments': ['frecuentes'] }),
    ).toBe(true);
    expect(
      matchesAudience(typed, { 'customer.type': 'MAYOREO', 'customer.segments': ['frecuentes'] }),
    ).toBe(false);
  });
});
