/**
 * The Luhn (mod 10) check digit of card numbers. Pure: strings of ASCII digits in, no I/O.
 */

/** The check digit that makes `payload` followed by it pass the Luhn test. */
export function luhnCheckDigit(payload: string): number {
  if (!/^[0-9]+$/.test(payload)) throw new Error('Luhn payload must be digits only.');
  let sum = 0;
  // Walking from the right, the digit next to the (future) check digit is doubled first.
  for (let i = payload.length - 1, double = true; i >= 0; i -= 1, double = !double) {
    let digit = payload.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether a string of digits (check digit last) passes the Luhn test. */
export function isValidLuhn(digits: string): boolean {
  if (!/^[0-9]{2,}$/.test(digits)) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

/** `payload` with its check digit appended. */
export const withCheckDigit = (payload: string): string => `${payload}${luhnCheckDigit(payload)}`;
