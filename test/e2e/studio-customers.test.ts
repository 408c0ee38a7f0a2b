import { describe, expect, test } from 'vitest';
import { screenshot } from './browser';
import {
  esPoints,
  navLink,
  parsePoints,
  partnerApiKey,
  postPurchase,
  rowsWhen,
  signIn,
  texts,
  useBrowser,
} from './helpers';

const { openPage, apiAs } = useBrowser();

const statementTable = 'Movimientos de puntos';

describe('studio: customers', () => {
  test('call center finds "perez", adjusts +50 with a reason and sees it live', async () => {
    const page = await openPage();
    await signIn(page, 'studio', 'callcenter@demo.lealtad.mx');
    await navLink(page, 'Clientes').click();
    await page.getByRole('heading', { name: 'Clientes', level: 1 }).waitFor();
    await rowsWhen(page, 'Clientes', (rows) => rows.length === 20);

    // Typed without the accent, found with it.
    await page.getByLabel('Buscar cliente').fill('perez');
    const found = await rowsWhen(
      page,
      'Clientes',
      (rows) => rows.length > 0 && rows.length < 20 && rows.every((row) => row.includes('Pérez')),
    );
    expect(found[0]).toContain('DEMO-000001');
    await screenshot(page, 'studio-customers-search');

    await page.getByRole('link', { name: 'José Pérez Martínez' }).click();
    await page.getByRole('heading', { name: 'José Pérez Martínez', level: 1 }).waitFor();
    const hero = page.locator('.customer-hero');
    await hero.getByText('En vivo').waitFor();
    const balance = hero.locator('.balance__number');
    await expect.poll(() => balance.innerText()).toMatch(/^\d/);
    const before = parsePoints(await balance.innerText());
    await rowsWhen(page, statementTable, (rows) => rows.length > 0);

    // Over the call center's limit: refused, and said why.
    await page.getByRole('button', { name: 'Ajustar puntos' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajustar puntos' });
    await dialog.getByLabel('Puntos', { exact: true }).fill('5000');
    await dialog.getByLabel('Motivo').fill('Compensación por compra no registrada');
    await dialog.getByRole('button', { name: 'Registrar ajuste' }).click();
    const refused = dialog.getByRole('alert');
    await refused.getByText('El ajuste supera el límite de tu rol').waitFor();
    expect(await refused.innerText()).toContain(
      'Tu rol puede ajustar hasta 1,000 puntos por movimiento.',
    );
    await screenshot(page, 'studio-customer-adjust-limit');

    await dialog.getByLabel('Puntos', { exact: true }).fill('50');
    await dialog.getByRole('button', { name: 'Registrar ajuste' }).click();
    await page
      .getByText(
        `Registramos el ajuste: sumamos 50 puntos. Nuevo saldo: ${esPoints(before + 50)} puntos.`,
      )
      .waitFor();
    expect(await dialog.isVisible()).toBe(false);
    await expect.poll(() => balance.innerText()).toBe(esPoints(before + 50));
    const lines = await rowsWhen(
      page,
      statementTable,
      (rows) => rows[0]?.includes('Compensación por compra no registrada') ?? false,
    );
    expect(lines[0]).toContain('Ajuste manual de Carlos Call Center');
    expect(lines[0]).toContain('+50');
    expect(lines[0]).toContain(esPoints(before + 50));

    // A purchase at a store while the screen is open shows up without reloading.
    const receipt = await postPurchase(await partnerApiKey(apiAs), 'DEMO-000001', 45_000);
    expect(receipt.balance).toBe(before + 50 + receipt.pointsAwarded);
    await expect.poll(() => balance.innerText()).toBe(esPoints(receipt.balance));
    await rowsWhen(
      page,
      statementTable,
      (rows) => rows[0]?.includes(receipt.transactionId) ?? false,
    );
    await screenshot(page, 'studio-customer-detail');

    // In English the movements are composed from their fields; the staff's reason stays as typed.
    await page.getByRole('button', { name: 'English (EN)' }).click();
    const english = await rowsWhen(page, 'Points movements', (rows) => rows.length > 1);
    expect(english[1]).toContain(
      'Manual adjustment by Carlos Call Center: Compensación por compra no registrada',
    );
    expect(english[0]).toMatch(/Purchase E2E-\S+ at store T7 for MX\$450\.00/);
    await screenshot(page, 'studio-customer-detail-en');
    await page.getByRole('button', { name: 'Español (ES)' }).click();
  });

  test('a zone admin sees only their zone and edits a customer', async () => {
    const page = await openPage();
    await signIn(page, 'studio', 'admin.norte@demo.lealtad.mx');
    await navLink(page, 'Clientes').click();
    const rows = await rowsWhen(page, 'Clientes', (found) => found.length === 5);
    for (const row of rows) expect(row).toContain('Norte');
    // A zone-scoped role has no zone filter.
    expect(await page.getByRole('search').getByLabel('Zona').count()).toBe(0);

    await page.getByLabel('Estado').selectOption({ label: 'Activo' });
    await page.getByLabel('Buscar cliente').fill('DEMO-000009');
    await rowsWhen(page, 'Clientes', (found) => found.length === 1);
    const link = page.getByRole('table', { name: 'Clientes' }).getByRole('link');
    const name = (await link.innerText()).trim();
    await link.click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Editar' }).click();
    const dialog = page.getByRole('dialog', { name: `Editar datos de ${name}` });
    await dialog.getByLabel('Teléfono').fill('81-5555-0101');
    await dialog.getByLabel('Código postal').fill('6400');
    await dialog.getByRole('button', { name: 'Guardar cambios' }).click();
    await dialog.getByText('El código postal lleva 5 dígitos.').waitFor();
    await dialog.getByLabel('Código postal').fill('64000');
    await dialog.getByLabel('Tipo').selectOption({ label: 'VIP' });
    // The zone is the admin's own, shown but not choosable.
    await dialog.getByText('Solo puedes asignar clientes a tu zona.').waitFor();
    await screenshot(page, 'studio-customer-edit');
    await dialog.getByRole('button', { name: 'Guardar cambios' }).click();
    await page.getByText('Guardamos los cambios del cliente.').waitFor();
    const profile = page.locator('.customer-side');
    await expect.poll(() => profile.innerText()).toContain('8155550101');
    expect(await texts(page.locator('.customer-hero__facts li'))).toContain('VIP');

    // The edit is in the audit log, with what changed.
    await page.getByRole('link', { name: 'Cambios y ajustes en Auditoría' }).click();
    const events = await rowsWhen(page, 'Eventos de auditoría', (rows) =>
      rows.some((row) => row.includes('Cliente editado')),
    );
    expect(events[0]).toContain(name);
    await page.getByRole('button', { name: 'Ver cambios' }).first().click();
    expect(await page.locator('.audit-detail').innerText()).toMatch(/Teléfono\s+\S+\s+8155550101/);
  });
});
