import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { screenshotDir } from './browser';
import { navLink } from './helpers';

// The rules editor as the browser tests drive it: its parts by role and name, and its gestures.

export const canvas = (page: Page) => page.locator('.rule-canvas');
export const node = (page: Page, kind: string, text?: string) => {
  const nodes = page.locator(`[data-testid="nodo-${kind}"]`);
  return text ? nodes.filter({ hasText: text }) : nodes.first();
};
export const panel = (page: Page) =>
  page.getByRole('complementary', { name: 'Detalles de la regla' });
export const palette = (page: Page) => page.getByRole('toolbar', { name: 'Piezas de la regla' });

export async function createRule(page: Page, name: string, trigger: string) {
  await navLink(page, 'Reglas').click();
  await page.getByRole('heading', { name: 'Reglas', level: 1 }).waitFor();
  await page
    .getByRole('table', { name: 'Reglas de puntos' })
    .locator('tbody > tr')
    .first()
    .waitFor();
  await page.getByRole('button', { name: 'Nueva regla' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nueva regla' });
  await dialog.getByLabel('Nombre', { exact: true }).fill(name);
  await dialog.getByLabel('Disparador').selectOption({ label: trigger });
  await dialog.getByRole('button', { name: 'Crear y abrir' }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

/**
 * Drags with the mouse, step by step: the browser starts an HTML drag only after the pointer
 * has moved a little with the button down (one jump, as in locator.dragTo, starts none here).
 */
export async function dragOnto(page: Page, source: Locator, target: Locator) {
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('Both ends of the drag must be on screen.');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2 + 20, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
  await page.mouse.up();
}

/** What fits in the window, as a person at 1280×800 first sees it. */
export async function viewportShot(page: Page, name: string) {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

export async function waitSaved(page: Page) {
  await page.getByRole('status').filter({ hasText: 'Borrador guardado' }).waitFor();
}
