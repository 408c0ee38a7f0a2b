import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User, Zone } from '@lealtad/server/db/models/index';
import { passwordLink, waitForMail } from '../helpers/mail';
import {
  countRows,
  createPlatform,
  demo,
  signIn,
  type Platform,
  type SignedIn,
} from '../helpers/platform';

let platform: Platform;
let superadmin: SignedIn;
let adminNorte: SignedIn;
let norte: number;
let sur: number;

beforeAll(async () => {
  platform = await createPlatform();
  superadmin = await signIn(platform, demo.superadmin);
  adminNorte = await signIn(platform, demo.adminNorte);
  norte = (await Zone.findOne({ where: { code: 'NORTE' } }))?.id ?? 0;
  sur = (await Zone.findOne({ where: { code: 'SUR' } }))?.id ?? 0;
});
afterAll(() => platform.close());

const post = (who: SignedIn, path: string, body: object) =>
  who.agent.post(path).set('X-CSRF-Token', who.csrf).send(body);
const patch = (who: SignedIn, path: string, body: object) =>
  who.agent.patch(path).set('X-CSRF-Token', who.csrf).send(body);
const idOf = async (email: string) => (await User.findOne({ where: { email } }))?.id;

describe('staff accounts', () => {
  it('lets a superadmin create any staff role; the invitation sets the password', async () => {
    const email = 'nueva.superadmin@demo.lealtad.mx';
    const res = await post(superadmin, '/api/users', {
      email,
      name: 'Nueva Superadmin',
      role: 'superadmin',
      locale: 'en',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email,
      role: 'superadmin',
      zone: null,
      status: 'active',
      locale: 'en',
    });
    const mail = await waitForMail(platform.dataDir, email);
    expect(mail).toMatch(/Your Lealtad account is ready/);
    const { url, token } = passwordLink(mail);
    expect(url.pathname).toBe('/studio/reset');
    expect(
      (
        await request(platform.app)
          .post('/api/auth/password/reset')
          .send({ token, password: 'Bienvenida-2027' })
      ).status,
    ).toBe(200);
    const login = await request(platform.app)
      .post('/api/auth/login')
      .send({ email, password: 'Bienvenida-2027' });
    expect(login.status).toBe(200);
  });

  it('lets an admin create admin, call-center and marketing accounts in its own zone only', async () => {
    const made = await post(adminNorte, '/api/users', {
      email: 'agente.nuevo@demo.lealtad.mx',
      name: 'Agente Nuevo',
      role: 'callcenter',
    });
    expect(made.status).toBe(201);
    expect(made.body.zone).toMatchObject({ code: 'NORTE' });

    const before = await countRows(platform, 'users');
    const otherZone = await post(adminNorte, '/api/users', {
      email: 'x1@demo.lealtad.mx',
      name: 'Otra Zona',
      role: 'marketing',
      zoneId: sur,
    });
    expect(otherZone.status).toBe(403);
    expect(otherZone.body.error.id).toBe('zone_not_allowed');
    const above = await post(adminNorte, '/api/users', {
      email: 'x2@demo.lealtad.mx',
      name: 'Arriba',
      role: 'superadmin',
    });
    expect(above.status).toBe(403);
    expect(above.body.error.id).toBe('role_not_assignable');
    const taken = await post(adminNorte, '/api/users', {
      email: demo.callcenter,
      name: 'Repetido',
      role: 'callcenter',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.id).toBe('email_taken');
    expect(await countRows(platform, 'users')).toBe(before);
  });

  it('requires a zone for admins', async () => {
    const res = await post(superadmin, '/api/users', {
      email: 'sin.zona@demo.lealtad.mx',
      name: 'Sin Zona',
      role: 'admin',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.id).toBe('zone_required');
  });

  it('shows an admin only its zone, through lists, searches and direct reads', async () => {
    const list = await adminNorte.agent.get('/api/users').query({ pageSize: 100 });
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThan(0);
    expect(
      list.body.items.every((u: { zone: { code: string } | null }) => u.zone?.code === 'NORTE'),
    ).toBe(true);
    // A zone filter cannot widen the scope.
    const widened = await adminNorte.agent.get('/api/users').query({ zoneId: sur });
    expect(widened.body.total).toBe(0);
    const direct = await adminNorte.agent.get(`/api/users/${await idOf(demo.adminSur)}`);
    expect(direct.status).toBe(404);
    const all = await superadmin.agent.get('/api/users').query({ pageSize: 100 });
    expect(all.body.items.map((u: { zone: { code: string } | null }) => u.zone?.code)).toContain(
      'SUR',
    );
    // Customers are not staff accounts.
    expect(all.body.items.some((u: { role: string }) => u.role === 'customer')).toBe(false);
  });

  it('searches by partial name or e-mail, pages and sorts', async () => {
    const res = await superadmin.agent
      .get('/api/users')
      .query({ q: 'ADMIN.', sort: 'email', order: 'desc', pageSize: 2 });
    expect(res.body.total).toBe(4);
    expect(res.body.items.map((u: { email: string }) => u.email)).toEqual([
      'admin.sur@demo.lealtad.mx',
      'admin.occidente@demo.lealtad.mx',
    ]);
    const page2 = await superadmin.agent
      .get('/api/users')
      .query({ q: 'ADMIN.', sort: 'email', order: 'desc', pageSize: 2, page: 2 });
    expect(page2.body.items.map((u: { email: string }) => u.email)).toEqual([
      'admin.norte@demo.lealtad.mx',
      'admin.centro@demo.lealtad.mx',
    ]);
    const wildcard = await superadmin.agent.get('/api/users').query({ q: '%' });
    expect(wildcard.body.total).toBe(0);
  });

  it('never lets anyone change their own role, edit a role above theirs, or disable themselves', async () => {
    const own = await patch(adminNorte, `/api/users/${adminNorte.userId}`, { role: 'callcenter' });
    expect(own.status).toBe(403);
    expect(own.body.error.id).toBe('own_role');
    const ownSuper = await patch(superadmin, `/api/users/${superadmin.userId}`, {
      role: 'admin',
      zoneId: norte,
    });
    expect(ownSuper.body.error.id).toBe('own_role');
    const disableSelf = await patch(superadmin, `/api/users/${superadmin.userId}`, {
      status: 'disabled',
    });
    expect(disableSelf.body.error.id).toBe('own_account');
    const promote = await patch(
      adminNorte,
      `/api/users/${await idOf('agente.nuevo@demo.lealtad.mx')}`,
      { role: 'superadmin' },
    );
    expect(promote.status).toBe(403);
    expect(promote.body.error.id).toBe('role_not_assignable');
    // Renaming oneself is fine.
    expect(
      (await patch(adminNorte, `/api/users/${adminNorte.userId}`, { name: 'Admin del Norte' }))
        .status,
    ).toBe(200);
  });

  it('disabling an account ends its sessions and refuses its sign-in; the audit log keeps before and after', async () => {
    const target = await signIn(platform, 'agente.nuevo@demo.lealtad.mx').catch(() => null);
    expect(target).toBeNull(); // invited, no password yet
    const marketing = await signIn(platform, demo.marketing);
    const res = await patch(superadmin, `/api/users/${marketing.userId}`, { status: 'disabled' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('disabled');
    expect((await marketing.agent.get('/api/auth/me')).status).toBe(401);
    const login = await request(platform.app)
      .post('/api/auth/login')
      .send({ email: demo.marketing, password: platform.password });
    expect(login.body.error.id).toBe('account_disabled');

    const audit = await superadmin.agent
      .get('/api/audit')
      .query({ targetType: 'user', targetId: String(marketing.userId) });
    const event = audit.body.items[0];
    expect(event).toMatchObject({
      action: 'user.disabled',
      actor: { email: demo.superadmin },
      actorRole: 'superadmin',
      before: { status: 'active' },
      after: { status: 'disabled' },
    });
    expect(event.ip).toBeTruthy();
    expect(Date.parse(event.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(
      (await patch(superadmin, `/api/users/${marketing.userId}`, { status: 'active' })).status,
    ).toBe(200);
  });
});

describe('audit log', () => {
  it('shows an admin only the events of its zone; the superadmin sees all', async () => {
    await post(superadmin, '/api/users', {
      email: 'sur.nuevo@demo.lealtad.mx',
      name: 'Sur Nuevo',
      role: 'marketing',
      zoneId: sur,
    });
    const mine = await adminNorte.agent.get('/api/audit').query({ pageSize: 100 });
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBeGreaterThan(0);
    expect(mine.body.items.every((e: { zoneId: number }) => e.zoneId === norte)).toBe(true);
    const all = await superadmin.agent
      .get('/api/audit')
      .query({ action: 'user.created', pageSize: 100 });
    expect(all.body.items.map((e: { zoneId: number | null }) => e.zoneId)).toContain(sur);
    const forced = await adminNorte.agent.get('/api/audit').query({ zoneId: sur });
    expect(forced.body.total).toBe(0);
  });

  it('filters by date range and refuses an inverted one', async () => {
    const future = await superadmin.agent.get('/api/audit').query({ from: '2999-01-01' });
    expect(future.body.total).toBe(0);
    const bad = await superadmin.agent
      .get('/api/audit')
      .query({ from: '2026-02-01', to: '2026-01-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.id).toBe('validation_failed');
  });
});
