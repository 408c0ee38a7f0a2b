import { describe, expect, test } from 'vitest';
import { screenshot } from './browser';
import {
  baseUrl,
  expectNoSideScroll,
  navLink,
  partnerApiKey,
  postPurchase,
  rowsWhen,
  signIn,
  useBrowser,
} from './helpers';
import type { StaffApi } from './helpers';
import { createReward, rewardPicture } from './rewards';

const { openPage, apiAs } = useBrowser();

async function customerId(staff: StaffApi, externalId: string): Promise<number> {
  const [found] = (await staff.get<{ items: { id: number }[] }>(`/api/customers?q=${externalId}`))
    .items;
  expect(found).toBeDefined();
  return found?.id ?? 0;
}

describe('studio: redemptions for the call center', () => {
  test('redeem for a customer with a note, approve in bulk, and read the report with its export', async () => {
    const run = Date.now().toString(36).toUpperCase();
    const superadmin = await apiAs('superadmin@demo.lealtad.mx');
    const voucher = await createReward(
      superadmin,
      {
        code: `DESP-${run}`,
        name: 'Vale de despensa $200',
        description: 'Código para canjear en caja en cualquier tienda.',
        pointsCost: 200,
        stock: null,
        category: 'vales',
        deliveryMode: 'digital',
      },
      await rewardPicture('ticket', ['#86efac', '#15803d']),
    );
    const key = await partnerApiKey(apiAs);
    await postPurchase(key, 'DEMO-000014', 1_000_000);
    await postPurchase(key, 'DEMO-000015', 1_000_000);
    const callcenter = await apiAs('callcenter@demo.lealtad.mx');
    const first = await customerId(callcenter, 'DEMO-000014');
    const second = await customerId(callcenter, 'DEMO-000015');
    const other = await callcenter.post<{ folio: string }>(`/api/customers/${second}/redemptions`, {
      rewardId: voucher.id,
      note: 'Lo pidió en mostrador.',
    });
    expect(other.status, JSON.stringify(other.body)).toBe(201);

    const studio = await openPage();
    await signIn(studio, 'studio', 'callcenter@demo.lealtad.mx');
    await studio.goto(`${baseUrl}/studio/customers/${first}`);
    await studio.getByRole('button', { name: 'Canjear por el cliente' }).click();
    const dialog = studio.getByRole('dialog', { name: 'Canjear por el cliente' });
    await dialog.getByLabel('Premio').selectOption({ label: 'Vale de despensa $200 · 200 puntos' });
    await dialog.getByRole('button', { name: 'Canjear' }).click();
    await dialog.getByText('Escribe una nota de al menos 3 caracteres.').waitFor();
    await dialog.getByLabel('Nota').fill('La clienta lo pidió por teléfono.');
    await screenshot(studio, 'studio-redeem-for-customer');
    await dialog.getByRole('button', { name: 'Canjear' }).click();
    const notice = studio.getByText(/Se creó el canje R-\d+ por 200 puntos\./);
    await notice.waitFor();
    const folio = /R-\d+/.exec(await notice.innerText())?.[0] ?? '';

    // The customer's page lists it, and one made elsewhere appears without reloading.
    const history = studio.getByRole('list', { name: 'Canjes', exact: true });
    await history.getByText(folio).waitFor();
    const byPhone = await callcenter.post<{ folio: string }>(
      `/api/customers/${first}/redemptions`,
      {
        rewardId: voucher.id,
        note: 'Segundo vale, por teléfono.',
      },
    );
    expect(byPhone.status, JSON.stringify(byPhone.body)).toBe(201);
    await history.getByText(byPhone.body.folio).waitFor();
    expect(await history.locator('li').first().innerText()).toContain(byPhone.body.folio);
    await screenshot(studio, 'studio-customer-redemptions');

    // The three requests approved at once from the queue.
    await studio
      .getByRole('navigation', { name: 'Navegación principal' })
      .getByRole('link', { name: 'Canjes', exact: true })
      .click();
    await studio.getByLabel('Estado').selectOption({ label: 'Solicitado' });
    await rowsWhen(studio, 'Canjes', (rows) =>
      [folio, other.body.folio, byPhone.body.folio].every((one) =>
        rows.some((row) => row.includes(one)),
      ),
    );
    await studio.getByRole('checkbox', { name: `Seleccionar ${folio}` }).check();
    await studio.getByRole('checkbox', { name: `Seleccionar ${other.body.folio}` }).check();
    await studio.getByRole('checkbox', { name: `Seleccionar ${byPhone.body.folio}` }).check();
    const bulk = studio.getByRole('form', {
      name: 'Cambiar el estado de los canjes seleccionados',
    });
    await bulk.getByText('3 seleccionados').waitFor();
    await bulk.getByLabel('Nuevo estado').selectOption({ label: 'Aprobado' });
    await bulk.getByLabel('Nota (opcional)').fill('Aprobados en lote.');
    await expectNoSideScroll(studio);
    await screenshot(studio, 'studio-redemptions-bulk');
    await bulk.getByRole('button', { name: 'Aplicar a los seleccionados' }).click();
    await studio.getByText('3 canjes pasaron a “Aprobado”.').waitFor();

    await navLink(studio, 'Reporte de canjes').click();
    await studio.getByRole('heading', { name: 'Reporte de canjes', level: 1 }).waitFor();
    await studio.getByLabel('Premio').selectOption({ label: voucher.name });
    const rows = await rowsWhen(studio, 'Canjes del reporte', (all) => all.length === 3);
    expect(rows.every((row) => row.includes('Aprobado'))).toBe(true);
    const totals = studio.getByRole('list', { name: 'Totales' });
    await expect.poll(() => totals.innerText()).toContain('600');
    await expectNoSideScroll(studio);
    await screenshot(studio, 'studio-redemption-report');
    const download = studio.waitForEvent('download');
    await studio.getByRole('button', { name: 'Exportar a Excel' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);

    await studio.getByRole('button', { name: 'English (EN)' }).click();
    await studio.getByRole('heading', { name: 'Redemptions report', level: 1 }).waitFor();
    await rowsWhen(studio, 'Report redemptions', (all) =>
      all.every((row) => row.includes('Approved')),
    );
    await screenshot(studio, 'studio-redemption-report-en');
    await studio.getByRole('button', { name: 'Español (ES)' }).click();
  });
});
