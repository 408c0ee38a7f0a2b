import { describe, expect, it } from 'vitest';
import { zonedInstant, zonedMidnight } from './time';

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

describe('zonedInstant', () => {
  it('finds a wall-clock time of the zone in UTC', () => {
    expect(zonedInstant('2025-12-10', '12:00', 'America/Mexico_City').toISOString()).toBe(
      '2025-12-10T18:00:00.000Z',
    );
    expect(zonedInstant('2026-07-01', '23:30', 'America/Tijuana').toISOString()).toBe(
      '2026-07-02T06:30:00.000Z',
    );
  });
});
