import { describe, expect, test } from 'vitest';
import { screenshot } from './browser';
import {
  expectNoSideScroll,
  imageLoaded,
  navLink,
  phone,
  rowsWhen,
  signIn,
  useBrowser,
} from './helpers';
import { rewardPicture } from './rewards';

const { openPage } = useBrowser();

describe('studio: rewards catalog', () => {
  test('marketing creates a reward with its picture; customers find it in the portal catalog', async () => {
    const code = `MOCHILA-${Date.now().toString(36).toUpperCase()}`;
    const studio = await openPage();
    await signIn(studio, 'studio', 'marketing@demo.lealtad.mx');
    await navLink(studio, 'Premios').click();
    await studio.getByRole('heading', { name: 'Premios', level: 1 }).waitFor();
    await studio.getByRole('button', { name: 'Nuevo premio' }).click();
    const dialog = studio.getByRole('dialog', { name: 'Nuevo premio' });

    // Bad input is said next to each field, and nothing typed is lost.
    await dialog.getByLabel('Nombre').fill('Mochila de viaje');
    await dialog.getByLabel('Costo en puntos').fill('cero');
    await dialog.getByRole('button', { name: 'Crear premio' }).click();
    await dialog.getByText('Escribe un número entero de puntos mayor que 0.').waitFor();
    await dialog.getByText('El código lleva de 2 a 32 letras').waitFor();
    expect(await dialog.getByLabel('Nombre').inputValue()).toBe('Mochila de viaje');

    await dialog.getByLabel('Código', { exact: true }).fill(code);
    await dialog
      .getByLabel('Descripción')
      .fill('Mochila impermeable de 30 litros con compartimento acolchado para laptop.');
    await dialog.getByLabel('Costo en puntos').fill('1,200');
    await dialog.getByLabel('Categoría').fill('viajes');
    await dialog.getByLabel('Unidades disponibles').fill('40');
    await dialog.getByText('Envío a domicilio').click();
    // A file that only claims to be a picture: the reward is saved, the picture is refused.
    await dialog.locator('input[type="file"]').setInputFiles({
      name: 'mochila.png',
      mimeType: 'image/png',
      buffer: Buffer.from('esto no es una imagen'),
    });
    await dialog.getByRole('button', { name: 'Crear premio' }).click();
    await dialog.getByText('El premio se guardó, pero la imagen no.').waitFor();
    await dialog.getByText('La imagen debe ser JPEG, PNG o WebP').waitFor();
    expect(await dialog.getByLabel('Costo en puntos').inputValue()).toBe('1,200');
    await dialog.locator('input[type="file"]').setInputFiles({
      name: 'mochila.jpg',
      mimeType: 'image/jpeg',
      buffer: await rewardPicture('gift', ['#93c5fd', '#1d4ed8']),
    });
    await expect.poll(() => imageLoaded(dialog.locator('.reward-form__frame img'))).toBe(true);
    // From the top of the form, where the picture is.
    await dialog.locator('.dialog__body').evaluate((body) => body.scrollTo(0, 0));
    await screenshot(studio, 'studio-reward-form');
    await dialog.getByRole('button', { name: 'Crear premio' }).click();
    await studio.getByText('Creamos el premio “Mochila de viaje”.').waitFor();

    const rows = await rowsWhen(studio, 'Premios del catálogo', (all) =>
      all.some((row) => row.includes(code)),
    );
    const row = rows.find((one) => one.includes(code)) ?? '';
    expect(row).toContain('1,200');
    expect(row).toContain('40');
    const thumbnail = studio
      .getByRole('table', { name: 'Premios del catálogo' })
      .getByRole('row')
      .filter({ hasText: code })
      .locator('img');
    await expect.poll(() => imageLoaded(thumbnail)).toBe(true);
    await expectNoSideScroll(studio);
    // Every column, the row actions included, fits at 1280 px without scrolling the table.
    const table = studio.locator('.table-wrap');
    expect(await table.evaluate((wrap) => wrap.scrollWidth - wrap.clientWidth)).toBe(0);
    await screenshot(studio, 'studio-rewards');

    // Another reward with the same code is refused next to the code, the rest of the form kept.
    await studio.getByRole('button', { name: 'Nuevo premio' }).click();
    const again = studio.getByRole('dialog', { name: 'Nuevo premio' });
    await again.getByLabel('Nombre').fill('Mochila de viaje (otra)');
    await again.getByLabel('Código', { exact: true }).fill(code);
    await again.getByLabel('Costo en puntos').fill('900');
    await again.getByLabel('Categoría').fill('viajes');
    await again.getByLabel('Unidades disponibles').fill('5');
    await again.getByRole('button', { name: 'Crear premio' }).click();
    await again.getByText('Ya existe un premio con esa clave.').waitFor();
    expect(await again.getByLabel('Nombre').inputValue()).toBe('Mochila de viaje (otra)');
    await again.getByRole('button', { name: 'Cancelar' }).click();

    // Editing changes what the list shows.
    await studio.getByRole('button', { name: 'Editar “Mochila de viaje”' }).click();
    const edit = studio.getByRole('dialog', { name: 'Editar “Mochila de viaje”' });
    expect(await edit.getByLabel('Costo en puntos').inputValue()).toBe('1200');
    await edit.getByLabel('Costo en puntos').fill('1100');
    await edit.getByRole('button', { name: 'Guardar cambios' }).click();
    await studio.getByText('Guardamos los cambios de “Mochila de viaje”.').waitFor();
    await rowsWhen(studio, 'Premios del catálogo', (all) =>
      all.some((one) => one.includes(code) && one.includes('1,100')),
    );

    const portal = await openPage();
    await signIn(portal, 'portal', 'cliente13@demo.lealtad.mx');
    await portal.getByRole('navigation', { name: 'Secciones' }).getByText('Premios').click();
    const card = portal
      .getByRole('list', { name: 'Catálogo de premios' })
      .getByRole('article')
      .filter({ hasText: 'Mochila de viaje' });
    await card.waitFor();
    expect(await card.innerText()).toContain('1,100');
    await expect.poll(() => imageLoaded(card.locator('img'))).toBe(true);
    await card.getByRole('link', { name: 'Mochila de viaje' }).click();
    await portal.getByRole('heading', { name: 'Mochila de viaje', level: 1 }).waitFor();
    await portal.getByText('Mochila impermeable de 30 litros').waitFor();
    await screenshot(portal, 'portal-reward-detail');

    // Retired, it leaves the portal; restored, it is back; never redeemed, it may be deleted.
    const actions = studio
      .getByRole('table', { name: 'Premios del catálogo' })
      .getByRole('row')
      .filter({ hasText: code });
    const confirm = async (action: string, title: string, done: string) => {
      await actions.getByRole('button', { name: `${action} “Mochila de viaje”` }).click();
      await studio
        .getByRole('dialog', { name: title })
        .getByRole('button', { name: action })
        .click();
      await studio.getByText(done).waitFor();
    };
    await confirm('Retirar', '¿Retirar este premio?', 'Retiramos “Mochila de viaje” del catálogo.');
    await portal.goBack();
    await portal.getByRole('heading', { name: 'Premios', level: 1 }).waitFor();
    await portal.getByRole('list', { name: 'Catálogo de premios' }).waitFor();
    expect(await card.count()).toBe(0);
    await studio.getByRole('combobox', { name: 'Estado' }).selectOption({ label: 'Retirados' });
    await rowsWhen(studio, 'Premios del catálogo', (all) =>
      all.some((one) => one.includes(code) && one.includes('Retirado')),
    );
    await confirm(
      'Reactivar',
      '¿Reactivar este premio?',
      '“Mochila de viaje” está de nuevo en el catálogo.',
    );
    await studio.getByRole('combobox', { name: 'Estado' }).selectOption({ label: 'Todos' });
    await confirm('Eliminar', '¿Eliminar este premio?', 'Eliminamos “Mochila de viaje”.');
    await rowsWhen(studio, 'Premios del catálogo', (all) => !all.some((one) => one.includes(code)));
  });

  test('the portal catalog on a phone, and in English', async () => {
    const portal = await openPage(phone);
    await signIn(portal, 'portal', 'cliente16@demo.lealtad.mx');
    await portal.getByRole('navigation', { name: 'Secciones' }).getByText('Premios').click();
    const catalog = portal.getByRole('list', { name: 'Catálogo de premios' });
    await catalog.getByRole('article').first().waitFor();
    await expect.poll(() => catalog.innerText()).toMatch(/Te faltan [\d,]+ puntos/);
    await expectNoSideScroll(portal);
    await screenshot(portal, 'portal-rewards-mobile');

    await portal.getByRole('checkbox', { name: /Solo los que me alcanzan/ }).click();
    // Only what the balance covers, or the empty state saying so.
    await expect.poll(() => portal.locator('main').innerText()).not.toMatch(/Te faltan/);

    await portal.getByRole('button', { name: 'English (EN)' }).click();
    await portal.getByRole('heading', { name: 'Rewards', level: 1 }).waitFor();
    await portal.getByRole('checkbox', { name: /Only what I can get/ }).click();
    await expect
      .poll(() => portal.getByRole('list', { name: 'Rewards catalog' }).innerText())
      .toMatch(/You need [\d,]+ more points/);
    await screenshot(portal, 'portal-rewards-mobile-en');
    await portal.getByRole('button', { name: 'Español (ES)' }).click();
  });
});
