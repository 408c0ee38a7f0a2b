import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
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
 * That first nudge heads for the target: towards the canvas's edge it would pan the canvas.
 */
export async function dragOnto(page: Page, source: Locator, target: Locator) {
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('Both ends of the drag must be on screen.');
  const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
  const end = { x: to.x + to.width / 2, y: to.y + to.height / 2 };
  const length = Math.hypot(end.x - start.x, end.y - start.y) || 1;
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(
    start.x + ((end.x - start.x) / length) * 20,
    start.y + ((end.y - start.y) / length) * 20,
    { steps: 5 },
  );
  await page.mouse.move(end.x, end.y, { steps: 10 });
  await page.mouse.up();
}

/**
 * Drags a block by its left edge (its words would open a field) to just under `below`, close
 * enough for Blockly to snap it into the stack there.
 */
export async function dragBlockUnder(page: Page, block: Locator, below: Locator) {
  const grab = await block.boundingBox();
  const under = await below.boundingBox();
  if (!grab || !under) throw new Error('The blocks are not on screen.');
  await page.mouse.move(grab.x + 4, grab.y + grab.height / 2);
  await page.mouse.down();
  await page.mouse.move(grab.x + 40, grab.y + 40, { steps: 5 });
  await page.mouse.move(under.x + 4, under.y + under.height / 2 + 44, { steps: 15 });
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

/** The canvas's pan and zoom, as React Flow writes them. */
export const canvasFraming = (page: Page) =>
  page.locator('.rule-canvas .react-flow__viewport').getAttribute('style');

/**
 * Waits until the canvas holds still: it frames the rule again, animated, when nodes come or go
 * or its room changes. `from`, when given, is a framing the canvas must have left first.
 */
export async function canvasSettled(page: Page, from?: string | null) {
  if (from !== undefined) await expect.poll(() => canvasFraming(page)).not.toBe(from);
  let last: string | null = null;
  await expect
    .poll(async () => {
      const now = await canvasFraming(page);
      const still = now === last;
      last = now;
      return still;
    })
    .toBe(true);
}
