import { ApiError } from './api';
import type { AppName, ErrorDetail, Locale } from './api';

/**
 * The API speaks Spanish. For English, errors whose message is fixed get their English
 * wording by id; anything else keeps the server's text rather than a vaguer one.
 */
const english: Readonly<Record<string, string>> = {
  invalid_credentials: 'Incorrect email or password.',
  account_disabled: 'This account is disabled. Ask your administrator.',
  invalid_token: 'The link is not valid, was already used or has expired. Request a new one.',
  current_password_incorrect: 'The current password is not correct.',
  email_taken: 'An account with that email already exists.',
  role_not_assignable: 'You cannot assign that role.',
  zone_not_allowed: 'You can only manage accounts in your zone.',
  zone_required: 'That role needs a zone.',
  zone_not_found: 'The selected zone does not exist.',
  zone_code_taken: 'A zone with that code already exists.',
  own_role: 'You cannot change your own role.',
  own_account: 'You cannot disable your own account.',
  role_above_own: 'You cannot change an account whose role is above yours.',
  csrf_failed: 'The request is missing the session security token. Reload the page and try again.',
  validation_failed: 'Some of the data is not valid.',
  unauthenticated: 'Sign in to continue.',
  forbidden: 'You do not have permission for this action.',
  not_found: 'Not found.',
  network_error: 'We could not reach the server. Check your connection and try again.',
  internal_error: 'Something went wrong. Please try again.',
  birth_date_locked:
    'Your date of birth is already recorded; to correct it, call customer service.',
  customer_type_not_found: 'The selected customer type does not exist.',
  card_format_invalid: 'The card number must have 16 digits.',
  card_check_digit_invalid:
    'The card number is not valid (the check digit fails): check it is typed correctly.',
  card_not_found: 'That card number is not in the card stock.',
  card_already_assigned: 'That card is already assigned to a customer.',
  card_blocked: 'That card is blocked by a lost or stolen report.',
  card_inactive: 'That card was deactivated or replaced; it can no longer be used.',
  customer_has_active_card:
    'The customer already has an active card. To change it, report the current one lost or stolen.',
  card_already_reported: 'That card already has an open report.',
  card_not_active: 'Only an active card can be reported.',
  replacement_card_required: 'Enter the number of the replacement card.',
  invalid_transition: 'That status cannot be reached from the current one.',
  no_new_cards: 'No card was imported: every number has a problem.',
  reward_code_taken: 'A reward with that code already exists.',
  reward_has_redemptions: 'This reward was already redeemed, so it cannot be deleted: retire it.',
  reward_not_found: 'That reward does not exist.',
  reward_not_available: 'That reward is not available for this customer right now.',
  out_of_stock: 'That reward is out of stock.',
  image_type_not_supported: 'The image must be JPEG, PNG or WebP (the file’s content is checked).',
  image_unreadable: 'The image could not be read: the file is damaged or too large in pixels.',
  payload_too_large: 'The file is too large.',
  not_a_spreadsheet: 'The file is not a spreadsheet (.xlsx, .xls or .csv).',
  empty_file: 'The file has no rows.',
  import_already_applied: 'This file was already applied.',
  redemption_not_found: 'That redemption does not exist.',
  idempotency_key_reused: 'That request was already sent for another reward or quantity.',
  customer_not_active: 'The customer’s account is not active, so it cannot redeem.',
  invalid_window: 'The end date must be after the start date.',
};

/**
 * Errors whose Spanish message carries a number (a limit, a balance): the English wording
 * takes the same number, as the server formatted it.
 */
const englishWithNumber: Readonly<Record<string, string>> = {
  adjustment_over_limit: 'Your role can adjust up to {n} points per movement.',
  insufficient_points: 'The balance is only {n} points.',
};

function numberedMessage(error: ApiError): string | undefined {
  const template = englishWithNumber[error.id];
  const number = /\d[\d,.]*/.exec(error.message)?.[0];
  return template && number ? template.replace('{n}', number) : undefined;
}

/** `wrong_app` names the other app; which one depends on where the person tried to sign in. */
const wrongApp: Readonly<Record<AppName, string>> = {
  studio: 'This is a customer account: sign in from the customer portal.',
  portal: 'This is a staff account: sign in from the studio.',
};

export function signInErrorMessage(error: unknown, locale: Locale, app: AppName): string {
  if (locale === 'en' && error instanceof ApiError && error.id === 'wrong_app')
    return wrongApp[app];
  return errorMessage(error, locale);
}

/** 429s: how long to wait comes as `retryAfter` (seconds); people read it in whole minutes. */
const waitMessages: Readonly<Record<string, Readonly<Record<Locale, string>>>> = {
  account_locked: {
    es: 'Demasiados intentos fallidos. Intenta de nuevo en {wait}.',
    en: 'Too many failed attempts. Try again in {wait}.',
  },
  rate_limited: {
    es: 'Demasiadas solicitudes. Intenta de nuevo en {wait}.',
    en: 'Too many requests. Try again in {wait}.',
  },
};

function minutesText(seconds: number, locale: Locale): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  const unit = locale === 'en' ? 'minute' : 'minuto';
  return `${minutes} ${unit}${minutes === 1 ? '' : 's'}`;
}

function waitMessage(error: ApiError, locale: Locale): string | undefined {
  const wait = waitMessages[error.id];
  if (!wait || error.retryAfter === undefined) return undefined;
  return wait[locale].replace('{wait}', minutesText(error.retryAfter, locale));
}

/**
 * English for validation details, by their code (zod's issue codes) since the server words them
 * in Spanish. `field:code` wins over `code`; codes not listed keep the server's text.
 */
const englishDetails: Readonly<Record<string, string>> = {
  'email:invalid_format': 'Enter a valid email address.',
  'phone:invalid_format': 'Enter a phone number of 7 to 20 digits.',
  'phone:custom': 'Enter a phone number of 7 to 20 digits.',
  'postalCode:invalid_format': 'The postal code has 5 digits.',
  'birthDate:invalid_format': 'Use the format YYYY-MM-DD.',
  'birthDate:custom': 'Invalid date of birth.',
  'firstName:invalid_format': 'Only letters, spaces, apostrophes, periods and hyphens.',
  'lastName:invalid_format': 'Only letters, spaces, apostrophes, periods and hyphens.',
  'reason:too_small': 'Explain the reason for the adjustment (at least 5 characters).',
  'points:custom': 'Enter a whole number of points other than 0.',
  'code:invalid_format':
    'The code has 2 to 32 unaccented letters, digits or underscores (no spaces or hyphens).',
  invalid_type: 'This field is missing or has the wrong kind of value.',
  too_small: 'This value is too short.',
  too_big: 'This value is too long.',
  invalid_format: 'This value does not have a valid format.',
  invalid_value: 'Choose one of the allowed values.',
  unrecognized_keys: 'The request has fields that are not accepted.',
  custom: 'This value is not valid.',
};

/** Field name of a detail: `body.name` → `name` (other places keep their prefix). */
const fieldOfPath = (path: string) => path.replace(/^body\./, '');

export function detailMessage(detail: ErrorDetail, locale: Locale): string {
  if (locale !== 'en') return detail.message;
  const field = fieldOfPath(detail.path);
  return englishDetails[`${field}:${detail.code}`] ?? englishDetails[detail.code] ?? detail.message;
}

/** A success message of the server in Spanish, or our English words for it. */
export const serverText = (locale: Locale, spanish: string, english: string): string =>
  locale === 'en' ? english : spanish;

export function errorMessage(error: unknown, locale: Locale): string {
  const apiError =
    error instanceof ApiError
      ? error
      : new ApiError(0, 'internal_error', 'Ocurrió un error inesperado. Intenta de nuevo.');
  const wait = waitMessage(apiError, locale);
  if (wait) return wait;
  if (locale !== 'en') return apiError.message;
  return numberedMessage(apiError) ?? english[apiError.id] ?? apiError.message;
}

/** Validation details keyed by body field (`body.name` → `name`), in the UI's language. */
export function fieldErrors(error: unknown, locale: Locale): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const fields: Record<string, string> = {};
  for (const detail of error.details) {
    fields[fieldOfPath(detail.path)] ??= detailMessage(detail, locale);
  }
  return fields;
}

export interface FormErrors {
  fields: Record<string, string>;
  general: string | null;
}

export const noErrors: FormErrors = { fields: {}, general: null };

/**
 * Splits a failed submit into messages next to the form's fields and one general message
 * (for errors without details, or details about fields the form does not show). `fieldOf`
 * places errors that concern one field but carry no details (`email_taken` → `email`).
 */
export function formErrors(
  error: unknown,
  locale: Locale,
  formFields: readonly string[],
  fieldOf: Readonly<Record<string, string>> = {},
): FormErrors {
  const field = error instanceof ApiError ? fieldOf[error.id] : undefined;
  if (field && formFields.includes(field)) {
    return { fields: { [field]: errorMessage(error, locale) }, general: null };
  }
  const fields: Record<string, string> = {};
  let unplaced = false;
  for (const [field, message] of Object.entries(fieldErrors(error, locale))) {
    if (formFields.includes(field)) fields[field] = message;
    else unplaced = true;
  }
  const placedAll = Object.keys(fields).length > 0 && !unplaced;
  return { fields, general: placedAll ? null : errorMessage(error, locale) };
}
