import { ApiError } from './api';
import type { AppName, Locale } from './api';

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

const waitMessages: Readonly<Record<string, string>> = {
  account_locked: 'Too many failed attempts. Try again in {minutes}.',
  rate_limited: 'Too many requests. Try again in {minutes}.',
};

function englishMessage(error: ApiError): string {
  const wait = waitMessages[error.id];
  const minutes = /(\d+) minuto/.exec(error.message)?.[1];
  if (wait && minutes) {
    return wait.replace('{minutes}', `${minutes} minute${minutes === '1' ? '' : 's'}`);
  }
  return english[error.id] ?? error.message;
}

/** A success message of the server in Spanish, or our English words for it. */
export const serverText = (locale: Locale, spanish: string, english: string): string =>
  locale === 'en' ? english : spanish;

export function errorMessage(error: unknown, locale: Locale): string {
  const apiError =
    error instanceof ApiError
      ? error
      : new ApiError(0, 'internal_error', 'Ocurrió un error inesperado. Intenta de nuevo.');
  return locale === 'en' ? englishMessage(apiError) : apiError.message;
}

/** Validation details keyed by body field (`body.name` → `name`). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const fields: Record<string, string> = {};
  for (const detail of error.details) {
    const field = detail.path.replace(/^body\./, '');
    fields[field] ??= detail.message;
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
  for (const [field, message] of Object.entries(fieldErrors(error))) {
    if (formFields.includes(field)) fields[field] = message;
    else unplaced = true;
  }
  const placedAll = Object.keys(fields).length > 0 && !unplaced;
  return { fields, general: placedAll ? null : errorMessage(error, locale) };
}
