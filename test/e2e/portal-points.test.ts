import { describe, expect, test } from 'vitest';
import { screenshot } from './browser';
import {
  baseUrl,
  esPoints,
  expectNoSideScroll,
  parsePoints,
  partnerApiKey,
  phone,
  postPurchase,
  rowsWhen,
  signIn,
  useBrowser,
} from './helpers';

const { openPage, apiAs } = useBrowser();

const statementTable = 'Movimientos de puntos';

/** The points of the statement lines of one purchase, added up. */
function pointsOfPurchase(rows: string[], transactionId: string): number {
  return rows
    .filter((row) => row.includes(transactionId))
    .map((row) => row.split('\t').find((cell) => /^[+\u2212-]\d/.test(cell.trim())) ?? '0')
    .reduce((sum, cell) => sum + parsePoints(cell), 0);
}

describe('portal: points balance and statement', () => {
  test('a purchase appears on the open portal without reloading', async () => {
    const page = await openPage();
    await signIn(page, 'portal', 'cliente1@demo.lealtad.mx');
    const hero = page.locator('.welcome');
    const balance = hero.locator('.balance__number');
    await hero.getByText('En vivo').waitFor();
    await expect.poll(() => balance.innerText()).toMatch(/^\d/);
    const before = parsePoints(await balance.innerText());
    await page.getByRole('table', { name: statementTable }).waitFor();
    // Marks this document: if the page reloaded, the mark would be gone.
    await page.evaluate('window.__lealtadE2e = "same page"');
    await screenshot(page, 'portal-balance-before');

    // The movements page is open in a second tab of the same session.
    const movements = await page.context().newPage();
    await movements.goto(`${baseUrl}/portal/movements`);
    await movements.getByRole('heading', { name: 'Movimientos', level: 1 }).waitFor();
    await movements.getByText('En vivo').waitFor();
    await movements.getByRole('table', { name: statementTable }).waitFor();

    const key = await partnerApiKey(apiAs);
    const receipt = await postPurchase(key, 'DEMO-000001', 123_456);
    expect(receipt.pointsAwarded).toBeGreaterThan(0);
    expect(receipt.balance).toBe(before + receipt.pointsAwarded);

    // The balance changes on its own, and the purchase heads the latest movements.
    await expect.poll(() => balance.innerText()).toBe(esPoints(receipt.balance));
    // One line per rule that paid (the Norte double points add one in December).
    const recent = await rowsWhen(
      page,
      statementTable,
      (rows) =>
        (rows[0]?.includes(receipt.transactionId) ?? false) &&
        pointsOfPurchase(rows, receipt.transactionId) === receipt.pointsAwarded,
    );
    expect(recent[0]).toContain('$1,234.56');
    expect(await page.evaluate<string>('window.__lealtadE2e')).toBe('same page');
    await screenshot(page, 'portal-balance-after');

    const lines = await rowsWhen(
      movements,
      statementTable,
      (rows) => rows[0]?.includes(receipt.transactionId) ?? false,
    );
    expect(lines[0]).toContain('Compra');
    expect(lines[0]).toContain(esPoints(receipt.balance));
    expect(await movements.locator('.portal-page__balance .balance__number').innerText()).toBe(
      esPoints(receipt.balance),
    );
    await screenshot(movements, 'portal-movements-live');
  });

  test('movements filter by kind and by days', async () => {
    const page = await openPage();
    await signIn(page, 'portal', 'cliente6@demo.lealtad.mx');
    await page.getByRole('navigation', { name: 'Secciones' }).getByText('Movimientos').click();
    const all = await rowsWhen(page, statementTable, (rows) => rows.length === 6);
    expect(all.every((row) => row.includes('Compra'))).toBe(true);

    await page.getByLabel('Tipo').selectOption({ label: 'Ajustes' });
    await page.getByText('No hay movimientos con estos filtros.').waitFor();
    await page.getByRole('button', { name: 'Limpiar filtros' }).click();
    await rowsWhen(page, statementTable, (rows) => rows.length === 6);

    // A range that ends before it starts is said so, not sent.
    await page.getByLabel('Desde').fill('2026-03-10');
    await page.getByLabel('Hasta').fill('2026-03-01');
    await page.getByText('La fecha inicial debe ser anterior a la final.').first().waitFor();
    await page.getByRole('button', { name: 'Limpiar filtros' }).click();
    await rowsWhen(page, statementTable, (rows) => rows.length === 6);
    await screenshot(page, 'portal-movements');

    await page.getByRole('button', { name: 'English (EN)' }).click();
    const english = await rowsWhen(page, 'Points movements', (rows) => rows.length === 6);
    expect(english[0]).toMatch(/Purchase DEMO-T6-\d at store T\d+ for MX\$[\d,.]+/);
    await screenshot(page, 'portal-movements-en');
    await page.getByRole('button', { name: 'Español (ES)' }).click();
  });

  test('my details on a phone: contact fields editable, birth date locked with its reason', async () => {
    const page = await openPage(phone);
    await signIn(page, 'portal', 'cliente5@demo.lealtad.mx');
    await page.getByRole('navigation', { name: 'Secciones' }).getByText('Mis datos').click();
    await page.getByRole('heading', { name: 'Mis datos', level: 1 }).waitFor();
    await page.getByText('Ya registraste tu fecha de nacimiento.').waitFor();
    expect(await page.locator('input[type="date"]').count()).toBe(0);

    await page.getByLabel('Código postal').fill('123');
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await page.getByText('El código postal lleva 5 dígitos.').waitFor();
    await page.getByLabel('Código postal').fill('64000');
    await page.getByLabel('Ciudad o municipio').fill('San Pedro Garza García');
    await page.getByLabel('Teléfono').fill('81 1234 5678');
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await page.getByText('Guardamos tus datos.').waitFor();
    // What the server kept: the phone as digits.
    await expect.poll(() => page.getByLabel('Teléfono').inputValue()).toBe('8112345678');
    expect(await page.getByLabel('Ciudad o municipio').inputValue()).toBe('San Pedro Garza García');
    await expectNoSideScroll(page);
    await screenshot(page, 'portal-profile-mobile');

    await page.getByRole('navigation', { name: 'Secciones' }).getByText('Inicio').click();
    await page.locator('.welcome').getByText('En vivo').waitFor();
    await page.getByRole('table', { name: statementTable }).waitFor();
    await expectNoSideScroll(page);
    await screenshot(page, 'portal-home-balance-mobile');
    await page.getByRole('navigation', { name: 'Secciones' }).getByText('Movimientos').click();
    await rowsWhen(page, statementTable, (rows) => rows.length === 5);
    await expectNoSideScroll(page);
    await screenshot(page, 'portal-movements-mobile');
  });
});
