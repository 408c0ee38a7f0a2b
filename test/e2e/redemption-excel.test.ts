import { describe, expect, test } from 'vitest';
import { screenshot } from './browser';
import {
  baseUrl,
  esPoints,
  expectNoSideScroll,
  imageLoaded,
  navLink,
  partnerApiKey,
  phone,
  postPurchase,
  rowsWhen,
  signIn,
  useBrowser,
} from './helpers';
import { createReward, rewardPicture, statusWorkbook } from './rewards';

const { openPage, apiAs } = useBrowser();

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const timeline = 'Seguimiento del canje';

describe('redemption followed from the portal, shipped by an Excel upload', () => {
  test('a customer redeems; staff approve it and mark it shipped from a spreadsheet; the open timeline follows', async () => {
    const run = Date.now().toString(36).toUpperCase();
    const marketing = await apiAs('superadmin@demo.lealtad.mx');
    const headphones = await createReward(
      marketing,
      {
        code: `AUD-${run}`,
        name: 'Audífonos inalámbricos',
        description:
          'Audífonos Bluetooth con cancelación de ruido y 30 horas de batería. Incluyen estuche de carga.',
        pointsCost: 900,
        stock: 25,
        category: 'electrónica',
        deliveryMode: 'shipping',
      },
      await rewardPicture('headphones', ['#5eead4', '#0f766e']),
    );
    await createReward(
      marketing,
      {
        code: `TAZA-${run}`,
        name: 'Taza térmica Lealtad',
        description: 'Acero inoxidable, 450 ml. Mantiene tu café caliente por 6 horas.',
        pointsCost: 350,
        stock: null,
        category: 'hogar',
        deliveryMode: 'pickup',
      },
      await rewardPicture('cup', ['#fde68a', '#d97706']),
    );
    await createReward(
      marketing,
      {
        code: `CINE-${run}`,
        name: 'Boletos de cine para dos',
        description: 'Dos entradas para cualquier función 2D. Te llega un código al correo.',
        pointsCost: 600,
        stock: 3,
        category: 'experiencias',
        deliveryMode: 'digital',
      },
      await rewardPicture('ticket', ['#c4b5fd', '#6d28d9']),
    );
    await createReward(
      marketing,
      {
        code: `VALE-${run}`,
        name: 'Tarjeta de regalo $1,000',
        description: 'Úsala en cualquiera de nuestras tiendas.',
        pointsCost: 8_000,
        stock: null,
        category: 'vales',
        deliveryMode: 'digital',
      },
      await rewardPicture('gift', ['#fda4af', '#be123c']),
    );

    // The customer has enough for the headphones, not for the gift card.
    const key = await partnerApiKey(apiAs);
    const receipt = await postPurchase(key, 'DEMO-000011', 1_000_000);
    expect(receipt.balance).toBeGreaterThanOrEqual(900);
    expect(receipt.balance).toBeLessThan(8_000);

    const portal = await openPage();
    await signIn(portal, 'portal', 'cliente11@demo.lealtad.mx');
    await portal.getByRole('navigation', { name: 'Secciones' }).getByText('Premios').click();
    await portal.getByRole('heading', { name: 'Premios', level: 1 }).waitFor();
    const catalog = portal.getByRole('list', { name: 'Catálogo de premios' });
    const giftCard = catalog.getByRole('article').filter({ hasText: 'Tarjeta de regalo $1,000' });
    await expect
      .poll(() => giftCard.innerText())
      .toContain(
        `Te faltan ${new Intl.NumberFormat('es-MX').format(8_000 - receipt.balance)} puntos`,
      );
    // The pictures come from the platform itself and load.
    const picture = catalog
      .getByRole('article')
      .filter({ hasText: headphones.name })
      .locator('img');
    await expect.poll(() => imageLoaded(picture)).toBe(true);
    await screenshot(portal, 'portal-rewards-catalog');

    await catalog
      .getByRole('article')
      .filter({ hasText: headphones.name })
      .getByRole('link', { name: 'Canjear' })
      .click();
    await portal.getByRole('heading', { name: headphones.name, level: 1 }).waitFor();
    // The address starts from the profile (city, state, postal code); the customer completes it.
    await portal
      .getByLabel('Dirección de entrega')
      .fill('Av. Constitución 400, Centro, Monterrey, N.L., 64000');
    await portal.getByRole('button', { name: 'Canjear' }).click();
    await portal.getByRole('heading', { name: 'Confirma tu canje' }).waitFor();
    await screenshot(portal, 'portal-redeem-confirm');
    await portal.getByRole('button', { name: 'Confirmar canje' }).click();

    await portal.getByText('¡Listo! Recibimos tu canje').waitFor();
    const folio = /R-\d+/.exec(await portal.locator('.my-redemption-hero').innerText())?.[0];
    expect(folio).toBeDefined();
    const steps = portal.getByRole('list', { name: timeline });
    await expect.poll(() => steps.innerText()).toContain('Solicitado');
    await portal.evaluate('window.__lealtadE2e = "same page"');
    await screenshot(portal, 'portal-redemption-requested');

    // A second redemption, made by the call center, that the file will try to jump ahead.
    const callcenter = await apiAs('callcenter@demo.lealtad.mx');
    const [other] = (
      await callcenter.get<{ items: { id: number; firstName: string; lastName: string }[] }>(
        '/api/customers?q=DEMO-000012',
      )
    ).items;
    expect(other).toBeDefined();
    await postPurchase(key, 'DEMO-000012', 1_000_000);

    // Staff approve the customer's redemption from its page.
    const studio = await openPage();
    await signIn(studio, 'studio', 'callcenter@demo.lealtad.mx');
    await studio
      .getByRole('navigation', { name: 'Navegación principal' })
      .getByRole('link', { name: 'Canjes', exact: true })
      .click();
    // The queue is live: the other customer's redemption, made meanwhile, shows up by itself.
    await studio.getByLabel('Buscar canje').fill(`${other?.firstName} ${other?.lastName}`);
    await studio.getByRole('button', { name: /Quitar el filtro Búsqueda/ }).waitFor();
    const byPhone = await callcenter.post<{ folio: string }>(
      `/api/customers/${other?.id}/redemptions`,
      {
        rewardId: headphones.id,
        deliveryAddress: 'Calle 5 de Mayo 12, Puebla',
        note: 'Lo pidió por teléfono.',
      },
    );
    expect(byPhone.status, JSON.stringify(byPhone.body)).toBe(201);
    await rowsWhen(studio, 'Canjes', (rows) =>
      rows.some((row) => row.includes(byPhone.body.folio)),
    );
    await studio.getByLabel('Buscar canje').fill(folio ?? '');
    await rowsWhen(
      studio,
      'Canjes',
      (rows) => rows.length === 1 && rows[0]?.includes(folio ?? '') === true,
    );
    await screenshot(studio, 'studio-redemption-queue');
    await studio.getByRole('link', { name: folio ?? '' }).click();
    await studio.getByRole('heading', { name: `Canje ${folio}` }).waitFor();
    await studio.getByLabel('Nota (opcional)').fill('Confirmamos existencias en almacén.');
    await studio.getByRole('button', { name: 'Marcar como “Aprobado”' }).click();
    await studio.getByText('El canje pasó a “Aprobado”.').waitFor();
    await expect.poll(() => steps.innerText()).toContain('Aprobado');
    await screenshot(studio, 'studio-redemption-detail');

    // The spreadsheet: the shipment, a folio that does not exist, and a jump the flow forbids.
    await navLink(studio, 'Estados por Excel').click();
    await studio.getByRole('heading', { name: 'Actualizar estados por Excel', level: 1 }).waitFor();
    const file = {
      name: 'estados-canjes.xlsx',
      mimeType: xlsxType,
      buffer: await statusWorkbook([
        {
          folio: folio ?? '',
          estado: 'Enviado',
          paqueteria: 'Estafeta',
          guia: 'EST-2026-004217',
          nota: 'Sale hoy del almacén de Monterrey.',
        },
        { folio: 'R-999999', estado: 'enviado' },
        { folio: byPhone.body.folio, estado: 'entregado' },
      ]),
    };
    await studio.locator('input[type="file"]').setInputFiles(file);
    await studio.getByRole('heading', { name: 'Vista previa' }).waitFor();
    const preview = await rowsWhen(studio, 'Filas del archivo', (rows) => rows.length === 3);
    expect(preview[0]).toContain('Correcta');
    expect(preview[1]).toContain('Error');
    expect(preview[2]).toContain('Error');
    // Nothing changed yet.
    expect(await steps.innerText()).not.toContain('Enviado');
    await screenshot(studio, 'studio-excel-preview');

    await studio.getByRole('button', { name: /^Aplicar/ }).click();
    await studio.getByRole('heading', { name: 'Resultado aplicado' }).waitFor();
    const download = studio.waitForEvent('download');
    await studio.getByRole('button', { name: 'Descargar resultado' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    await screenshot(studio, 'studio-excel-applied');

    // The customer's open page moved on by itself.
    await expect.poll(() => steps.innerText(), { timeout: 10_000 }).toContain('Enviado');
    expect(await steps.innerText()).toContain('Estafeta');
    expect(await portal.evaluate<string>('window.__lealtadE2e')).toBe('same page');
    await screenshot(portal, 'portal-redemption-shipped');

    // The same file again changes nothing.
    await studio.locator('input[type="file"]').setInputFiles(file);
    await studio.getByRole('heading', { name: 'Vista previa' }).waitFor();
    const again = await rowsWhen(studio, 'Filas del archivo', (rows) => rows.length === 3);
    expect(again[0]).toContain('Sin cambios');

    await portal.goto(`${baseUrl}/portal/redemptions`);
    await portal.getByRole('heading', { name: 'Mis canjes', level: 1 }).waitFor();
    await portal.getByText(folio ?? '').waitFor();
    await screenshot(portal, 'portal-my-redemptions');
  });

  test('on a phone, a customer cancels a redemption still requested and gets the points back', async () => {
    const superadmin = await apiAs('superadmin@demo.lealtad.mx');
    const mug = await createReward(
      superadmin,
      {
        code: `TAZA2-${Date.now().toString(36).toUpperCase()}`,
        name: 'Taza de cerámica',
        description: 'Taza de 350 ml con el logotipo del programa.',
        pointsCost: 250,
        stock: 10,
        category: 'hogar',
        deliveryMode: 'pickup',
      },
      await rewardPicture('cup', ['#a5f3fc', '#0e7490']),
    );
    const key = await partnerApiKey(apiAs);
    const before = (await postPurchase(key, 'DEMO-000017', 500_000)).balance;

    const portal = await openPage(phone);
    await signIn(portal, 'portal', 'cliente17@demo.lealtad.mx');
    await portal.goto(`${baseUrl}/portal/rewards/${mug.id}`);
    await portal.getByRole('button', { name: 'Canjear' }).click();
    await portal.getByRole('button', { name: 'Confirmar canje' }).click();
    await portal.getByText('¡Listo! Recibimos tu canje').waitFor();
    const balance = portal.locator('.balance__number');
    await expectNoSideScroll(portal);
    await screenshot(portal, 'portal-redemption-mobile');

    await portal.getByRole('button', { name: 'Cancelar canje' }).click();
    await portal
      .getByRole('dialog', { name: '¿Cancelar este canje?' })
      .getByRole('button', { name: 'Sí, cancelar' })
      .click();
    const steps = portal.getByRole('list', { name: timeline });
    await expect.poll(() => steps.innerText()).toContain('Cancelado');
    expect(await portal.getByRole('button', { name: 'Cancelar canje' }).count()).toBe(0);
    await portal.getByRole('navigation', { name: 'Secciones' }).getByText('Mis canjes').click();
    await expect.poll(() => balance.innerText()).toBe(esPoints(before));
    await screenshot(portal, 'portal-my-redemptions-mobile');
  });
});

describe('a large status spreadsheet', () => {
  test('applies in the background while the screen shows how far it got', async () => {
    const run = Date.now().toString(36).toUpperCase();
    const superadmin = await apiAs('superadmin@demo.lealtad.mx');
    const sticker = await createReward(
      superadmin,
      {
        code: `STK-${run}`,
        name: 'Calcomanía Lealtad',
        description: 'Una calcomanía de vinilo para tu termo.',
        pointsCost: 1,
        stock: null,
        category: 'hogar',
        deliveryMode: 'pickup',
      },
      await rewardPicture('ticket', ['#fbcfe8', '#be185d']),
    );
    // Twelve hundred requests from three customers, more than a request applies at once.
    const key = await partnerApiKey(apiAs);
    const callcenter = await apiAs('callcenter@demo.lealtad.mx');
    const owners = ['DEMO-000018', 'DEMO-000019', 'DEMO-000020'];
    const folios = (
      await Promise.all(
        owners.map(async (externalId) => {
          await postPurchase(key, externalId, 1_000_000);
          const [owner] = (
            await callcenter.get<{ items: { id: number }[] }>(`/api/customers?q=${externalId}`)
          ).items;
          const made: string[] = [];
          for (let n = 0; n < 400; n += 1) {
            const res = await callcenter.post<{ folio: string }>(
              `/api/customers/${owner?.id}/redemptions`,
              { rewardId: sticker.id, note: 'Entrega en tienda' },
            );
            expect(res.status, JSON.stringify(res.body)).toBe(201);
            made.push(res.body.folio);
          }
          return made;
        }),
      )
    ).flat();

    const studio = await openPage();
    await signIn(studio, 'studio', 'callcenter@demo.lealtad.mx');
    await studio.goto(`${baseUrl}/studio/redemption-imports`);
    await studio.getByRole('heading', { name: 'Actualizar estados por Excel', level: 1 }).waitFor();
    await studio.locator('input[type="file"]').setInputFiles({
      name: 'aprobados.xlsx',
      mimeType: xlsxType,
      buffer: await statusWorkbook(folios.map((folio) => ({ folio, estado: 'aprobado' }))),
    });
    await studio.getByRole('heading', { name: 'Vista previa' }).waitFor();
    await studio.getByRole('button', { name: 'Aplicar las filas correctas (1,200)' }).click();
    await studio.getByRole('heading', { name: 'Aplicando la carga' }).waitFor();
    await studio
      .getByRole('status')
      .filter({ hasText: /Aplicando: [\d,]+ de 1,200 filas/ })
      .waitFor();
    await screenshot(studio, 'studio-excel-applying');
    await studio.getByRole('heading', { name: 'Resultado aplicado' }).waitFor({ timeout: 60_000 });
    await studio.getByText('Cambios aplicados: 1,200.').waitFor();
    await screenshot(studio, 'studio-excel-applied-large');
  }, 180_000);
});
