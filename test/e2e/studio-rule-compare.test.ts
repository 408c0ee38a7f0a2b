import path from 'node:path';
import type { RuleDocumentInput } from '@lealtad/rules-schema';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { screenshot, screenshotDir } from './browser';
import { baseUrl, expectNoSideScroll, signIn, useBrowser, type StaffApi } from './helpers';

const { openPage, apiAs } = useBrowser();

interface RuleDetail {
  id: number;
  draft: RuleDocumentInput;
  draftRevision: number;
}

const side = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const node = (within: Locator, kind: string, text?: string) => {
  const nodes = within.locator(`[data-testid="nodo-${kind}"]`);
  return text ? nodes.filter({ hasText: text }) : nodes.first();
};
const changeList = (page: Page) => page.getByRole('list', { name: 'Lista de cambios' });

/** What fits in the window, as a person at 1280×800 first sees it. */
async function viewportShot(page: Page, name: string) {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

/** The node is drawn with the mark (the marks come once both versions are read). */
async function expectMarked(target: Locator, mark: 'changed' | 'added' | 'removed') {
  await target.waitFor();
  await expect
    .poll(() => target.getAttribute('class'), { timeout: 5_000 })
    .toContain(`rule-node--${mark}`);
}

/** Saves a new draft over the rule's current one. */
async function saveDraft(
  marketing: StaffApi,
  id: number,
  change: (draft: RuleDocumentInput) => RuleDocumentInput,
) {
  const detail = await marketing.get<RuleDetail>(`/api/rules/${id}`);
  const saved = await marketing.put(`/api/rules/${id}/draft`, {
    document: change(detail.draft),
    revision: detail.draftRevision,
  });
  expect(saved.status).toBe(200);
}

async function publish(marketing: StaffApi, id: number, comment: string) {
  const published = await marketing.post(`/api/rules/${id}/publish`, { comment });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
}

describe('studio: comparing versions of a rule', () => {
  test('marketing compares version 1 with version 2 side by side, then version 2 with the draft', async () => {
    const marketing = await apiAs('marketing@demo.lealtad.mx');
    const name = 'Compras: puntos de bienvenida';
    const created = await marketing.post<RuleDetail>('/api/rules', {
      document: {
        key: `comparar-${Date.now()}`,
        name,
        trigger: { type: 'purchase' },
        conditions: { all: [] },
        effects: [{ id: 'bono', type: 'fixedPoints', points: 100 }],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { id } = created.body;
    try {
      await publish(marketing, id, 'Primera versión: 100 puntos en cada compra');
      // Version 2: more points, and only from $500.
      await saveDraft(marketing, id, (draft) => ({
        ...draft,
        conditions: {
          all: [
            {
              id: 'minimo',
              fact: 'purchase.amount',
              operator: 'greaterThanInclusive',
              value: 50_000,
            },
          ],
        },
        effects: [{ id: 'bono', type: 'fixedPoints', points: 150 }],
      }));
      await publish(marketing, id, 'Más puntos, desde $500');

      const page = await openPage();
      await signIn(page, 'studio', 'marketing@demo.lealtad.mx');
      await page.goto(`${baseUrl}/studio/rules/${id}`);
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      await page.getByRole('tab', { name: 'Versiones' }).click();
      await page.getByRole('button', { name: 'Comparar', exact: true }).click();

      // Nothing is waiting in the draft: the two newest versions, 1 on the left and 2 on the right.
      await page.getByRole('heading', { name: 'Comparar versiones', level: 1 }).waitFor();
      expect(await page.getByLabel('De', { exact: true }).inputValue()).toBe('1');
      expect(await page.getByLabel('A', { exact: true }).inputValue()).toBe('2');
      const left = side(page, 'Versión 1');
      const right = side(page, 'Versión 2');
      await left.getByText('«Primera versión: 100 puntos en cada compra»').waitFor();
      await right.getByText('«Más puntos, desde $500»').waitFor();
      await right.getByText('En vivo').waitFor();
      // Both canvases, each read on its own.
      await left.locator('.react-flow').waitFor();
      await right.locator('.react-flow').waitFor();

      // The effect changed on both sides; the condition is new on the right and absent on the left.
      await expectMarked(node(left, 'effect', '100 puntos'), 'changed');
      await expectMarked(node(right, 'effect', '150 puntos'), 'changed');
      await node(left, 'effect').getByText('Cambió').waitFor();
      const condition = node(right, 'condition', 'monto de la compra es $500 o más');
      await expectMarked(condition, 'added');
      await condition.getByText('Nuevo').waitFor();
      expect(await node(left, 'condition').count()).toBe(0);
      // The group that gained it is outlined on both sides.
      await expectMarked(node(left, 'group'), 'changed');
      await expectMarked(node(right, 'group'), 'changed');

      const changes = changeList(page);
      await changes.getByText('100 → 150').waitFor();
      await changes.getByText('monto de la compra es $500 o más').waitFor();
      await viewportShot(page, 'studio-rule-compare-v1-v2-1280x800');
      // At 1280×800 both canvases and the changes fit the window, and nothing scrolls sideways.
      expect(
        await page.evaluate<number>(
          'document.documentElement.scrollHeight - document.documentElement.clientHeight',
        ),
      ).toBe(0);
      await expectNoSideScroll(page);

      // A change picked in the list is brought into view and picked out on both sides.
      const points = changes.getByRole('button', { name: /Premios › #1 › puntos/ });
      await points.click();
      await expect.poll(() => points.getAttribute('aria-pressed')).toBe('true');
      for (const effect of [node(left, 'effect'), node(right, 'effect')]) {
        await expect
          .poll(() => effect.getAttribute('class'), { timeout: 5_000 })
          .toContain('rule-node--selected');
      }
      await screenshot(page, 'studio-rule-compare-v1-v2-picked');
      await page
        .locator('.rule-compare__changes')
        .screenshot({ path: path.join(screenshotDir, 'studio-rule-compare-v1-v2-changes.png') });

      // A change in the draft: 200 points and once a month at most.
      await saveDraft(marketing, id, (draft) => ({
        ...draft,
        effects: [{ id: 'bono', type: 'fixedPoints', points: 200 }],
        caps: { perCustomer: [{ period: 'month', maxTimes: 1 }] },
      }));
      await page.getByRole('link', { name: 'Volver al editor' }).click();
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      await page.getByRole('tab', { name: 'Versiones' }).click();
      await page.getByRole('button', { name: 'Comparar', exact: true }).click();

      // The draft differs from the live version: that is the comparison that opens.
      await page.getByRole('heading', { name: 'Comparar versiones', level: 1 }).waitFor();
      expect(await page.getByLabel('De', { exact: true }).inputValue()).toBe('2');
      expect(await page.getByLabel('A', { exact: true }).inputValue()).toBe('draft');
      const live = side(page, 'Versión 2');
      const draft = side(page, 'Borrador');
      await draft.getByText('Sin publicar').waitFor();
      await expectMarked(node(live, 'effect', '150 puntos'), 'changed');
      await expectMarked(node(draft, 'effect', '200 puntos'), 'changed');
      await expectMarked(node(draft, 'cap', 'Una vez al mes'), 'added');
      expect(await node(live, 'condition').getAttribute('class')).not.toMatch(
        /rule-node--(changed|added|removed)/,
      );
      await changeList(page).getByText('150 → 200').waitFor();
      await changeList(page).getByText('Una vez al mes').waitFor();
      await viewportShot(page, 'studio-rule-compare-v2-draft-1280x800');

      // Swapped, the limit the draft adds reads as taken out of the left-hand side.
      await page.getByRole('button', { name: 'Intercambiar' }).click();
      await expect.poll(() => page.getByLabel('De', { exact: true }).inputValue()).toBe('draft');
      const removed = node(side(page, 'Borrador'), 'cap', 'Una vez al mes');
      await expectMarked(removed, 'removed');
      await removed.getByText('Se quitó').waitFor();
      await screenshot(page, 'studio-rule-compare-draft-v2');

      // In English too.
      await page.getByRole('group', { name: 'Idioma' }).getByRole('button').last().click();
      await page.getByRole('heading', { name: 'Compare versions', level: 1 }).waitFor();
      await node(side(page, 'Draft'), 'cap', 'Once a month').getByText('Removed').waitFor();
      await page.getByRole('list', { name: 'List of changes' }).getByText('200 → 150').waitFor();
      await viewportShot(page, 'studio-rule-compare-draft-v2-en-1280x800');

      await page.getByRole('link', { name: 'Back to the editor' }).click();
      await page.getByRole('heading', { name, level: 1 }).waitFor();
    } finally {
      // Nothing live stays behind to pay other tests' purchases.
      const retired = await marketing.post(`/api/rules/${id}/retire`, {
        comment: 'Fin de la prueba',
      });
      expect(retired.status).toBe(200);
    }
  });
});
