import { describe, expect, test } from 'vitest';
import { screenshot } from './browser';
import { signIn, useBrowser } from './helpers';
import { createRule, dragBlockUnder, node, palette, panel, viewportShot, waitSaved } from './rules';

const { openPage, apiAs } = useBrowser();

interface Choices {
  cities: { value: string; label: string; state: string }[];
  rewards: { value: string; label: string }[];
}

describe('studio: rule values from the platform', () => {
  test('marketing picks a purchase category in the side panel, finds "Ciudad" by searching the blocks and picks a city from its dropdown', async () => {
    const marketing = await apiAs('marketing@demo.lealtad.mx');
    const { cities, rewards } = await marketing.get<Choices>('/api/rules/choices');
    const city = cities[0];
    const reward = rewards[0];
    if (!city || !reward) throw new Error('The demo has no places or no rewards.');

    const page = await openPage();
    await signIn(page, 'studio', 'marketing@demo.lealtad.mx');
    await createRule(page, 'Electrónica por ciudad', 'Compra');

    // The category is chosen from the platform's purchases, not typed.
    await palette(page).getByRole('button', { name: 'Condición' }).click();
    await panel(page).getByLabel('Dato').selectOption({ label: 'Categoría de la compra' });
    await panel(page).getByLabel('Valor').selectOption({ label: 'electrónica' });
    await node(page, 'condition', 'categoría de la compra es electrónica').waitFor();
    await waitSaved(page);
    await screenshot(page, 'studio-rule-choices-panel');

    // In the blocks, the toolbox search opens its results: the city block is among them.
    await page.getByRole('tab', { name: 'Bloques' }).click();
    // The workspace's own blocks, not the toolbox flyout's.
    const workspace = page.locator('.rule-blocks svg.blocklySvg .blocklyBlockCanvas');
    const category = workspace.getByText('Categoría de la compra');
    await category.waitFor();
    await workspace.getByText('electrónica').waitFor();
    // Accents aside: "categoria" finds "Categoría de la compra".
    const search = page.getByLabel('Buscar bloque');
    await search.fill('categoria');
    await page.locator('.blocklyToolbox').getByText('Resultados (1)').waitFor();
    await page.locator('.blocklyFlyout').getByText('Categoría de la compra').waitFor();
    // Typed key by key: the results open at each word without taking the box's focus.
    await search.fill('');
    await search.pressSequentially('CIUDAD');
    await page.locator('.blocklyToolbox').getByText('Resultados (1)').waitFor();
    expect(await search.inputValue()).toBe('CIUDAD');
    const found = page.locator('.blocklyFlyout').getByText('Ciudad', { exact: true });
    await found.waitFor();
    await viewportShot(page, 'studio-rule-choices-search-1280x800');

    // Dragged under the category condition, it joins the group empty, then a city is picked.
    await dragBlockUnder(page, found, category);
    await page.getByText('espera un texto no vacío').waitFor();
    await workspace.getByText('Elige…').click();
    const menu = page.locator('.blocklyDropDownDiv');
    await menu.getByText(city.label, { exact: true }).waitFor();
    // The menu fades in: the picture waits until it is fully drawn.
    await expect
      .poll(() =>
        page.evaluate("getComputedStyle(document.querySelector('.blocklyDropDownDiv')).opacity"),
      )
      .toBe('1');
    await viewportShot(page, 'studio-rule-choices-city-menu-1280x800');
    await menu.getByText(city.label, { exact: true }).click();
    await page
      .locator('.rule-summary')
      .getByText(`categoría de la compra es electrónica y ciudad es ${city.value}`)
      .waitFor();
    await waitSaved(page);
    await viewportShot(page, 'studio-rule-choices-blocks-1280x800');

    // Back on the canvas, the side panel shows the city picked in the blocks, under its state.
    await page.getByRole('tab', { name: 'Lienzo' }).click();
    await node(page, 'condition', `ciudad es ${city.value}`).click();
    const value = panel(page).getByLabel('Valor');
    expect(await value.inputValue()).toBe(city.value);
    expect(
      await value.locator(`optgroup[label="${city.state}"] > option`).allInnerTexts(),
    ).toContain(city.label);

    // The prize is a catalog reward picked by its name; the rule stores its code.
    await palette(page).getByRole('button', { name: 'Puntos fijos' }).click();
    await panel(page).getByLabel('Tipo de premio').selectOption({ label: 'Premio del catálogo' });
    await panel(page).getByLabel('Premio del catálogo').selectOption({ label: reward.label });
    // The words name it too; the saved draft keeps the code.
    await page.locator('.rule-summary').getByText(`el premio «${reward.label}»`).waitFor();
    await page.getByText('Sin errores: la regla se puede publicar.').waitFor();
    await waitSaved(page);
    const { items } = await marketing.get<{ items: { id: number; name: string }[] }>(
      '/api/rules?q=Electrónica por ciudad',
    );
    const saved = await marketing.get<{ draft: { effects: { rewardId?: string }[] } }>(
      `/api/rules/${items[0]?.id}`,
    );
    expect(saved.draft.effects.map((effect) => effect.rewardId)).toContain(reward.value);
    await screenshot(page, 'studio-rule-choices-reward');

    // The audience's customer types are checked by name and stored by code.
    await node(page, 'audience').click();
    await panel(page)
      .getByRole('group', { name: 'Tipos de cliente' })
      .getByRole('checkbox', { name: 'Frecuente' })
      .check();
    await page.locator('.rule-summary').getByText('para clientes de tipo FRECUENTE').waitFor();
    await waitSaved(page);
    await screenshot(page, 'studio-rule-choices-audience');

    // A simulated purchase suggests the categories purchases carry.
    await panel(page).getByRole('tab', { name: 'Probar' }).click();
    const categoryList = await panel(page).getByLabel('Categoría').getAttribute('list');
    expect(
      await page.locator(`datalist[id="${categoryList}"] > option[value="electrónica"]`).count(),
    ).toBe(1);

    // A change of language keeps a change not saved yet (the save waits for a pause).
    await panel(page).getByRole('tab', { name: 'Editar' }).click();
    await node(page, 'audience').click();
    await panel(page)
      .getByRole('group', { name: 'Tipos de cliente' })
      .getByRole('checkbox', { name: 'VIP' })
      .check();
    await page.getByRole('group', { name: 'Idioma' }).getByRole('button').last().click();
    await page
      .locator('.rule-summary')
      .getByText('for customers of type FRECUENTE or VIP')
      .waitFor();

    // In English the search reads the English words, and the block keeps the city.
    await page.getByRole('tab', { name: 'Blocks' }).click();
    await page.getByLabel('Search blocks').fill('city');
    await page.locator('.blocklyToolbox').getByText('Results (1)').waitFor();
    await page.locator('.blocklyFlyout').getByText('City', { exact: true }).waitFor();
    await page
      .locator('.rule-blocks svg.blocklySvg .blocklyBlockCanvas')
      .getByText(city.label, { exact: true })
      .waitFor();
    await viewportShot(page, 'studio-rule-choices-search-en-1280x800');
  });
});
