import { withCheckDigit } from '@lealtad/server/cards/luhn';
import { describe, expect, test } from 'vitest';
import { screenshot } from './browser';
import { baseUrl, navLink, rowsWhen, signIn, useBrowser } from './helpers';

const { openPage } = useBrowser();

const grouped = (number: string) => number.replace(/(\d{4})(?=\d)/g, '$1 ');

describe('studio: card stock', () => {
  test('superadmin imports a range and a file, sees each skipped number and why', async () => {
    const page = await openPage();
    await signIn(page, 'studio', 'superadmin@demo.lealtad.mx');
    await navLink(page, 'Tarjetas').click();
    await page.getByRole('heading', { name: 'Tarjetas', level: 1 }).waitFor();
    await rowsWhen(page, 'Inventario de tarjetas', (rows) => rows.length === 25);

    // A range: the first and last numbers are shown before importing.
    await page.getByRole('button', { name: 'Importar tarjetas' }).click();
    const dialog = page.getByRole('dialog', { name: 'Importar tarjetas' });
    await dialog.getByLabel('Nombre del lote').fill('Rango Saltillo');
    await dialog.getByLabel('Prefijo').fill('5077');
    await dialog.getByLabel('Cantidad').fill('30');
    const first = withCheckDigit('507700000000001');
    const last = withCheckDigit('507700000000030');
    await dialog.getByText(grouped(first)).waitFor();
    await dialog.getByText(grouped(last)).waitFor();
    await screenshot(page, 'studio-cards-import-range');
    await dialog.getByRole('button', { name: 'Importar', exact: true }).click();
    await dialog.getByText('Importamos 30 tarjetas en el lote «Rango Saltillo»').waitFor();
    await dialog.getByRole('button', { name: 'Listo' }).click();
    await page.getByLabel('Buscar por número').fill('5077');
    const range = await rowsWhen(
      page,
      'Inventario de tarjetas',
      (rows) => rows.length === 25 && rows.every((row) => row.includes('5077')),
    );
    expect(range[0]).toContain(grouped(first));
    expect(range[0]).toContain('Disponible');
    // Sorted by number, the range comes first even unfiltered: the total tells the search applied.
    await expect
      .poll(() => page.getByRole('navigation', { name: 'Paginación' }).innerText())
      .toContain('Mostrando 1–25 de 30');

    // A file with one of each problem: every skip is listed with its reason.
    const fresh = [withCheckDigit('507800000000001'), withCheckDigit('507800000000002')];
    const typo = `${fresh[1]?.slice(0, 15)}${(Number(fresh[1]?.at(-1)) + 1) % 10}`;
    const csv = [
      'numero,nota',
      `${fresh[0]},nueva`,
      `"${grouped(fresh[1] ?? '')}",agrupada`,
      `${fresh[0]},repetida`,
      `${first},ya en inventario`,
      '12345,corta',
      `${typo},dedazo`,
    ].join('\n');
    await page.getByRole('button', { name: 'Importar tarjetas' }).click();
    await dialog.getByLabel('Nombre del lote').fill('Archivo proveedor');
    await dialog.locator('label', { hasText: 'Desde un archivo' }).click();
    await dialog.locator('input[type=file]').setInputFiles({
      name: 'tarjetas.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await dialog.getByText('Leímos 6 números.').waitFor();
    await dialog.getByRole('button', { name: 'Importar', exact: true }).click();
    await dialog.getByText('Importamos 2 tarjetas en el lote «Archivo proveedor»').waitFor();
    const skipped = await rowsWhen(page, 'Números que quedaron fuera', (rows) => rows.length === 4);
    expect(skipped).toEqual([
      expect.stringMatching(new RegExp(`${fresh[0]}\\s+Está repetido en el archivo`)),
      expect.stringMatching(new RegExp(`${first}\\s+Ya está en el inventario`)),
      expect.stringMatching(/12345\s+No tiene 16 dígitos/),
      expect.stringMatching(new RegExp(`${typo}\\s+Falla el dígito verificador`)),
    ]);
    await screenshot(page, 'studio-cards-import-file');
    await dialog.getByRole('button', { name: 'Listo' }).click();

    // The list by status: the demo's active cards, with their customers.
    await page.getByLabel('Buscar por número').fill('');
    await page.getByRole('button', { name: /^Activas/ }).click();
    const active = await rowsWhen(
      page,
      'Inventario de tarjetas',
      (rows) => rows.length > 0 && rows.every((row) => row.includes('Activa')),
    );
    expect(active[0]).toMatch(/6011 0000 0000 \d{4}\s+Activa\s+\S+/);
    await screenshot(page, 'studio-cards');

    // Only cards.manage sees the stock.
    const callcenter = await openPage();
    await signIn(callcenter, 'studio', 'callcenter@demo.lealtad.mx');
    await callcenter.goto(`${baseUrl}/studio/cards`);
    await callcenter.getByRole('heading', { name: 'No tienes acceso a esta sección' }).waitFor();
  });
});
