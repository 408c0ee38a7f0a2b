import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, User } from '@lealtad/server/db/models/index';
import { purgeExpired } from '@lealtad/server/jobs/purgeExpired';
import { rolePermissions } from '@lealtad/server/permissions';
import { mailCount, passwordLink, waitForMail } from '../helpers/mail';
import { countRows, createPlatform, demo, signIn, type Platform } from '../helpers/platform';

let platform: Platform;
beforeAll(async () => {
  platform = await createPlatform();
});
afterAll(() => platform.close());

const login = (email: string, password: string, app?: 'studio' | 'portal') =>
  request(platform.app)
    .post('/api/auth/login')
    .send({ email, password, ...(app && { app }) });

describe('sign-in', () => {
  it('opens a database-backed session with an httpOnly SameSite cookie and a CSRF token', async () => {
    const before = await countRows(platform, 'sessions');
    const res = await login(demo.callcenter, platform.password, 'studio');
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: demo.callcenter, role: 'callcenter' });
    expect(res.body.permissions).toEqual(rolePermissions.callcenter);
    expect(res.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/lealtad_studio=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(await countRows(platform, 'sessions')).toBe(before + 1);
  });

  it('refuses a wrong password and an unknown address with the same answer', async () => {
    const wrong = await login(demo.marketing, 'incorrecta-123');
    const unknown = await login('nadie@demo.lealtad.mx', 'incorrecta-123');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.id).toBe('invalid_credentials');
  });

  it('keeps customers out of the studio and staff out of the portal', async () => {
    const customer = await login(demo.customer(3), platform.password, 'studio');
    expect(customer.status).toBe(403);
    expect(customer.body.error).toMatchObject({ id: 'wrong_app' });
    expect(customer.body.error.message).toMatch(/portal/);
    const staff = await login(demo.adminSur, platform.password, 'portal');
    expect(staff.status).toBe(403);
    expect(staff.body.error.id).toBe('wrong_app');
  });

  it('locks an account for a while after repeated failures, even with the right password', async () => {
    const email = demo.customer(4);
    for (let i = 0; i < platform.config.security.loginMaxFailures; i += 1) {
      expect((await login(email, `mal-${i}-password`)).status).toBe(401);
    }
    const locked = await login(email, platform.password);
    expect(locked.status).toBe(429);
    expect(locked.body.error.id).toBe('account_locked');
    const lockSeconds = platform.config.security.lockoutMinutes * 60;
    expect(locked.body.error.retryAfter).toBeGreaterThan(lockSeconds - 60);
    expect(locked.body.error.retryAfter).toBeLessThanOrEqual(lockSeconds);
    expect(locked.headers['retry-after']).toBe(String(locked.body.error.retryAfter));
    const user = await User.findOne({ where: { email } });
    expect(user?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    // Once the lock has passed, the right password works again and the counter restarts.
    await user?.update({ lockedUntil: new Date(Date.now() - 1000) });
    expect((await login(email, platform.password)).status).toBe(200);
    expect((await User.findOne({ where: { email } }))?.failedLogins).toBe(0);
  });

  it('ends the session on logout', async () => {
    const { agent, csrf } = await signIn(platform, demo.marketing);
    expect((await agent.get('/api/auth/me')).status).toBe(200);
    expect((await agent.post('/api/auth/logout').set('X-CSRF-Token', csrf)).status).toBe(204);
    expect((await agent.get('/api/auth/me')).status).toBe(401);
  });

  it('refuses a cookie-authenticated write without the CSRF token, and writes nothing', async () => {
    const { agent, csrf } = await signIn(platform, demo.superadmin);
    const before = await countRows(platform, 'zones');
    const missing = await agent.post('/api/zones').send({ code: 'ESTE', name: 'Este' });
    expect(missing.status).toBe(403);
    expect(missing.body.error.id).toBe('csrf_failed');
    const wrong = await agent
      .post('/api/zones')
      .set('X-CSRF-Token', `${csrf.slice(1)}x`)
      .send({ code: 'ESTE', name: 'Este' });
    expect(wrong.body.error.id).toBe('csrf_failed');
    expect(await countRows(platform, 'zones')).toBe(before);
  });

  it('keeps a studio session and a portal session side by side in one browser', async () => {
    const browser = request.agent(platform.app);
    await browser
      .post('/api/auth/login')
      .send({ email: demo.adminSur, password: platform.password, app: 'studio' });
    await browser
      .post('/api/auth/login')
      .send({ email: demo.customer(2), password: platform.password, app: 'portal' });
    const studio = await browser.get('/api/auth/me').set('X-Lealtad-App', 'studio');
    const portal = await browser.get('/api/auth/me').set('X-Lealtad-App', 'portal');
    expect(studio.body.user.email).toBe(demo.adminSur);
    expect(portal.body.user.email).toBe(demo.customer(2));
    // Signing out of the portal leaves the studio signed in.
    await browser
      .post('/api/auth/logout')
      .set('X-Lealtad-App', 'portal')
      .set('X-CSRF-Token', portal.body.csrfToken);
    expect((await browser.get('/api/auth/me').set('X-Lealtad-App', 'portal')).status).toBe(401);
    expect((await browser.get('/api/auth/me').set('X-Lealtad-App', 'studio')).status).toBe(200);
    const unknown = await browser.get('/api/auth/me').set('X-Lealtad-App', 'Studio');
    expect([unknown.status, unknown.body.error.id]).toEqual([400, 'invalid_app_header']);
  });

  it('is not fooled by an expired session', async () => {
    const { agent } = await signIn(platform, demo.adminNorte);
    await Session.update(
      { expiresAt: new Date(Date.now() - 1000) },
      { where: { userId: (await User.findOne({ where: { email: demo.adminNorte } }))?.id } },
    );
    expect((await agent.get('/api/auth/me')).status).toBe(401);
  });
});

describe('password recovery', () => {
  it('forgot → mail → reset: old password refused, new accepted, link single use, other sessions ended', async () => {
    const email = demo.customer(6);
    const elsewhere = await signIn(platform, email);
    const mailsBefore = await mailCount(platform.dataDir, email);

    const forgot = await request(platform.app).post('/api/auth/password/forgot').send({ email });
    expect(forgot.status).toBe(202);
    const mail = await waitForMail(platform.dataDir, email, mailsBefore);
    expect(mail).toMatch(/Subject: .*Restablece/);
    expect(mail).toMatch(/El enlace vale por 1 hora/);
    const { url, token } = passwordLink(mail);
    expect(url.pathname).toBe('/portal/reset');
    const check = await request(platform.app).post('/api/auth/password/check').send({ token });
    expect(check.body).toEqual({ purpose: 'reset', email, app: 'portal' });

    const newPassword = 'Nueva-Clave-2027';
    const reset = await request(platform.app)
      .post('/api/auth/password/reset')
      .send({ token, password: newPassword });
    expect(reset.status).toBe(200);

    expect((await login(email, platform.password)).status).toBe(401);
    expect((await login(email, newPassword)).status).toBe(200);
    const again = await request(platform.app)
      .post('/api/auth/password/reset')
      .send({ token, password: 'Otra-Clave-2028' });
    expect(again.status).toBe(400);
    expect(again.body.error.id).toBe('invalid_token');
    const checkAgain = await request(platform.app).post('/api/auth/password/check').send({ token });
    expect(checkAgain.body.error.id).toBe('invalid_token');
    expect((await elsewhere.agent.get('/api/auth/me')).status).toBe(401);
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const known = await request(platform.app)
      .post('/api/auth/password/forgot')
      .send({ email: demo.customer(7) });
    const unknown = await request(platform.app)
      .post('/api/auth/password/forgot')
      .send({ email: 'nadie.aqui@example.com' });
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    await waitForMail(platform.dataDir, demo.customer(7));
    expect(await mailCount(platform.dataDir, 'nadie.aqui@example.com')).toBe(0);
  });

  it('sends staff to the studio and refuses an expired link', async () => {
    const email = demo.adminSur;
    await request(platform.app).post('/api/auth/password/forgot').send({ email });
    const { url, token } = passwordLink(await waitForMail(platform.dataDir, email));
    expect(url.pathname).toBe('/studio/reset');
    await platform.sequelize.query('UPDATE password_tokens SET expires_at = ?', {
      replacements: [new Date(Date.now() - 1000)],
    });
    const res = await request(platform.app)
      .post('/api/auth/password/reset')
      .send({ token, password: 'Nueva-Clave-2027' });
    expect(res.body.error.id).toBe('invalid_token');
    expect((await login(email, platform.password)).status).toBe(200);
  });

  it('lets only one of two simultaneous uses of a link through', async () => {
    const email = demo.customer(8);
    const before = await mailCount(platform.dataDir, email);
    await request(platform.app).post('/api/auth/password/forgot').send({ email });
    const { token } = passwordLink(await waitForMail(platform.dataDir, email, before));
    const results = await Promise.all(
      ['Primera-Clave-2027', 'Segunda-Clave-2027'].map((password) =>
        request(platform.app).post('/api/auth/password/reset').send({ token, password }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
  });

  it('changes the password of the signed-in user and ends their other sessions only', async () => {
    const email = demo.callcenter;
    const other = await signIn(platform, email);
    const current = await signIn(platform, email);
    const wrong = await current.agent
      .post('/api/auth/password/change')
      .set('X-CSRF-Token', current.csrf)
      .send({ currentPassword: 'no-es-esta-1', newPassword: 'Cambio-Clave-2027' });
    expect(wrong.body.error.id).toBe('current_password_incorrect');
    const ok = await current.agent
      .post('/api/auth/password/change')
      .set('X-CSRF-Token', current.csrf)
      .send({ currentPassword: platform.password, newPassword: 'Cambio-Clave-2027' });
    expect(ok.status).toBe(200);
    expect((await current.agent.get('/api/auth/me')).status).toBe(200);
    expect((await other.agent.get('/api/auth/me')).status).toBe(401);
    expect((await login(email, 'Cambio-Clave-2027')).status).toBe(200);
  });
});

describe('expiry', () => {
  it('purges expired sessions and stale password links, and leaves live ones', async () => {
    const live = await signIn(platform, demo.customer(2));
    const stale = await signIn(platform, demo.customer(3));
    await Session.update(
      { expiresAt: new Date(Date.now() - 1000) },
      { where: { userId: stale.userId } },
    );
    await platform.sequelize.query('UPDATE password_tokens SET expires_at = ?', {
      replacements: [new Date(Date.now() - 2 * 24 * 3_600_000)],
    });
    const purged = await purgeExpired();
    expect(purged.sessions).toBeGreaterThanOrEqual(1);
    expect(await countRows(platform, 'password_tokens')).toBe(0);
    expect(await Session.count({ where: { userId: stale.userId } })).toBe(0);
    expect((await live.agent.get('/api/auth/me')).status).toBe(200);
  });
});

describe('rate limiting', () => {
  it('answers 429 once an address makes too many sign-in attempts', async () => {
    const limited = await createPlatform({ AUTH_RATE_LIMIT: '3' });
    try {
      const attempt = () =>
        request(limited.app).post('/api/auth/login').send({ email: demo.marketing, password: 'x' });
      for (let i = 0; i < 3; i += 1) expect((await attempt()).status).toBe(401);
      const res = await attempt();
      expect(res.status).toBe(429);
      expect(res.body.error.id).toBe('rate_limited');
      expect(res.body.error.retryAfter).toBeGreaterThan(800);
    } finally {
      await limited.close();
    }
  });
});
