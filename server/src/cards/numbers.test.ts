import { describe, expect, it } from 'vitest';
import { withCheckDigit } from './luhn';
import { cardNumberProblem, normalizeCardNumber, rangeFits, rangeNumbers } from './numbers';

describe('card numbers', () => {
  it('tells a bad format from a bad check digit', () => {
    expect(cardNumberProblem('4111111111111111')).toBeNull();
    expect(cardNumberProblem('4111111111111112')).toBe('card_check_digit_invalid');
    expect(cardNumberProblem('411111111111111')).toBe('card_format_invalid');
    expect(cardNumberProblem('41111111111111111')).toBe('card_format_invalid');
    expect(cardNumberProblem('411111111111111x')).toBe('card_format_invalid');
    expect(cardNumberProblem('４１１１１１１１１１１１１１１１')).toBe('card_format_invalid');
  });

  it('drops the spaces and hyphens people group numbers with', () => {
    expect(normalizeCardNumber(' 4111 1111-1111 1111\t')).toBe('4111111111111111');
  });

  it('builds ranges: prefix, zero-padded serial to 15 digits, check digit', () => {
    const numbers = rangeNumbers('5076', 98, 3);
    expect(numbers).toEqual([
      withCheckDigit('507600000000098'),
      withCheckDigit('507600000000099'),
      withCheckDigit('507600000000100'),
    ]);
    for (const number of numbers) expect(cardNumberProblem(number)).toBeNull();
    expect(rangeNumbers('12345678', 0, 1)[0]).toMatch(/^123456780000000\d$/);
  });

  it('knows when a range runs out of serial digits', () => {
    expect(rangeFits('12345678', 9_999_999, 1)).toBe(true);
    expect(rangeFits('12345678', 9_999_999, 2)).toBe(false);
    expect(rangeFits('1234', 0, 100_000)).toBe(true);
  });
});
