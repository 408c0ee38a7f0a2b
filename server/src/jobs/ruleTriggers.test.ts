import { describe, expect, it } from 'vitest';
import { birthdayPatterns, zonedMidnight } from './ruleTriggers';

describe('zonedMidnight', () => {
  it('finds local midnight in UTC, in and around daylight saving time', () => {
    expect(zonedMidnight('2026-12-05', 'America/Mexico_City').toISOString()).toBe(
      '2026-12-05T06:00:00.000Z',
    );
    expect(zonedMidnight('2026-07-01', 'America/New_York').toISOString()).toBe(
      '2026-07-01T04:00:00.000Z',
    );
    expect(zonedMidnight('2026-03-08', 'America/New_York').toISOString()).toBe(
      '2026-03-08T05:00:00.000Z',
    );
    expect(zonedMidnight('2026-01-01', 'Asia/Kolkata').toISOString()).toBe(
      '2025-12-31T18:30:00.000Z',
    );
  });
});

describe('birthdayPatterns', () => {
  it('celebrates Feb 29 birthdays on Feb 28 of common years only', () => {
    expect(birthdayPatterns('2027-02-28')).toEqual(['%-02-28', '%-02-29']);
    expect(birthdayPatterns('2028-02-28')).toEqual(['%-02-28']);
    expect(birthdayPatterns('2028-02-29')).toEqual(['%-02-29']);
    expect(birthdayPatterns('2026-12-05')).toEqual(['%-12-05']);
  });
});
