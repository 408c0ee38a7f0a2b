import { isValidLuhn, withCheckDigit } from './luhn';

/** Card numbers are 16 digits: 15 of payload (issuer prefix + serial) and a Luhn check digit. */
export const cardNumberLength = 16;

export type CardNumberProblem = 'card_format_invalid' | 'card_check_digit_invalid';

/**
 * A number as people type or print it ("4000 1234-5678 9010"): spaces and hyphens dropped,
 * so that grouping never makes a good number fail.
 */
export const normalizeCardNumber = (input: string): string => input.replace(/[\s-]/g, '');

/** What is wrong with a normalized number, or null when it is a well-formed card number. */
export function cardNumberProblem(number: string): CardNumberProblem | null {
  if (number.length !== cardNumberLength || !/^[0-9]+$/.test(number)) return 'card_format_invalid';
  return isValidLuhn(number) ? null : 'card_check_digit_invalid';
}

/**
 * The numbers of a range: prefix + serial zero-padded to 15 digits + check digit, serials
 * `from` … `from + count - 1`. The caller checks that the last serial fits (`rangeFits`).
 */
export function rangeNumbers(prefix: string, from: number, count: number): string[] {
  const width = cardNumberLength - 1 - prefix.length;
  return Array.from({ length: count }, (_, i) =>
    withCheckDigit(`${prefix}${String(from + i).padStart(width, '0')}`),
  );
}

/** Whether the range's last serial still fits in the digits left after the prefix. */
export const rangeFits = (prefix: string, from: number, count: number): boolean =>
  from + count - 1 < 10 ** (cardNumberLength - 1 - prefix.length);
