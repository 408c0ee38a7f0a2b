import { describe, expect, test } from 'vitest';
import { screenshot } from './browser';
import {
  baseUrl,
  expectNoSideScroll,
  importCardRange,
  masked,
  phone,
  signIn,
  unknownCardNumber,
  useBrowser,
} from './helpers';

const { openPage, apiAs } = useBrowser();

/** A valid-looking number whose check digit is wrong. */
const typo = (number: string) => `${number.slice(0, 15)}${(Number(number.at(-1)) + 1) % 10}`;

describe('cards', () => {
  test('call center activates a card, takes a theft report and follows it to the end', async () => {
    const [first, replacement] = (await importCardRange(apiAs, '7701', 2)) as [string, string];
    const superadmin = await apiAs('superadmin@demo.lealtad.mx');
    const [taken] = (
      await superadmin.get<{ items: { number: string }[] }>('/api/cards?status=active&pageSize=1')
    ).items;

    const page = await openPage();
    await signIn(page, 'studio', 'callcenter@demo.lealtad.mx');
    await page.goto(`${baseUrl}/studio/customers?q=DEMO-000010`);
    const link = page.getByRole('table', { name: 'Clientes' }).getByRole('link');
    await link.waitFor();
    const name = (await link.innerText()).trim();
    await link.click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    const cards = page.getByRole('region', { name: 'Tarjetas' });
    await cards.getByText('Sin tarjeta todavía.').waitFor();

    await cards.getByRole('button', { name: 'Activar tarjeta' }).click();
    const dialog = page.getByRole('dialog', { name: 'Activar tarjeta' });
    const field = dialog.getByLabel('Número de tarjeta');
    const submit = dialog.getByRole('button', { name: 'Activar tarjeta' });
    // Each problem in Spanish, next to the number.
    await field.fill('1234 5678');
    await submit.click();
    await dialog.getByText('El número de tarjeta debe tener 16 dígitos.').waitFor();
    await field.fill(typo(first));
    await submit.click();
    await dialog.getByText('falla el dígito verificador').waitFor();
    await field.fill(unknownCardNumber());
    await submit.click();
    await dialog.getByText('Ese número de tarjeta no está registrado en el inventario.').waitFor();
    await field.fill(taken?.number ?? '');
    await submit.click();
    await dialog.getByText('Esa tarjeta ya está asignada a un cliente.').waitFor();
    // Typed as printed, in groups of four.
    expect(await field.inputValue()).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    await screenshot(page, 'studio-card-activate-error');
    await field.fill(first);
    await submit.click();
    await page.getByText(`Activamos la tarjeta ${masked(first)}.`).waitFor();
    const list = cards.getByRole('list', { name: 'Tarjetas' });
    expect(await list.innerText()).toContain(masked(first));
    expect(await list.innerText()).toContain('Activa');
    expect(await list.innerText()).not.toContain(first);

    // Stolen: blocked at once, and the report starts its timeline.
    await cards.getByRole('button', { name: 'Reportar' }).click();
    const report = page.getByRole('dialog', { name: 'Reportar extravío o robo' });
    await report.locator('label', { hasText: 'Robo' }).click();
    expect(await report.getByLabel('Robo').isChecked()).toBe(true);
    await report.getByLabel('Nota (opcional)').fill('Le robaron la cartera en el centro.');
    await report.getByRole('button', { name: 'Reportar y bloquear' }).click();
    await page.getByText(`La tarjeta ${masked(first)} quedó bloqueada.`).waitFor();
    const open = cards.getByRole('article', { name: 'Reporte por robo' });
    await open.getByText(`Tarjeta ${masked(first)} reportada por robo; quedó bloqueada.`).waitFor();
    expect(await open.innerText()).toContain('por Carlos Call Center');
    expect(await open.innerText()).toContain('Le robaron la cartera en el centro.');
    expect(await list.innerText()).toContain('Bloqueada');

    // Replacement: issued from stock, then activated, then the report closed.
    await open.getByRole('button', { name: 'Emitir reposición' }).click();
    const issue = page.getByRole('dialog', { name: 'Emitir tarjeta de reposición' });
    await issue.getByLabel('Número de la tarjeta nueva').fill(first);
    await issue.getByRole('button', { name: 'Emitir reposición' }).click();
    await issue.getByText('Esa tarjeta está bloqueada').waitFor();
    await issue.getByLabel('Número de la tarjeta nueva').fill(replacement);
    await issue.getByRole('button', { name: 'Emitir reposición' }).click();
    await open.getByText('Reposición emitida').first().waitFor();
    await open.getByText(`Esperando a que se active la tarjeta ${masked(replacement)}.`).waitFor();

    await open.getByRole('button', { name: 'Activar reposición' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Activar reposición' }).click();
    await page
      .getByText(`La tarjeta de reposición ${masked(replacement)} ya está activa.`)
      .waitFor();
    await open.getByText('Se activó la tarjeta de reposición.').waitFor();
    expect(await list.innerText()).toContain('Sustituida');
    await screenshot(page, 'studio-card-report');

    await open.getByRole('button', { name: 'Cerrar reporte' }).click();
    const close = page.getByRole('dialog', { name: 'Cerrar el reporte' });
    await close.getByLabel('Nota (opcional)').fill('El cliente ya usa su tarjeta nueva.');
    await close.getByRole('button', { name: 'Cerrar reporte' }).click();
    await page.getByText('Cerramos el reporte.').waitFor();
    await cards.getByText('Reportes cerrados (1)').click();
    await cards.getByText('Se cerró el reporte.').waitFor();
    await screenshot(page, 'studio-card-report-closed');
  });

  test('a customer activates a card in the portal and reports it lost, on a phone', async () => {
    const [number] = (await importCardRange(apiAs, '7702', 1)) as [string];
    const page = await openPage(phone);
    await signIn(page, 'portal', 'cliente20@demo.lealtad.mx');
    await page.getByRole('navigation', { name: 'Secciones' }).getByText('Mi tarjeta').click();
    await page.getByRole('heading', { name: 'Activa tu tarjeta' }).waitFor();
    await page.getByLabel('Número de tarjeta').fill(typo(number));
    await page.getByRole('button', { name: 'Activar tarjeta' }).click();
    await page.getByText('falla el dígito verificador').waitFor();
    await page.getByLabel('Número de tarjeta').fill(number);
    await page.getByRole('button', { name: 'Activar tarjeta' }).click();
    await page.getByText(`¡Listo! Tu tarjeta ${masked(number)} ya está activa.`).waitFor();
    await page.getByRole('heading', { name: 'Tu tarjeta', exact: true }).waitFor();
    expect(await page.locator('.card-face').innerText()).toContain(number.slice(-4));
    await expectNoSideScroll(page);
    await screenshot(page, 'portal-card-active-mobile');

    await page.getByRole('button', { name: 'Reportar extravío o robo' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reportar tu tarjeta' });
    await dialog.getByText('La tarjeta se bloquea en cuanto se envía el reporte').waitFor();
    await screenshot(page, 'portal-card-report-dialog-mobile');
    await dialog.getByRole('button', { name: 'Reportar y bloquear' }).click();
    await page.getByText(`Bloqueamos tu tarjeta ${masked(number)}.`).waitFor();
    const report = page.getByRole('region', { name: 'Reporte por extravío' });
    await report
      .getByText(`Tarjeta ${masked(number)} reportada por extravío; quedó bloqueada.`)
      .waitFor();
    expect(await report.innerText()).toContain('Reportada');
    // The customer's view says when, not who.
    for (const meta of await report.locator('.timeline__meta').allInnerTexts()) {
      expect(meta).not.toContain('·');
    }
    await page.getByRole('heading', { name: 'Activa tu tarjeta' }).waitFor();
    await expectNoSideScroll(page);
    await screenshot(page, 'portal-card-reported-mobile');
  });
});
