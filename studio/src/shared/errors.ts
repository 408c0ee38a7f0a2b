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
};

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
  return locale === 'en' ? (english[apiError.id] ?? apiError.message) : apiError.message;
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
