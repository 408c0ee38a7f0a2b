import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { screenshot } from './browser';
import {
  baseUrl,
  demoPassword,
  desktop,
  fillSignIn,
  navLink,
  phone,
  rowsWhen,
  signIn,
  texts,
  useBrowser,
} from './helpers';
import type { App } from './helpers';

const dataDir = inject('dataDir');

const { newContext, openPage } = useBrowser();

/**
 * The first new password-link mail to `to`, decoded from quoted-printable. Mails leave after the
 * API answers, so this waits; a file caught mid-write (no link yet) is read again.
 */
async function findMail(to: string, after: Set<string> = new Set()): Promise<string> {
  const dir = path.join(dataDir, 'mail');
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const names = await readdir(dir).catch(() => [] as string[]);
    const name = names.find((file) => file.includes(to) && !after.has(file));
    if (name) {
      const raw = await readFile(path.join(dir, name), 'utf8');
      const mail = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      if (mail.includes('/reset?token=')) return mail;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No mail to ${to} arrived.`);
}

async function mailNames(): Promise<Set<string>> {
  return new Set(await readdir(path.join(dataDir, 'mail')).catch(() => [] as string[]));
}

/** The password link in the mail, as sent; it points at this server's reset page of `app`. */
function mailLink(mail: string, app: App): string {
  const match = /https?:\/\/[^\s"<>]+\/reset\?token=[A-Za-z0-9_%-]+/.exec(mail);
  if (!match) throw new Error('The mail has no password link.');
  expect(match[0]).toContain(`${baseUrl}/${app}/reset?token=`);
  return match[0];
}

/** The account behind an app's session cookie, asked the way that app asks. */
async function sessionUser(page: Page, app: App) {
  const response = await page.request.get(`${baseUrl}/api/auth/me`, {
    headers: { 'X-Lealtad-App': app },
  });
  expect(response.status()).toBe(200);
  const me = (await response.json()) as {
    user: { name: string; email: string; zone: { name: string } | null };
  };
  return me.user;
}

/** The reset page refusing its link straight away: the message, a way to a new link, no form. */
async function expectUnusableLink(page: Page) {
  await page.getByRole('heading', { name: 'Enlace no válido' }).waitFor();
  await page.getByText('El enlace no es válido, ya se usó o expiró').waitFor();
  await page.getByRole('link', { name: 'Solicitar un enlace nuevo' }).waitFor();
  expect(await page.getByLabel('Nueva contraseña').count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Guardar contraseña' }).count()).toBe(0);
}

describe('studio navigation by role', () => {
  const roles = [
    {
      email: 'superadmin@demo.lealtad.mx',
      shot: 'studio-home-superadmin',
      name: 'Sara Superadmin',
      role: 'Superadministrador',
      nav: [
        'Inicio',
        'Clientes',
        'Tarjetas',
        'Reglas',
        'Premios',
        'Canjes',
        'Estados por Excel',
        'Reporte de canjes',
        'Cuentas',
        'Zonas',
        'Auditoría',
        'Mi contraseña',
      ],
    },
    {
      email: 'admin.norte@demo.lealtad.mx',
      shot: 'studio-home-admin-norte',
      name: 'Admin Norte',
      role: 'Administrador de zona',
      nav: [
        'Inicio',
        'Clientes',
        'Reglas',
        'Premios',
        'Canjes',
        'Estados por Excel',
        'Reporte de canjes',
        'Cuentas',
        'Auditoría',
        'Mi contraseña',
      ],
    },
    {
      email: 'callcenter@demo.lealtad.mx',
      shot: 'studio-home-callcenter',
      name: 'Carlos Call Center',
      role: 'Centro de atención',
      nav: [
        'Inicio',
        'Clientes',
        'Premios',
        'Canjes',
        'Estados por Excel',
        'Reporte de canjes',
        'Mi contraseña',
      ],
    },
    {
      email: 'marketing@demo.lealtad.mx',
      shot: 'studio-home-marketing',
      name: 'Mariana Marketing',
      role: 'Mercadotecnia',
      nav: ['Inicio', 'Reglas', 'Premios', 'Mi contraseña'],
    },
  ];

  for (const account of roles) {
    test(`${account.email} sees exactly the sections of the role`, async () => {
      const page = await openPage();
      await signIn(page, 'studio', account.email);
      await page.getByRole('heading', { name: `Hola, ${account.name}` }).waitFor();

      const nav = page.getByRole('navigation', { name: 'Navegación principal' });
      expect(await texts(nav.getByRole('link'))).toEqual(account.nav);
      expect(await page.locator('.topbar').innerText()).toContain(account.role);
      // The home lists what the role can do, with a way into each section it may use.
      const home = page.locator('main');
      expect(await home.innerText()).toContain(account.role);
      expect(await page.getByRole('link', { name: 'Ir a Clientes' }).count()).toBe(
        account.nav.includes('Clientes') ? 1 : 0,
      );
      if (!account.nav.includes('Cuentas')) {
        expect(await page.getByRole('link', { name: 'Ir a Cuentas' }).count()).toBe(0);
        // A section outside the role is refused in words, not shown.
        await page.goto(`${baseUrl}/studio/accounts`);
        await page.getByRole('heading', { name: 'No tienes acceso a esta sección' }).waitFor();
        if (!account.nav.includes('Clientes')) {
          await page.goto(`${baseUrl}/studio/customers`);
          await page.getByRole('heading', { name: 'No tienes acceso a esta sección' }).waitFor();
        }
        await page.goto(`${baseUrl}/studio/`);
        await page.getByRole('heading', { name: `Hola, ${account.name}` }).waitFor();
      }
      await screenshot(page, account.shot);

      await page.getByRole('button', { name: 'Cerrar sesión' }).click();
      await page.getByRole('button', { name: 'Entrar' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/studio/signin');
    });
  }
});

describe('studio accounts and audit', () => {
  test('superadmin searches, creates an account and finds it in the audit log', async () => {
    const page = await openPage();
    await signIn(page, 'studio', 'superadmin@demo.lealtad.mx');
    await navLink(page, 'Cuentas').click();
    await rowsWhen(page, 'Cuentas del personal', (rows) => rows.length >= 7);

    await page.getByLabel('Buscar').fill('admin.');
    await rowsWhen(
      page,
      'Cuentas del personal',
      (rows) => rows.length === 4 && rows.every((row) => row.includes('admin.')),
    );

    // Sorting by a header reverses the order on the second click.
    await page.getByRole('button', { name: 'Nombre' }).click();
    await rowsWhen(page, 'Cuentas del personal', (rows) => rows[0]?.includes('Admin Sur') ?? false);
    await page.getByRole('button', { name: 'Limpiar filtros' }).click();
    await rowsWhen(page, 'Cuentas del personal', (rows) => rows.length >= 7);

    const before = await mailNames();
    await page.getByRole('button', { name: 'Nueva cuenta' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nueva cuenta del personal' });
    await dialog.waitFor();
    await dialog.getByLabel('Correo electrónico').fill('lucia.fernandez@demo.lealtad.mx');
    await dialog.getByLabel('Nombre').fill('Lucía Fernández');
    await dialog.getByLabel('Rol').selectOption({ label: 'Administrador de zona' });
    // An admin needs a zone: submitting without one is stopped next to the field.
    await dialog.getByRole('button', { name: 'Crear cuenta' }).click();
    await dialog.getByText('Ese rol necesita una zona.').waitFor();
    await dialog.getByLabel('Zona').selectOption({ label: 'Centro' });
    expect(await dialog.getByText('Ese rol necesita una zona.').count()).toBe(0);
    await screenshot(page, 'studio-accounts-create-dialog');
    await dialog.getByRole('button', { name: 'Crear cuenta' }).click();
    await page.getByText('Enviamos una invitación a lucia.fernandez@demo.lealtad.mx').waitFor();
    const invitation = await findMail('lucia.fernandez@demo.lealtad.mx', before);
    expect(invitation).toContain('Definir contrase');

    // The same address again is refused next to the e-mail field.
    await page.getByRole('button', { name: 'Nueva cuenta' }).click();
    await dialog.getByLabel('Correo electrónico').fill('lucia.fernandez@demo.lealtad.mx');
    await dialog.getByLabel('Nombre').fill('Otra Persona');
    await dialog.getByLabel('Zona').selectOption({ label: 'Centro' });
    await dialog.getByRole('button', { name: 'Crear cuenta' }).click();
    await dialog.getByText('Ya existe una cuenta con ese correo.').waitFor();
    await dialog.getByRole('button', { name: 'Cancelar' }).click();

    await page.getByLabel('Buscar').fill('Lucía');
    const found = await rowsWhen(page, 'Cuentas del personal', (rows) => rows.length === 1);
    expect(found[0]).toContain('Lucía Fernández');
    expect(found[0]).toContain('Centro');
    await page.getByLabel('Buscar').fill('');
    await rowsWhen(page, 'Cuentas del personal', (rows) => rows.length >= 8);
    await screenshot(page, 'studio-accounts-list');

    // Edit: disable the new account after confirming.
    await page.getByRole('link', { name: 'Lucía Fernández' }).click();
    await page.getByRole('heading', { name: 'Lucía Fernández' }).waitFor();
    await page.getByRole('button', { name: 'Deshabilitar cuenta' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByRole('button', { name: 'Deshabilitar cuenta' }).click();
    await page.getByText('La cuenta quedó deshabilitada.').waitFor();
    await screenshot(page, 'studio-account-edit');

    await navLink(page, 'Auditoría').click();
    const events = await rowsWhen(page, 'Eventos de auditoría', (rows) =>
      rows.some((row) => row.includes('Cuenta deshabilitada')),
    );
    const created = events.find((row) => row.includes('Cuenta creada')) ?? '';
    expect(created).toContain('Lucía Fernández');
    expect(created).toContain('Sara Superadmin');
    await page
      .getByRole('table', { name: 'Eventos de auditoría' })
      .locator('tbody > tr', { hasText: 'Cuenta deshabilitada' })
      .getByRole('button', { name: 'Ver cambios' })
      .click();
    const diff = page.locator('.audit-detail');
    await diff.waitFor();
    expect(await diff.innerText()).toMatch(/Estado\s+Activa\s+Deshabilitada/);
    await screenshot(page, 'studio-audit');

    await page.getByLabel('Acción').selectOption({ label: 'Inicio de sesión' });
    await rowsWhen(
      page,
      'Eventos de auditoría',
      (rows) => rows.length > 0 && rows.every((row) => row.includes('Inicio de sesión')),
    );

    // English is one click away and remembered.
    await page.getByRole('button', { name: 'English (EN)' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await rowsWhen(
      page,
      'Audit events',
      (rows) => rows.length > 0 && rows.every((row) => row.includes('Sign-in')),
    );
    await screenshot(page, 'studio-audit-en');
    await page.getByRole('button', { name: 'Español (ES)' }).click();
    await page.getByRole('heading', { name: 'Auditoría' }).waitFor();
  });

  test('an admin only sees the accounts of their zone', async () => {
    const page = await openPage();
    await signIn(page, 'studio', 'admin.norte@demo.lealtad.mx');
    await navLink(page, 'Cuentas').click();
    const rows = await rowsWhen(page, 'Cuentas del personal', (found) => found.length >= 1);
    for (const row of rows) {
      expect(row).toContain('Norte');
      // Other zones' names ("Centro de atención" is a role, not the Centro zone).
      expect(row).not.toMatch(/\b(Centro(?! de atención)|Sur|Occidente)\b/);
    }
    expect(await page.getByText('Admin Centro').count()).toBe(0);
    // A zone-scoped role has no zone filter.
    expect(await page.getByRole('search').getByLabel('Zona').count()).toBe(0);
    await screenshot(page, 'studio-accounts-admin-norte');

    // New accounts go to the admin's own zone, shown but not choosable.
    await page.getByRole('button', { name: 'Nueva cuenta' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nueva cuenta del personal' });
    expect(await texts(dialog.getByLabel('Rol').locator('option'))).toEqual([
      'Administrador de zona',
      'Centro de atención',
      'Mercadotecnia',
    ]);
    expect(await dialog.innerText()).toContain('Solo puedes administrar cuentas de tu zona.');
  });

  test('an invited account sets its password and signs in', async () => {
    const before = await mailNames();
    const admin = await openPage();
    await signIn(admin, 'studio', 'superadmin@demo.lealtad.mx');
    await admin.goto(`${baseUrl}/studio/accounts`);
    await admin.getByRole('button', { name: 'Nueva cuenta' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Nueva cuenta del personal' });
    await dialog.getByLabel('Correo electrónico').fill('ramon.ibanez@demo.lealtad.mx');
    await dialog.getByLabel('Nombre').fill('Ramón Ibáñez');
    await dialog.getByLabel('Rol').selectOption({ label: 'Mercadotecnia' });
    await dialog.getByRole('button', { name: 'Crear cuenta' }).click();
    await admin.getByText('Enviamos una invitación a ramon.ibanez@demo.lealtad.mx').waitFor();

    const link = mailLink(await findMail('ramon.ibanez@demo.lealtad.mx', before), 'studio');
    const page = await openPage();
    await page.goto(link);
    // Before anything is typed, the page says it is an invitation and whose.
    await page.getByRole('heading', { name: 'Define tu contraseña' }).waitFor();
    await page.getByText('Cuenta: ramon.ibanez@demo.lealtad.mx').waitFor();
    expect(await page.getByLabel('Nueva contraseña').inputValue()).toBe('');
    await screenshot(page, 'studio-invite-set-password');
    await page.getByLabel('Nueva contraseña').fill('corto');
    await page.getByRole('button', { name: 'Guardar contraseña' }).click();
    await page.getByText('La contraseña necesita al menos 10 caracteres.').waitFor();
    await page.getByLabel('Nueva contraseña').fill('Mercadeo del norte 2026');
    await page.getByLabel('Confirma la contraseña').fill('Mercadeo del norte 2026');
    await page.getByRole('button', { name: 'Guardar contraseña' }).click();
    await page.getByText('Ya puedes iniciar sesión').waitFor();
    await signIn(page, 'studio', 'ramon.ibanez@demo.lealtad.mx', 'Mercadeo del norte 2026');
    await page.getByRole('heading', { name: 'Hola, Ramón Ibáñez' }).waitFor();

    // The used invitation is refused as soon as it opens, with no form to fill in vain.
    const again = await openPage();
    await again.goto(link);
    await expectUnusableLink(again);
    await screenshot(again, 'studio-invite-link-used');
  });
});

describe('portal', () => {
  test('a customer signs in and is greeted by name', async () => {
    const page = await openPage();
    await signIn(page, 'portal', 'cliente1@demo.lealtad.mx');
    const customer = await sessionUser(page, 'portal');
    await page.getByRole('heading', { name: `Hola, ${customer.name}` }).waitFor();
    expect(customer.zone).not.toBeNull();
    expect(await page.locator('main').innerText()).toContain(customer.zone?.name);
    await screenshot(page, 'portal-home');

    await page.getByRole('link', { name: 'Mi contraseña' }).click();
    await page.getByRole('heading', { name: 'Mi contraseña' }).waitFor();
    await screenshot(page, 'portal-password');
  });

  test('a customer home fits a phone', async () => {
    const page = await openPage(phone);
    await signIn(page, 'portal', 'cliente5@demo.lealtad.mx');
    await page.getByRole('heading', { name: /^Hola, / }).waitFor();
    // A string, so the test project needs no DOM typings for one expression run in the page.
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBe(0);
    await screenshot(page, 'portal-home-mobile');
  });

  test('a customer signing into the studio is sent to the portal', async () => {
    const page = await openPage();
    await fillSignIn(page, 'studio', 'cliente4@demo.lealtad.mx');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain(
      'Esta es una cuenta de cliente: entra desde el portal.',
    );
    await screenshot(page, 'studio-signin-wrong-app');
  });

  test('forgot password → mail → reset → sign in with the new password', async () => {
    const before = await mailNames();
    const page = await openPage();
    await page.goto(`${baseUrl}/portal/signin`);
    await page.getByRole('link', { name: '¿Olvidaste tu contraseña?' }).click();
    await page.getByLabel('Correo electrónico').fill('cliente2@demo.lealtad.mx');
    await page.getByRole('button', { name: 'Enviar enlace' }).click();
    await page.getByText('Si el correo está registrado').waitFor();
    await screenshot(page, 'portal-forgot-sent');

    const link = mailLink(await findMail('cliente2@demo.lealtad.mx', before), 'portal');
    await page.goto(link);
    await page.getByRole('heading', { name: 'Restablece tu contraseña' }).waitFor();
    await page.getByText('Cuenta: cliente2@demo.lealtad.mx').waitFor();
    // The same link open in a second tab, whose form will arrive too late.
    const late = await openPage();
    await late.goto(link);
    await late.getByLabel('Nueva contraseña').fill('Otra contraseña más 2');
    await late.getByLabel('Confirma la contraseña').fill('Otra contraseña más 2');

    await page.getByLabel('Nueva contraseña').fill('Una contraseña nueva 1');
    await page.getByLabel('Confirma la contraseña').fill('Una contraseña distinta');
    await page.getByRole('button', { name: 'Guardar contraseña' }).click();
    await page.getByText('Las contraseñas no coinciden.').waitFor();
    await page.getByLabel('Confirma la contraseña').fill('Una contraseña nueva 1');
    await screenshot(page, 'portal-reset');
    await page.getByRole('button', { name: 'Guardar contraseña' }).click();
    await page.getByText('Tu contraseña quedó actualizada').waitFor();
    expect(new URL(page.url()).pathname).toBe('/portal/signin');

    // The link works once: the tab opened before is refused when it submits…
    await late.getByRole('button', { name: 'Guardar contraseña' }).click();
    await expectUnusableLink(late);
    await screenshot(late, 'portal-reset-link-used-on-submit');
    // …and opening it again says so at once.
    await page.goto(link);
    await expectUnusableLink(page);

    await fillSignIn(page, 'portal', 'cliente2@demo.lealtad.mx', demoPassword);
    await page.getByText('Correo o contraseña incorrectos.').waitFor();
    await signIn(page, 'portal', 'cliente2@demo.lealtad.mx', 'Una contraseña nueva 1');
    await page.getByRole('heading', { name: /^Hola, / }).waitFor();
  });
});

describe('one browser, both apps', () => {
  test('a staff session and a customer session live side by side', async () => {
    const context = await newContext(desktop);
    const studio = await context.newPage();
    await signIn(studio, 'studio', 'admin.norte@demo.lealtad.mx');
    await studio.getByRole('heading', { name: 'Hola, Admin Norte' }).waitFor();

    const portal = await context.newPage();
    await signIn(portal, 'portal', 'cliente3@demo.lealtad.mx');
    const customer = await sessionUser(portal, 'portal');
    expect(customer.email).toBe('cliente3@demo.lealtad.mx');
    await portal.getByRole('heading', { name: `Hola, ${customer.name}` }).waitFor();

    // Signing in to the portal did not end or replace the studio's session.
    await studio.reload();
    await studio.getByRole('heading', { name: 'Hola, Admin Norte' }).waitFor();
    expect(new URL(studio.url()).pathname).toBe('/studio/');
    expect(await studio.locator('.topbar').innerText()).toContain('Admin Norte');
    expect((await sessionUser(studio, 'studio')).email).toBe('admin.norte@demo.lealtad.mx');
    await screenshot(studio, 'two-apps-studio');

    await portal.reload();
    await portal.getByRole('heading', { name: `Hola, ${customer.name}` }).waitFor();
    expect(await portal.locator('main').innerText()).not.toContain('Admin Norte');
    await screenshot(portal, 'two-apps-portal');

    // Signing out of the portal leaves the studio signed in.
    await portal.getByRole('button', { name: 'Cerrar sesión' }).click();
    await portal.getByRole('button', { name: 'Entrar' }).waitFor();
    await studio.reload();
    await studio.getByRole('heading', { name: 'Hola, Admin Norte' }).waitFor();
  });
});

describe('sign-in pages', () => {
  test('a wrong password shows the error', async () => {
    const page = await openPage();
    await fillSignIn(page, 'studio', 'marketing@demo.lealtad.mx', 'no-es-la-contraseña');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Correo o contraseña incorrectos.');
    expect(await page.getByLabel('Correo electrónico').inputValue()).toBe(
      'marketing@demo.lealtad.mx',
    );
    await screenshot(page, 'studio-signin-error');
  });

  test('an empty form is checked before it is sent', async () => {
    const page = await openPage();
    await page.goto(`${baseUrl}/portal/signin`);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByText('Escribe un correo electrónico válido.').waitFor();
    await page.getByText('Escribe tu contraseña.').waitFor();
  });

  test('screenshots of both sign-in pages, in both languages and on a phone', async () => {
    const page = await openPage();
    await page.goto(`${baseUrl}/studio/signin`);
    await page.getByRole('button', { name: 'Entrar' }).waitFor();
    await screenshot(page, 'studio-signin');
    await page.getByRole('button', { name: 'English (EN)' }).click();
    await page.getByLabel('Email').waitFor();
    await page.getByLabel('Password').waitFor();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'studio-signin-en');

    const portal = await openPage();
    await portal.goto(`${baseUrl}/portal/signin`);
    await portal.getByRole('button', { name: 'Entrar' }).waitFor();
    await screenshot(portal, 'portal-signin');

    const mobile = await openPage(phone);
    await mobile.goto(`${baseUrl}/portal/signin`);
    await mobile.getByRole('button', { name: 'Entrar' }).waitFor();
    await screenshot(mobile, 'portal-signin-mobile');
    await mobile.getByRole('link', { name: '¿Olvidaste tu contraseña?' }).click();
    await mobile.getByRole('button', { name: 'Enviar enlace' }).waitFor();
    await screenshot(mobile, 'portal-forgot-mobile');
  });
});
