import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  isAnniversaryOn,
  isIsoDate,
  isTimeZone,
  localTime,
  periodKey,
  periodStart,
  weekdayOf,
  WEEKDAYS,
} from './dates';
import { isoDateArbitrary } from './test-support/arbitraries';

describe('ISO dates', () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-1-01')).toBe(false);
    expect(isIsoDate(20240101)).toBe(false);
  });

  it('counts days and weekdays as the UTC calendar does', () => {
    fc.assert(
      fc.property(isoDateArbitrary, isoDateArbitrary, (from, to) => {
        const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
        expect(daysBetween(from, to)).toBe(days);
        expect(addDays(from, days)).toBe(to);
        const sundayFirst = new Date(`${from}T00:00:00Z`).getUTCDay();
        expect(weekdayOf(from)).toBe(WEEKDAYS[(sundayFirst + 6) % 7]);
      }),
    );
  });
});

describe('isAnniversaryOn', () => {
  it('matches on the same day and month of any year', () => {
    expect(isAnniversaryOn('1990-05-17', '2025-05-17')).toBe(true);
    expect(isAnniversaryOn('1990-05-17', '2025-05-18')).toBe(false);
    expect(isAnniversaryOn('1990-05-17', '2025-06-17')).toBe(false);
  });

  it('puts a February 29 birthday on February 28 in years without one', () => {
    expect(isAnniversaryOn('2000-02-29', '2023-02-28')).toBe(true);
    expect(isAnniversaryOn('2000-02-29', '2023-03-01')).toBe(false);
    expect(isAnniversaryOn('2000-02-29', '2024-02-29')).toBe(true);
    expect(isAnniversaryOn('2000-02-29', '2024-02-28')).toBe(false);
    expect(isAnniversaryOn('2000-02-29', '2100-02-28')).toBe(true);
  });

  it('falls on exactly one day of every year', () => {
    fc.assert(
      fc.property(isoDateArbitrary, fc.integer({ min: 1901, max: 2099 }), (born, year) => {
        const days = Array.from({ length: 366 }, (_, i) => addDays(`${year}-01-01`, i)).filter(
          (day) => day.startsWith(String(year)),
        );
        expect(days.filter((day) => isAnniversaryOn(born, day))).toHaveLength(1);
      }),
      { numRuns: 30 },
    );
  });
});

describe('localTime', () => {
  it("reads the wall clock of the rule's time zone", () => {
    const instant = new Date('2024-12-01T05:30:00Z');
    expect(localTime(instant, 'America/Mexico_City')).toEqual({
      date: '2024-11-30',
      weekday: 'sat',
      hour: 23,
    });
    expect(localTime(instant, 'UTC')).toEqual({ date: '2024-12-01', weekday: 'sun', hour: 5 });
  });

  it('knows IANA time zones from made-up ones', () => {
    expect(isTimeZone('America/Tijuana')).toBe(true);
    expect(isTimeZone('America/Atlantis')).toBe(false);
  });
});

describe('periods', () => {
  it('names ISO weeks by the year of their Thursday', () => {
    expect(periodKey('week', '2021-01-03')).toBe('2020-W53');
    expect(periodKey('week', '2024-12-30')).toBe('2025-W01');
    expect(periodKey('week', '2024-12-25')).toBe('2024-W52');
  });

  it('names days, months, years and the lifetime', () => {
    expect(periodKey('day', '2024-12-25')).toBe('2024-12-25');
    expect(periodKey('month', '2024-12-25')).toBe('2024-12');
    expect(periodKey('year', '2024-12-25')).toBe('2024');
    expect(periodKey('lifetime', '2024-12-25')).toBe('lifetime');
  });

  it('starts weeks on Monday, months on the 1st and years on January 1st', () => {
    expect(periodStart('week', '2024-12-25')).toBe('2024-12-23');
    expect(periodStart('week', '2024-12-23')).toBe('2024-12-23');
    expect(periodStart('month', '2024-12-25')).toBe('2024-12-01');
    expect(periodStart('year', '2024-12-25')).toBe('2024-01-01');
    expect(periodStart('lifetime', '2024-12-25')).toBeNull();
  });

  it('gives every day of a week the same key as its Monday', () => {
    fc.assert(
      fc.property(isoDateArbitrary, (date) => {
        const monday = periodStart('week', date) ?? '';
        expect(weekdayOf(monday)).toBe('mon');
        expect(periodKey('week', date)).toBe(periodKey('week', monday));
      }),
    );
  });
});
