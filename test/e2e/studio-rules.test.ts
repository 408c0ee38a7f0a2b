import { localTime } from '@lealtad/rules-schema';
import { describe, expect, test } from 'vitest';
import { screenshot } from './browser';
import { desktop, navLink, signIn, useBrowser, type StaffApi } from './helpers';
import {
  canvas,
  canvasFraming,
  canvasSettled,
  createRule,
  dragBlockUnder,
  dragOnto,
  node,
  palette,
  panel,
  viewportShot,
  waitSaved,
} from './rules';

const { openPage, apiAs } = useBrowser();

interface CustomerRow {
  id: number;
  firstName: string;
  lastName: string;
  balance: number;
  zone: { code: string };
}

/** The customer's balance as the superadmin reads it. */
async function balanceOf(superadmin: StaffApi, id: number): Promise<number> {
  return (await superadmin.get<CustomerRow>(`/api/customers/${id}`)).balance;
}

describe('studio: rules', () => {
  test('marketing builds "100 puntos en el cumpleaños" on the canvas, tests and publishes it; the birthday job pays it', async () => {
    const superadmin = await apiAs('superadmin@demo.lealtad.mx');
    const { items } = await superadmin.get<{ items: CustomerRow[] }>('/api/customers?pageSize=5');
    const customer = items[0];
    if (!customer) throw new Error('The demo has no customers.');
    const today = localTime(new Date(), 'America/Mexico_City').date;
    const birthDate = today.endsWith('02-29') ? '1992-02-29' : `1990-${today.slice(5)}`;
    const born = await superadmin.patch(`/api/customers/${customer.id}`, { birthDate });
    expect(born.status).toBe(200);
    // The seeded birthday rule pays its 100 first, so what follows is the new rule's alone.
    expect((await superadmin.post('/api/jobs/birthday/run', {})).status).toBe(200);
    const before = await balanceOf(superadmin, customer.id);

    const page = await openPage();
    await signIn(page, 'studio', 'marketing@demo.lealtad.mx');
    await createRule(page, '100 puntos en el cumpleaños', 'Cumpleaños');

    // An empty rule cannot be published, and says why on the canvas.
    const publish = page.getByRole('button', { name: 'Publicar', exact: true });
    expect(await publish.isDisabled()).toBe(true);
    await page.getByText('por corregir antes de publicar').waitFor();
    await screenshot(page, 'studio-rules-empty');

    // 100 fixed points, dragged from the palette onto the canvas.
    await dragOnto(page, palette(page).getByRole('button', { name: 'Puntos fijos' }), canvas(page));
    await node(page, 'effect', '100 puntos').waitFor();
    await panel(page).getByLabel('Puntos').fill('100');
    // Once a year: a limit per customer, clicked in.
    await palette(page).getByRole('button', { name: 'Límite por cliente' }).click();
    await panel(page).getByLabel('Periodo').selectOption({ label: 'Año' });
    await node(page, 'cap', 'Una vez al año').waitFor();
    // The words that come with the points.
    await node(page, 'trigger').click();
    await panel(page).getByLabel('Mensaje para el cliente').fill('¡Feliz cumpleaños! +100 puntos');
    await page
      .locator('.rule-summary')
      .getByText('Si hoy es el cumpleaños del cliente → 100 puntos, una vez al año')
      .waitFor();
    await page.getByText('Sin errores: la regla se puede publicar.').waitFor();
    await waitSaved(page);
    await screenshot(page, 'studio-rules-birthday-canvas');

    // Its test case, run in the browser.
    await panel(page).getByRole('tab', { name: 'Probar' }).click();
    await panel(page).getByRole('button', { name: 'Agregar caso de prueba' }).click();
    const form = panel(page).getByRole('form', { name: 'Agregar caso de prueba' });
    await form.getByLabel('Nombre del caso').fill('Cumpleaños');
    await form.getByLabel('Puntos esperados').fill('100');
    await form.getByRole('button', { name: 'Guardar caso' }).click();
    await panel(page).getByRole('button', { name: 'Ejecutar pruebas' }).click();
    await panel(page).getByText('1 de 1 pruebas pasan').waitFor();
    await waitSaved(page);
    await screenshot(page, 'studio-rules-birthday-tests');

    // Simulated for the customer born today: 100 points, the trigger painted as passed.
    await panel(page)
      .getByLabel('Cliente', { exact: true })
      .fill(`${customer.firstName} ${customer.lastName}`);
    await panel(page).getByRole('button', { name: 'Buscar' }).click();
    await panel(page)
      .getByRole('button', { name: `${customer.firstName} ${customer.lastName}` })
      .first()
      .click();
    await panel(page).getByRole('button', { name: 'Simular' }).click();
    await panel(page).getByText('Daría 100 puntos').waitFor();
    await screenshot(page, 'studio-rules-birthday-simulation');

    await publish.click();
    const dialog = page.getByRole('dialog', { name: 'Publicar la regla' });
    await dialog.getByLabel('Comentario').fill('Regalo de cumpleaños para todos los clientes');
    await dialog.getByRole('button', { name: 'Publicar ahora' }).click();
    await page.locator('.rule-editor__title').getByText('Publicada · v1').waitFor();
    await panel(page).getByRole('tab', { name: 'Versiones' }).click();
    await panel(page).getByText('«Regalo de cumpleaños para todos los clientes»').waitFor();
    await screenshot(page, 'studio-rules-birthday-published');

    // A change after publishing, made on the effect's blocks: listed against version 1 and
    // outlined on the canvas.
    await panel(page).getByRole('tab', { name: 'Editar' }).click();
    await node(page, 'effect').click();
    await page.getByRole('tab', { name: 'Bloques' }).click();
    await page.getByText('Editas con bloques lo que da la regla.').waitFor();
    const effects = page.locator('.rule-blocks .blocklyBlockCanvas');
    await effects.getByText('Dar', { exact: true }).waitFor();
    await effects.getByText('100', { exact: true }).click();
    await page.locator('.blocklyHtmlInput').fill('150');
    await page.keyboard.press('Enter');
    await page
      .locator('.rule-summary')
      .getByText('Si hoy es el cumpleaños del cliente → 150 puntos, una vez al año')
      .waitFor();
    await waitSaved(page);
    await page.locator('.rule-editor__title').getByText('Cambios sin publicar').waitFor();
    await screenshot(page, 'studio-rules-birthday-effect-blocks');
    await page.getByRole('tab', { name: 'Lienzo' }).click();
    await panel(page).getByRole('tab', { name: 'Versiones' }).click();
    await panel(page)
      .getByRole('list', { name: 'Cambios entre versiones' })
      .getByText('100 → 150')
      .waitFor();
    await node(page, 'effect').getByText('Cambió').waitFor();
    await screenshot(page, 'studio-rules-birthday-diff');

    expect((await superadmin.post('/api/jobs/birthday/run', {})).status).toBe(200);
    expect(await balanceOf(superadmin, customer.id)).toBe(before + 100);

    // On the map of live rules, beside the seeded birthday rule; a click opens it.
    await page.getByRole('link', { name: 'Reglas', exact: true }).first().click();
    await page.getByRole('link', { name: 'Mapa de reglas' }).click();
    const map = page.locator('.rule-map');
    await map.getByText('Cumpleaños: 100 puntos').waitFor();
    await map.getByText('100 puntos en el cumpleaños').waitFor();
    await map.getByText('Tasa base: 1 punto por cada $10').waitFor();
    await screenshot(page, 'studio-rules-map');
    await map.getByText('100 puntos en el cumpleaños').click();
    await page.getByRole('heading', { name: '100 puntos en el cumpleaños', level: 1 }).waitFor();
  });

  test('marketing builds the Norte double points on the canvas and simulates them for a SUR customer: the zone check is red with "Sur"', async () => {
    const superadmin = await apiAs('superadmin@demo.lealtad.mx');
    const { items } = await superadmin.get<{ items: CustomerRow[] }>('/api/customers?pageSize=50');
    // A SUR customer with stored purchases, to replay one of them too.
    let sur: CustomerRow | undefined;
    for (const candidate of items.filter((customer) => customer.zone.code === 'SUR')) {
      const { items: bought } = await superadmin.get<{ items: unknown[] }>(
        `/api/rules/simulation/customers/${candidate.id}/purchases`,
      );
      if (bought.length > 0) {
        sur = candidate;
        break;
      }
    }
    if (!sur) throw new Error('The demo has no SUR customer with purchases.');

    const page = await openPage();
    await signIn(page, 'studio', 'marketing@demo.lealtad.mx');
    await createRule(page, 'Norte: doble en compras desde $500', 'Compra');

    // For zone NORTE only.
    await node(page, 'audience').click();
    await panel(page).getByRole('checkbox', { name: 'Norte' }).check();
    // From $500: a condition dropped onto the group, typed in pesos.
    await dragOnto(
      page,
      palette(page).getByRole('button', { name: 'Condición' }),
      node(page, 'group'),
    );
    await panel(page).getByLabel('Comparación').selectOption({ label: 'es al menos' });
    await panel(page).getByLabel('Monto en pesos').fill('500');
    await node(page, 'condition', 'monto de la compra es $500 o más').waitFor();
    // In December: a second condition in the same group.
    await palette(page).getByRole('button', { name: 'Condición' }).click();
    await panel(page).getByLabel('Dato').selectOption({ label: 'Mes' });
    await panel(page).getByLabel('Valor').fill('12');
    await node(page, 'condition', 'mes es diciembre').waitFor();
    // Double points, at most 1,000 a month.
    await palette(page).getByRole('button', { name: 'Multiplicador' }).click();
    await palette(page).getByRole('button', { name: 'Límite por cliente' }).click();
    await panel(page).getByLabel('Puntos como máximo').fill('1000');
    await panel(page).getByLabel('Veces como máximo').fill('');
    await node(page, 'cap', 'Máximo 1,000 puntos al mes').waitFor();
    await page
      .locator('.rule-summary')
      .getByText(
        'En cada compra, para clientes de la zona Norte, si monto de la compra es $500 o más y mes es diciembre → puntos dobles sobre la tasa base, máximo 1,000 puntos al mes',
      )
      .waitFor();
    await waitSaved(page);
    await screenshot(page, 'studio-rules-norte-canvas');

    // Connecting nodes moves a condition: a new «alguna» group connected to the month takes it
    // in; two undos put the rule back as it was.
    await node(page, 'group').click();
    await palette(page).getByRole('button', { name: 'Grupo «alguna»' }).click();
    const anyGroup = node(page, 'group', 'Si se cumple alguna');
    await anyGroup.waitFor();
    await canvasSettled(page);
    await dragOnto(
      page,
      anyGroup.locator('.react-flow__handle-right'),
      node(page, 'condition', 'mes es diciembre').locator('.react-flow__handle-left'),
    );
    await anyGroup.getByText('1 condición').waitFor();
    await node(page, 'group', 'Si se cumplen todas').getByText('2 condiciones').waitFor();
    await screenshot(page, 'studio-rules-norte-connected');
    await canvas(page).click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await anyGroup.waitFor({ state: 'detached' });
    await node(page, 'group', 'Si se cumplen todas').getByText('2 condiciones').waitFor();
    await waitSaved(page);

    // The same conditions as blocks, money in pesos.
    await page.getByRole('tab', { name: 'Bloques' }).click();
    const blocks = page.locator('.rule-blocks');
    await blocks.getByText('Monto de la compra').waitFor();
    await blocks.getByText('Mes', { exact: true }).waitFor();
    await screenshot(page, 'studio-rules-norte-blocks');
    await page.getByRole('tab', { name: 'Lienzo' }).click();

    // A $600 purchase in December by a SUR customer: the zone check fails on "Sur".
    await panel(page).getByRole('tab', { name: 'Probar' }).click();
    await panel(page).getByLabel('Cliente', { exact: true }).fill(sur.lastName);
    await panel(page).getByRole('button', { name: 'Buscar' }).click();
    await panel(page)
      .getByRole('button', { name: `${sur.firstName} ${sur.lastName}` })
      .first()
      .click();
    await panel(page).getByLabel('Monto de la compra').fill('600');
    await panel(page).getByLabel('Fecha').fill(`${new Date().getFullYear()}-12-10`);
    await panel(page).getByRole('button', { name: 'Simular' }).click();
    await panel(page).getByText('Daría 0 puntos').waitFor();
    const audience = node(page, 'audience');
    await audience.getByText('Zonas: No se cumple · valor: Sur').waitFor();
    expect(await audience.getAttribute('class')).toContain('rule-node--failed');
    const amount = node(page, 'condition', 'monto de la compra');
    expect(await amount.innerText()).toContain('valor: $600');
    expect(await amount.getAttribute('class')).toContain('rule-node--passed');
    await screenshot(page, 'studio-rules-norte-simulation');
    await viewportShot(page, 'studio-rules-norte-simulation-1280x800');
    // On a larger screen the canvas takes the room: the drawing is framed again.
    const framed = await canvasFraming(page);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await canvasSettled(page, framed);
    await viewportShot(page, 'studio-rules-norte-simulation-1920x1080');
    await page.setViewportSize(desktop);

    // One of the customer's own stored purchases, replayed: the zone fails the same way.
    await panel(page).getByText('Guardada', { exact: true }).click();
    const stored = panel(page).getByRole('group', { name: 'Sus últimas compras' });
    await stored.getByRole('radio').first().check();
    await panel(page).getByRole('button', { name: 'Simular' }).click();
    await audience.getByText('Zonas: No se cumple · valor: Sur').waitFor();
    await screenshot(page, 'studio-rules-norte-simulation-stored');

    // The trace on the blocks too; then the month changed and a condition dragged in as blocks.
    await page.getByRole('tab', { name: 'Bloques' }).click();
    const workspace = page.locator('.rule-blocks .blocklyBlockCanvas');
    await workspace.getByText('Monto de la compra').waitFor();
    await screenshot(page, 'studio-rules-norte-simulation-blocks');
    await workspace.getByText('12', { exact: true }).click();
    await page.locator('.blocklyHtmlInput').fill('11');
    await page.keyboard.press('Enter');
    await page.locator('.rule-summary').getByText('mes es noviembre').waitFor();
    const category = await page
      .locator('.blocklyToolbox')
      .getByText('Del cliente', { exact: true })
      .boundingBox();
    if (!category) throw new Error('The toolbox is not on screen.');
    await page.mouse.click(category.x + 10, category.y + category.height / 2);
    await dragBlockUnder(
      page,
      page.locator('.blocklyFlyout').getByText('Zona del cliente'),
      workspace.getByText('Mes', { exact: true }),
    );
    await page
      .locator('.rule-summary')
      .getByText('mes es noviembre y zona del cliente es')
      .waitFor();
    // The empty zone is an error, pinned to its block and refusing the publish.
    await page.getByText('espera un texto no vacío').waitFor();
    await page.locator('.rule-blocks .blocklyWarningIcon').first().waitFor();
    expect(await page.getByRole('button', { name: 'Publicar', exact: true }).isDisabled()).toBe(
      true,
    );
    await screenshot(page, 'studio-rules-norte-blocks-edited');

    // In English the blocks are drawn again in English, with the same logic.
    await page.getByRole('group', { name: 'Idioma' }).getByRole('button').last().click();
    await workspace.getByText('Purchase amount').waitFor();
    await workspace.getByText('Customer zone').waitFor();
    await page.locator('.rule-summary').getByText('month is November').waitFor();
    await screenshot(page, 'studio-rules-norte-blocks-en');
  });

  test('two people on one draft: the later save is refused with a clear message and overwrites nothing', async () => {
    const page = await openPage();
    await signIn(page, 'studio', 'marketing@demo.lealtad.mx');
    await navLink(page, 'Reglas').click();
    const table = page.getByRole('table', { name: 'Reglas de puntos' });
    await table.getByRole('link', { name: 'Tasa base: 1 punto por cada $10' }).waitFor();
    expect(await table.innerText()).toContain('Publicada · v1');
    await screenshot(page, 'studio-rules-list');
    await page.getByLabel('Estado').selectOption({ label: 'Borrador' });
    await page.getByRole('button', { name: /Quitar el filtro Estado/ }).waitFor();
    await table.getByRole('link', { name: 'Tasa base: 1 punto por cada $10' }).waitFor({
      state: 'detached',
    });
    await page.getByRole('button', { name: 'Quitar el filtro Estado: Borrador' }).click();
    await table.getByRole('link', { name: 'Tasa base: 1 punto por cada $10' }).click();
    await page
      .getByRole('heading', { name: 'Tasa base: 1 punto por cada $10', level: 1 })
      .waitFor();

    // Someone else saves the same draft first.
    const superadmin = await apiAs('superadmin@demo.lealtad.mx');
    const { items } = await superadmin.get<{ items: { id: number; key: string }[] }>(
      '/api/rules?q=tasa-base',
    );
    const id = items.find((rule) => rule.key === 'tasa-base')?.id;
    const theirs = await superadmin.get<{ draft: unknown; draftRevision: number }>(
      `/api/rules/${id}`,
    );
    const saved = await superadmin.put(`/api/rules/${id}/draft`, {
      document: theirs.draft,
      revision: theirs.draftRevision,
    });
    expect(saved.status).toBe(200);

    await node(page, 'trigger').click();
    await panel(page).getByLabel('Nombre de la regla').fill('Tasa base editada');
    await page.getByText('Alguien más guardó esta regla mientras la editabas').waitFor();
    await page.getByRole('status').filter({ hasText: 'No guardado: conflicto' }).waitFor();
    expect(await page.getByRole('button', { name: 'Publicar', exact: true }).isDisabled()).toBe(
      true,
    );
    await screenshot(page, 'studio-rules-conflict');
    const after = await superadmin.get<{ name: string; draftRevision: number }>(`/api/rules/${id}`);
    expect(after).toMatchObject({
      name: 'Tasa base: 1 punto por cada $10',
      draftRevision: theirs.draftRevision + 1,
    });

    // Their version comes back into the editor.
    await page.getByRole('button', { name: 'Cargar la versión guardada' }).click();
    await page.getByRole('status').filter({ hasText: 'Borrador guardado' }).waitFor();
    await node(page, 'trigger').click();
    expect(await panel(page).getByLabel('Nombre de la regla').inputValue()).toBe(
      'Tasa base: 1 punto por cada $10',
    );
  });
});
