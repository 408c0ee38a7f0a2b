import type { Permission, Role, StaffRole } from '@lealtad/server/permissions';

/** The API's shapes as the front-ends read them (dates are ISO strings). */
export type Locale = 'es' | 'en';
export type AppName = 'studio' | 'portal';
export type UserStatus = 'active' | 'disabled';

export interface ZoneRef {
  id: number;
  code: string;
  name: string;
}

export interface Zone extends ZoneRef {
  createdAt: string;
  updatedAt: string;
}

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  zoneId: number | null;
  zone: ZoneRef | null;
  locale: Locale;
  status: UserStatus;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Me {
  user: User;
  permissions: Permission[];
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type AuditSnapshot = Record<string, unknown>;

export interface AuditEvent {
  id: number;
  action: string;
  actor: { id: number; name: string; email: string } | null;
  actorRole: Role | null;
  targetType: string;
  targetId: string | null;
  zoneId: number | null;
  before: AuditSnapshot | null;
  after: AuditSnapshot | null;
  ip: string | null;
  createdAt: string;
}

export interface NewUser {
  email: string;
  name: string;
  role: StaffRole;
  zoneId?: number | null;
  locale?: Locale;
}

export type UserChanges = Partial<{
  name: string;
  role: StaffRole;
  zoneId: number | null;
  status: UserStatus;
  locale: Locale;
}>;

/** What a password link is for, and whose it is (`POST /api/auth/password/check`). */
export interface PasswordLink {
  purpose: 'reset' | 'invite';
  email: string;
  app: AppName;
}

/** A page of a list that does not count its matches: whether another page follows instead. */
export interface OpenPage<T> {
  items: T[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export const customerStatuses = ['active', 'inactive', 'blocked'] as const;
export type CustomerStatus = (typeof customerStatuses)[number];

export interface CustomerType {
  id: number;
  code: string;
  name: string;
}

/** A program customer, as staff and the customer itself read it. `balance` is in points. */
export interface Customer {
  id: number;
  externalId: string | null;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  /** yyyy-mm-dd */
  birthDate: string | null;
  customerType: CustomerType | null;
  zone: ZoneRef;
  state: string | null;
  city: string | null;
  postalCode: string | null;
  address: string | null;
  consumptionLevel: string | null;
  status: CustomerStatus;
  signupChannel: 'portal' | 'studio' | 'partner' | 'import';
  hasPortalAccount: boolean;
  balance: number;
  createdAt: string;
  updatedAt: string;
}

/** What a customer may change of its own profile (`PATCH /api/me/profile`). */
export type OwnProfileChanges = Partial<
  Pick<Customer, 'phone' | 'birthDate' | 'state' | 'city' | 'postalCode' | 'address'>
>;

/** What staff may change of a customer (`PATCH /api/customers/:id`). */
export type CustomerChanges = OwnProfileChanges &
  Partial<
    Pick<Customer, 'firstName' | 'lastName' | 'email' | 'status'> & {
      customerTypeId: number;
      zoneId: number;
    }
  >;

export const ledgerKinds = [
  'earn',
  'redeem',
  'refund',
  'adjust',
  'expire',
  'reverse',
  'transfer',
] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

/** One line of a statement: signed points, the balance after it, and why (in Spanish words). */
export interface StatementLine {
  id: number;
  kind: LedgerKind;
  points: number;
  balance: number;
  description: string;
  transaction: {
    id: string;
    storeId: string | null;
    amountCents: number;
    occurredAt: string | null;
  } | null;
  rule: { key: string; version: number } | null;
  note: string | null;
  actorName: string | null;
  createdAt: string;
}

export const cardStatuses = ['available', 'active', 'blocked', 'replaced', 'inactive'] as const;
export type CardStatus = (typeof cardStatuses)[number];
export type CardReportKind = 'lost' | 'stolen';

/** A loyalty card (16 digits, Luhn). `customer` comes with the stock listing only. */
export interface Card {
  id: number;
  number: string;
  status: CardStatus;
  customerId: number | null;
  customer?: { id: number; firstName: string; lastName: string } | null;
  batchId: number | null;
  assignedAt: string | null;
  activatedAt: string | null;
  blockedAt: string | null;
  blockReason: CardReportKind | null;
  replacedByCardId: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface CardRef {
  id: number;
  number: string;
  status: CardStatus;
}

export const cardReportStatuses = [
  'reported',
  'replacement_issued',
  'replacement_activated',
  'closed',
] as const;
export type CardReportStatus = (typeof cardReportStatuses)[number];

/** One step of a report's follow-up; `actor` only in staff views. */
export interface CardReportEvent {
  id: number;
  status: CardReportStatus;
  note: string | null;
  actor?: { id: number; name: string } | null;
  createdAt: string;
}

/** A lost or stolen card report with its history, newest event first. */
export interface CardReport {
  id: number;
  customerId: number;
  kind: CardReportKind;
  status: CardReportStatus;
  card: CardRef | null;
  replacementCard: CardRef | null;
  channel: 'studio' | 'portal';
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  events: CardReportEvent[];
}

export interface CardBatch {
  id: number;
  name: string;
  source: 'range' | 'file';
  cardCount: number;
  createdBy: number | null;
  createdAt: string;
}

export type StockSkipReason =
  'card_format_invalid' | 'card_check_digit_invalid' | 'duplicate_in_file' | 'already_in_stock';

/** The answer to a stock import: what went in and what was left out, and why. */
export interface StockImport {
  batch: CardBatch;
  imported: number;
  skipped: { number: string; reason: StockSkipReason }[];
}

/** The stock listing: a page, plus the whole stock counted by status. */
export interface CardStockPage extends Page<Card> {
  counts: Record<CardStatus, number>;
}

/** A customer's points changed (socket.io `points:changed`), with the new statement line. */
export interface PointsChanged {
  customerId: number;
  balance: number;
  line: StatementLine;
}

export interface ErrorDetail {
  /** Where the problem is: `body.name`, `query.page`… */
  path: string;
  /** What is wrong, as the validator's stable code: `too_small`, `invalid_format`… */
  code: string;
  /** The server's wording, in Spanish. */
  message: string;
}

export interface ApiErrorExtras {
  details?: ErrorDetail[];
  /** For 429s: seconds until trying again can succeed. */
  retryAfter?: number;
}

/** An answer of the API that is not a success, or a request that never got one. */
export class ApiError extends Error {
  readonly details: ErrorDetail[];
  readonly retryAfter: number | undefined;

  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    extras: ApiErrorExtras = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.details = extras.details ?? [];
    this.retryAfter = extras.retryAfter;
  }
}

const networkError = () =>
  new ApiError(
    0,
    'network_error',
    'No pudimos conectar con el servidor. Revisa tu conexión e intenta de nuevo.',
  );

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const isDetail = (d: unknown): d is ErrorDetail =>
  isRecord(d) &&
  typeof d.path === 'string' &&
  typeof d.code === 'string' &&
  typeof d.message === 'string';

/** Whole seconds to wait, from the body's `retryAfter` or else the `Retry-After` header. */
function secondsToWait(body: unknown, header: string | null): number | undefined {
  const seconds = typeof body === 'number' ? body : header === null ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}

function toApiError(response: Response, body: unknown): ApiError {
  const { status } = response;
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (!error || typeof error.id !== 'string' || typeof error.message !== 'string') {
    return new ApiError(status, 'internal_error', 'Ocurrió un error inesperado. Intenta de nuevo.');
  }
  return new ApiError(status, error.id, error.message, {
    details: Array.isArray(error.details) ? error.details.filter(isDetail) : [],
    retryAfter:
      status === 429
        ? secondsToWait(error.retryAfter, response.headers.get('Retry-After'))
        : undefined,
  });
}

/**
 * The app this page runs in. Each app has its own session cookie and the server reads only the
 * one this header names, so one browser can be signed in to the studio and to the portal at once.
 */
let currentApp: AppName | null = null;
export function setApiApp(app: AppName): void {
  currentApp = app;
}

// The session's CSRF token: every write made while signed in echoes it.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

// The session provider listens here so an expired session anywhere sends the user to sign in.
const unauthenticatedListeners = new Set<() => void>();
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

type Query = Record<string, string | number | undefined | null>;

/** `path` plus the query's non-empty values. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (currentApp) headers['X-Lealtad-App'] = currentApp;
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw networkError();
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = toApiError(response, data);
    if (error.id === 'unauthenticated') unauthenticatedListeners.forEach((listener) => listener());
    throw error;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>('GET', withQuery(path, query), undefined, signal),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
};
