import { withCheckDigit } from '@lealtad/server/cards/luhn';
import { request } from 'playwright-core';
import type { APIRequestContext, Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { launchBrowser } from './browser';

export const baseUrl = inject('baseUrl');
export const demoPassword = inject('demoPassword');

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 390, height: 844 };

export type App = 'studio' | 'portal';

/**
 * One Chromium per test file and a fresh profile (no cookies, no saved language) per page,
 * closed after each test. Call once at the top of a test file.
 */
export function useBrowser() {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const apis: APIRequestContext[] = [];
  // Whatever the Content-Security-Policy refused: a page could look right and still be missing it.
  const refused: string[] = [];
  const track = (context: BrowserContext) => {
    contexts.push(context);
    context.on('console', (message) => {
      if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
        refused.push(message.text());
      }
    });
    return context;
  };
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    expect(refused.splice(0)).toEqual([]);
    await Promise.all(apis.splice(0).map((api) => api.dispose()));
  });
  afterAll(async () => {
    await browser?.close();
  });
  const current = (): Browser => {
    if (!browser) throw new Error('The browser is not running yet.');
    return browser;
  };
  return {
    browser: current,
    async newContext(viewport = desktop): Promise<BrowserContext> {
      return track(await current().newContext({ viewport, locale: 'es-MX' }));
    },
    async openPage(viewport = desktop): Promise<Page> {
      return track(await current().newContext({ viewport, locale: 'es-MX' })).newPage();
    },
    /** The API signed in as `email`, for preparing what a browser test needs. */
    async apiAs(email: string, password = demoPassword): Promise<StaffApi> {
      const api = await request.newContext({ baseURL: baseUrl });
      apis.push(api);
      const login = await api.post('/api/auth/login', { data: { email, password } });
      expect(login.status(), await login.text()).toBe(200);
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      return staffApi(api, csrfToken);
    },
  };
}

export interface StaffApi {
  get: <T>(path: string) => Promise<T>;
  /** POSTs and returns the status with the body, for the test to check. */
  post: <T>(path: string, body: unknown) => Promise<{ status: number; body: T }>;
  /** Sends bytes as the whole body (image and spreadsheet uploads). */
  upload: <T>(
    method: 'PUT' | 'POST',
    path: string,
    bytes: Buffer,
    contentType: string,
  ) => Promise<{ status: number; body: T }>;
  patch: <T>(path: string, body: unknown) => Promise<{ status: number; body: T }>;
  put: <T>(path: string, body: unknown) => Promise<{ status: number; body: T }>;
}

function staffApi(api: APIRequestContext, csrf: string): StaffApi {
  return {
    async get<T>(path: string) {
      const response = await api.get(path);
      expect(response.status(), await response.text()).toBe(200);
      return (await response.json()) as T;
    },
    async post<T>(path: string, body: unknown) {
      const response = await api.post(path, { data: body, headers: { 'X-CSRF-Token': csrf } });
      return { status: response.status(), body: (await response.json()) as T };
    },
    async upload<T>(method: 'PUT' | 'POST', path: string, bytes: Buffer, contentType: string) {
      const response = await api.fetch(path, {
        method,
        data: bytes,
        headers: { 'X-CSRF-Token': csrf, 'Content-Type': contentType },
      });
      return { status: response.status(), body: (await response.json()) as T };
    },
    async patch<T>(path: string, body: unknown) {
      const response = await api.patch(path, { data: body, headers: { 'X-CSRF-Token': csrf } });
      return { status: response.status(), body: (await response.json()) as T };
    },
    async put<T>(path: string, body: unknown) {
      const response = await api.put(path, { data: body, headers: { 'X-CSRF-Token': csrf } });
      return { status: response.status(), body: (await response.json()) as T };
    },
  };
}

export async function fillSignIn(page: Page, app: App, email: string, password = demoPassword) {
  await page.goto(`${baseUrl}/${app}/signin`);
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
}

export async function signIn(page: Page, app: App, email: string, password = demoPassword) {
  await fillSignIn(page, app, email, password);
  await page.getByRole('button', { name: 'Cerrar sesión' }).waitFor();
}

export const navLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name });

export async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allInnerTexts()).map((text) => text.trim());
}

/** The table's body rows as text, once `ready` holds for them (lists reload after each filter). */
export async function rowsWhen(
  page: Page,
  table: string,
  ready: (rows: string[]) => boolean,
): Promise<string[]> {
  const rows = page.getByRole('table', { name: table }).locator('tbody > tr');
  let last: string[] = [];
  await expect
    .poll(
      async () => {
        last = await texts(rows);
        return ready(last);
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return last;
}

/** The page fits the viewport's width: nothing scrolls sideways. */
export async function expectNoSideScroll(page: Page) {
  // A string, so the test project needs no DOM typings for one expression run in the page.
  const overflow = await page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
  expect(overflow).toBe(0);
}

/** Points as the apps print them in Spanish (es-MX): 12,345. */
export const esPoints = (points: number) => new Intl.NumberFormat('es-MX').format(points);

/** A number printed with thousands separators, back to a number. */
export const parsePoints = (text: string) => Number(text.replace(/[^\d-−]/g, '').replace('−', '-'));

let partnerKey: Promise<string> | undefined;

/** A partner API key that may post purchases, created once per test file by the superadmin. */
export function partnerApiKey(apiAs: (email: string) => Promise<StaffApi>): Promise<string> {
  partnerKey ??= apiAs('superadmin@demo.lealtad.mx').then(async (superadmin) => {
    const created = await superadmin.post<{ key: string }>('/api/api-keys', {
      name: `Pruebas e2e ${Date.now()}`,
      scopes: ['transactions.write'],
    });
    expect(created.status).toBe(201);
    return created.body.key;
  });
  return partnerKey;
}

export interface Receipt {
  transactionId: string;
  pointsAwarded: number;
  balance: number;
  /** One per rule that gave points. */
  awards: { rule: string; version: number; points: number }[];
}

let purchaseSerial = 0;

/** A purchase from the partner platform, as its point-of-sale sends it. */
export async function postPurchase(
  key: string,
  customerExternalId: string,
  amountCents: number,
): Promise<Receipt> {
  const api = await request.newContext({ baseURL: baseUrl });
  try {
    const id = `E2E-${Date.now()}-${(purchaseSerial += 1)}`;
    const response = await api.post('/api/v1/transactions', {
      headers: { Authorization: `Bearer ${key}` },
      data: {
        id,
        customerExternalId,
        amount: amountCents,
        currency: 'MXN',
        occurredAt: new Date().toISOString(),
        storeId: 'T7',
        category: 'abarrotes',
      },
    });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as Receipt;
  } finally {
    await api.dispose();
  }
}

/** Puts a small range of new cards in stock as the superadmin and returns their numbers. */
export async function importCardRange(
  apiAs: (email: string) => Promise<StaffApi>,
  prefix: string,
  count: number,
): Promise<string[]> {
  const superadmin = await apiAs('superadmin@demo.lealtad.mx');
  const imported = await superadmin.post<{ imported: number }>('/api/cards/stock', {
    name: `Pruebas ${prefix}`,
    range: { prefix, from: 1, count },
  });
  expect(imported.status).toBe(201);
  expect(imported.body.imported).toBe(count);
  const stock = await superadmin.get<{ items: { number: string }[] }>(
    `/api/cards?status=available&q=${prefix}&pageSize=${count}`,
  );
  expect(stock.items).toHaveLength(count);
  return stock.items.map((card) => card.number);
}

/** The last four digits as the apps show a card: •••• 1234. */
export const masked = (number: string) => `•••• ${number.slice(-4)}`;

/** A card number with the format of a real one that is in nobody's stock. */
export const unknownCardNumber = () => withCheckDigit('999999999999999');

/** Whether an image finished loading a picture (a refused or broken address leaves none). */
export const imageLoaded = (image: Locator): Promise<boolean> =>
  image.evaluate((element) => 'naturalWidth' in element && Number(element.naturalWidth) > 0);
