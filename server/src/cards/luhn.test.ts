import { describe, expect, it } from 'vitest';
import { isValidLuhn, luhnCheckDigit, withCheckDigit } from './luhn';

describe('Luhn check digit', () => {
  it('computes the digit of known numbers', () => {
    // Well-known test numbers of card networks, and the textbook example.
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(luhnCheckDigit('411111111111111')).toBe(1);
    expect(luhnCheckDigit('555555555555444')).toBe(4);
    expect(luhnCheckDigit('000000000000000')).toBe(0);
    expect(withCheckDigit('123456789012345')).toBe('1234567890123452');
  });

  it('validates numbers and refuses one wrong or swapped digit', () => {
    expect(isValidLuhn('79927398713')).toBe(true);
    expect(isValidLuhn('4111111111111111')).toBe(true);
    expect(isValidLuhn('4111111111111112')).toBe(false);
    expect(isValidLuhn('4111111111111121')).toBe(false);
    // Any single changed digit is caught.
    const good = '5555555555554444';
    for (let i = 0; i < good.length; i += 1) {
      const digit = Number(good[i]);
      const changed = `${good.slice(0, i)}${(digit + 1) % 10}${good.slice(i + 1)}`;
      expect(isValidLuhn(changed), changed).toBe(false);
    }
  });

  it('refuses anything that is not a string of digits', () => {
    expect(isValidLuhn('')).toBe(false);
    expect(isValidLuhn('0')).toBe(false);
    expect(isValidLuhn('4111 1111 1111 1111')).toBe(false);
    expect(isValidLuhn('41111111111111a1')).toBe(false);
    expect(() => luhnCheckDigit('12a')).toThrow();
  });
});
