import { describe, expect, it } from 'vitest';
import { birthdayPatterns } from './ruleTriggers';

describe('birthdayPatterns', () => {
  it('celebrates Feb 29 birthdays on Feb 28 of common years only', () => {
    expect(birthdayPatterns('2027-02-28')).toEqual(['%-02-28', '%-02-29']);
    expect(birthdayPatterns('2028-02-28')).toEqual(['%-02-28']);
    expect(birthdayPatterns('2028-02-29')).toEqual(['%-02-29']);
    expect(birthdayPatterns('2026-12-05')).toEqual(['%-12-05']);
  });
});
