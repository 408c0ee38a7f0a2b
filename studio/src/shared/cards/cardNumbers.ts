/** Card numbers as people read them: 16 digits, the last one a Luhn check digit. */

export const cardNumberLength = 16;

/** Only the digits of what was typed or read ("4000 1234-5678 9010" → "4000123456789010"). */
export const cardDigits = (input: string): string => input.replace(/\D/g, '');

/** In groups of four, as printed on the card. */
export const groupCardNumber = (number: string): string =>
  cardDigits(number)
    .replace(/(\d{4})(?=\d)/g, '$1 ')
    .trim();

/** Only the last four digits shown: •••• 1234. */
export const maskCardNumber = (number: string): string => `•••• ${number.slice(-4)}`;

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** `payload` (15 digits) followed by its Luhn check digit. */
export function withCheckDigit(payload: string): string {
  for (let digit = 0; digit <= 9; digit += 1) {
    if (luhnValid(`${payload}${digit}`)) return `${payload}${digit}`;
  }
  return payload;
}

/** The largest count a range can have from `from` with this prefix (serials fill 15 digits). */
export const rangeCapacity = (prefix: string, from: number): number =>
  10 ** (cardNumberLength - 1 - prefix.length) - from;

/** The card number of one serial of a range, as the API generates it. */
export const rangeNumber = (prefix: string, serial: number): string =>
  withCheckDigit(`${prefix}${String(serial).padStart(cardNumberLength - 1 - prefix.length, '0')}`);

/**
 * The numbers in a CSV or TXT file: one a line, the first column of a CSV (comma, semicolon or
 * tab separated, quotes allowed). Lines without any digit (headers, blanks) are left out.
 */
export function numbersInFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => (line.split(/[,;\t]/)[0] ?? '').replace(/["']/g, '').trim())
    .filter((cell) => /\d/.test(cell));
}

/** The same checks the API makes, so mistakes are said before anything is sent. */
export function cardNumberProblem(
  input: string,
): 'card_format_invalid' | 'card_check_digit_invalid' | null {
  const number = input.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(number) || number.length !== cardNumberLength) return 'card_format_invalid';
  return luhnValid(number) ? null : 'card_check_digit_invalid';
}
