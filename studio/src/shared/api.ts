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

export const deliveryModes = ['shipping', 'pickup', 'digital'] as const;
export type DeliveryMode = (typeof deliveryModes)[number];
export const rewardStatuses = ['active', 'retired'] as const;
export type RewardStatus = (typeof rewardStatuses)[number];

/** A reward of the catalog. `stock` null means unlimited; dates are yyyy-mm-dd. */
export interface Reward {
  id: number;
  code: string;
  name: string;
  description: string;
  pointsCost: number;
  stock: number | null;
  category: string;
  availableFrom: string | null;
  availableTo: string | null;
  /** Empty: every zone. */
  zoneIds: number[];
  /** Empty: every customer type. */
  customerTypeIds: number[];
  deliveryMode: DeliveryMode;
  status: RewardStatus;
  imageUrl: string | null;
  thumbnailUrl: string | null;
  redeemedCount: number;
  createdAt: string;
  updatedAt: string;
}

/** What staff send to create a reward or change one (`PATCH` takes any part of it). */
export type RewardFields = Pick<
  Reward,
  | 'code'
  | 'name'
  | 'description'
  | 'pointsCost'
  | 'stock'
  | 'category'
  | 'availableFrom'
  | 'availableTo'
  | 'zoneIds'
  | 'customerTypeIds'
  | 'deliveryMode'
>;

/** A reward as the signed-in customer sees it: whether the balance covers it now. */
export interface CatalogReward extends Reward {
  affordable: boolean;
  missingPoints: number;
}

export const redemptionStatuses = [
  'requested',
  'approved',
  'shipped',
  'ready_for_pickup',
  'delivered',
  'rejected',
  'cancelled',
] as const;
export type RedemptionStatus = (typeof redemptionStatuses)[number];

/** One step of a redemption's history; `actor` null is the customer itself or the system. */
export interface RedemptionStep {
  status: RedemptionStatus;
  note: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  actor: { id: number; name: string; role: Role } | null;
  at: string;
}

/** Points exchanged for a reward, followed until delivered. `timeline` only in detail answers. */
export interface Redemption {
  id: number;
  folio: string;
  customer: { id: number; name: string; externalId: string | null; zoneId: number | null };
  reward: Pick<Reward, 'id' | 'code' | 'name' | 'deliveryMode' | 'thumbnailUrl'>;
  quantity: number;
  points: number;
  status: RedemptionStatus;
  carrier: string | null;
  trackingNumber: string | null;
  deliveryAddress: string | null;
  createdAt: string;
  updatedAt: string;
  timeline?: RedemptionStep[];
}

/** A redemption changed status (socket.io `redemption:changed`). */
export interface RedemptionChanged {
  redemptionId: number;
  folio: string;
  status: RedemptionStatus;
  customerId: number;
}

export type ImportRowResult = 'ok' | 'error' | 'unchanged';

/** One row of an Excel status upload, as checked against the redemptions. */
export interface ImportRow {
  /** The row's number in the sheet (the header is row 1). */
  row: number;
  folio: string | null;
  /** The status cell as written, and the status it was read as (null: not understood). */
  statusText: string | null;
  status: RedemptionStatus | null;
  carrier: string | null;
  trackingNumber: string | null;
  note: string | null;
  result: ImportRowResult;
  reason?: string;
}

/** An uploaded status file: previewed first, then applied. */
export interface RedemptionImport {
  id: number;
  fileName: string;
  status: 'previewed' | 'applying' | 'applied';
  counts: Record<ImportRowResult, number>;
  /** While a large file applies in the background: rows done of the rows to apply. */
  progress: { done: number; total: number } | null;
  rowCount: number;
  createdBy: { id: number; name: string } | null;
  appliedBy: { id: number; name: string } | null;
  appliedAt: string | null;
  createdAt: string;
}

/** An upload with a page of its rows (`GET /api/redemption-imports/:id?page=`). */
export interface RedemptionImportDetail extends RedemptionImport, Omit<Page<ImportRow>, 'items'> {
  rows: ImportRow[];
}

/** The redeemed rewards report: a page of redemptions and the totals of every match. */
export interface RedemptionReport extends Page<Redemption> {
  totals: {
    redemptions: number;
    points: number;
    byStatus: Partial<Record<RedemptionStatus, number>>;
  };
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

/** A request body: JSON for records, or the bytes of a file sent as they are (uploads). */
type Body = { json: unknown } | { file: Blob } | undefined;

function headersFor(method: string, body: Body): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (currentApp) headers['X-Lealtad-App'] = currentApp;
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (body && 'json' in body) headers['Content-Type'] = 'application/json';
  if (body && 'file' in body)
    headers['Content-Type'] = body.file.type || 'application/octet-stream';
  return headers;
}

async function send(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body: Body,
  signal?: AbortSignal,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: headersFor(method, body),
      body: body === undefined ? undefined : 'json' in body ? JSON.stringify(body.json) : body.file,
      credentials: 'same-origin',
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw networkError();
  }
  if (!response.ok) {
    const data: unknown = await response.json().catch(() => null);
    const error = toApiError(response, data);
    if (error.id === 'unauthenticated') unauthenticatedListeners.forEach((listener) => listener());
    throw error;
  }
  return response;
}

async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: Body,
  signal?: AbortSignal,
): Promise<T> {
  const response = await send(method, path, body, signal);
  if (response.status === 204) return undefined as T;
  return (await response.json().catch(() => null)) as T;
}

/** The file name the server gave a download, or `fallback`. */
function attachmentName(response: Response, fallback: string): string {
  const header = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? fallback;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>('GET', withQuery(path, query), undefined, signal),
  post: <T>(path: string, body?: unknown) =>
    request<T>('POST', path, body === undefined ? undefined : { json: body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { json: body }),
  delete: (path: string) => request<undefined>('DELETE', path),
  /** Sends a file's bytes as the whole body (the server decides the type by its content). */
  upload: <T>(method: 'POST' | 'PUT', path: string, file: Blob) =>
    request<T>(method, path, { file }),
  /**
   * Saves what `path` answers as a file. Fetched with the session's headers (a plain link
   * would not name the app), so a refusal shows as an error instead of a page of JSON.
   */
  async download(path: string, query: Query, fallbackName: string): Promise<void> {
    const response = await send('GET', withQuery(path, query), undefined);
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = attachmentName(response, fallbackName);
    link.click();
    // The browser has taken the file once the click is handled.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  },
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { json: body }),
};
