import { describe, expect, test } from 'vitest';
import { screenshot } from './browser';
import { baseUrl, navLink, rowsWhen, signIn, texts, useBrowser } from './helpers';

const { openPage } = useBrowser();

const table = 'Zonas del programa';

describe('studio: zones', () => {
  test('the superadmin creates a zone, renames it and is told a code is taken', async () => {
    const page = await openPage();
    await signIn(page, 'studio', 'superadmin@demo.lealtad.mx');
    await navLink(page, 'Zonas').click();
    await page.getByRole('heading', { name: 'Zonas', level: 1 }).waitFor();
    // The demo zones, by name.
    const demo = await rowsWhen(page, table, (rows) => rows.length === 4);
    expect(demo.map((row) => row.split(/\s+/)[0])).toEqual(['CENTRO', 'NORTE', 'OCCIDENTE', 'SUR']);
    await screenshot(page, 'studio-zones-list');

    // Checked before sending: both fields, in words.
    await page.getByRole('button', { name: 'Nueva zona' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nueva zona' });
    await dialog.getByRole('button', { name: 'Crear zona' }).click();
    await dialog.getByText('La clave lleva de 2 a 32 letras sin acentos').waitFor();
    await dialog.getByText('El nombre necesita al menos 2 caracteres.').waitFor();
    await dialog.getByLabel('Clave').fill('BAJIO-NORTE');
    await dialog.getByLabel('Nombre').fill('Bajío');
    await dialog.getByRole('button', { name: 'Crear zona' }).click();
    await dialog.getByText('sin espacios ni guiones medios').waitFor();
    expect(await dialog.getByText('El nombre necesita al menos 2 caracteres.').count()).toBe(0);
    await screenshot(page, 'studio-zones-new-invalid');

    // Typed in small letters, kept in capitals.
    await dialog.getByLabel('Clave').fill('bajio');
    await dialog.getByLabel('Nombre').click();
    expect(await dialog.getByLabel('Clave').inputValue()).toBe('BAJIO');
    await screenshot(page, 'studio-zones-new');
    await dialog.getByRole('button', { name: 'Crear zona' }).click();
    await page.getByText('Creamos la zona Bajío con la clave BAJIO.').waitFor();
    expect(await dialog.isVisible()).toBe(false);
    const created = await rowsWhen(page, table, (rows) => rows.length === 5);
    expect(created[0]).toMatch(/^BAJIO\s+Bajío\s/);

    // Renamed in a dialog that keeps the code.
    await page.getByRole('button', { name: 'Renombrar Bajío' }).click();
    const rename = page.getByRole('dialog', { name: 'Renombrar zona' });
    expect(await rename.getByLabel('Nombre').inputValue()).toBe('Bajío');
    expect(await rename.innerText()).toContain('BAJIO');
    await rename.getByLabel('Nombre').fill('El Bajío');
    await screenshot(page, 'studio-zones-rename');
    await rename.getByRole('button', { name: 'Guardar nombre' }).click();
    await page.getByText('La zona BAJIO ahora se llama El Bajío.').waitFor();
    const renamed = await rowsWhen(page, table, (rows) =>
      rows.some((row) => /^BAJIO\s+El Bajío\s/.test(row)),
    );
    expect(renamed).toHaveLength(5);

    // A code that exists is refused next to the code field, and the dialog stays open.
    await page.getByRole('button', { name: 'Nueva zona' }).click();
    await dialog.getByLabel('Clave').fill('norte');
    await dialog.getByLabel('Nombre').fill('Norte 2');
    await dialog.getByRole('button', { name: 'Crear zona' }).click();
    const taken = dialog.getByText('Ya existe una zona con esa clave.');
    await taken.waitFor();
    expect(await dialog.getByRole('alert').count()).toBe(1);
    await screenshot(page, 'studio-zones-duplicate');
    await dialog.getByLabel('Clave').fill('NORTE_2');
    expect(await taken.count()).toBe(0);
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await rowsWhen(page, table, (rows) => rows.length === 5);

    // Sorting by code, then the other way.
    await page.getByRole('button', { name: 'Clave' }).click();
    await rowsWhen(page, table, (rows) => rows[0]?.startsWith('BAJIO') ?? false);
    await page.getByRole('button', { name: 'Clave' }).click();
    await rowsWhen(page, table, (rows) => rows[0]?.startsWith('SUR') ?? false);

    // In English too.
    await page.getByRole('button', { name: 'English (EN)' }).click();
    await page.getByRole('heading', { name: 'Zones', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Rename El Bajío' }).waitFor();
    await screenshot(page, 'studio-zones-list-en');
    await page.getByRole('button', { name: 'Español (ES)' }).click();
    await page.getByRole('heading', { name: 'Zonas', level: 1 }).waitFor();

    // Both changes are in the audit log.
    await navLink(page, 'Auditoría').click();
    await rowsWhen(
      page,
      'Eventos de auditoría',
      (rows) =>
        rows.some((row) => row.includes('Zona creada')) &&
        rows.some((row) => row.includes('Zona renombrada')),
    );
  });

  test('the call center has no zones section', async () => {
    const page = await openPage();
    await signIn(page, 'studio', 'callcenter@demo.lealtad.mx');
    const nav = page.getByRole('navigation', { name: 'Navegación principal' });
    expect(await texts(nav.getByRole('link'))).not.toContain('Zonas');
    expect(await page.getByRole('link', { name: 'Ir a Zonas' }).count()).toBe(0);

    await page.goto(`${baseUrl}/studio/zones`);
    await page.getByRole('heading', { name: 'No tienes acceso a esta sección' }).waitFor();
    expect(await page.getByRole('button', { name: 'Nueva zona' }).count()).toBe(0);
    expect(await page.getByRole('table', { name: table }).count()).toBe(0);
    await screenshot(page, 'studio-zones-callcenter');
  });
});
