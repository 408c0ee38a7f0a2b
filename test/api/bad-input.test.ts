import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRows,
  createPlatform,
  demo,
  signIn,
  type Platform,
  type SignedIn,
} from '../helpers/platform';

interface ErrorBody {
  error?: { id: string; message: string; details?: { path: string; code: string }[] };
}

let platform: Platform;
let superadmin: SignedIn;

beforeAll(async () => {
  platform = await createPlatform();
  superadmin = await signIn(platform, demo.superadmin);
});
afterAll(() => platform.close());

const valid = { email: 'valida@demo.lealtad.mx', name: 'Cuenta Válida', role: 'callcenter' };

/** Sends a raw body to create an account, as the superadmin. */
const createRaw = (body: string, contentType = 'application/json') =>
  superadmin.agent
    .post('/api/users')
    .set('X-CSRF-Token', superadmin.csrf)
    .set('Content-Type', contentType)
    .send(body);

async function expectNothingWritten(
  run: () => Promise<{ status: number; body: ErrorBody }>,
  status: number,
  id: string,
) {
  const tables = ['users', 'audit_events', 'password_tokens'];
  const before = await Promise.all(tables.map((t) => countRows(platform, t)));
  const res = await run();
  expect(res.status).toBe(status);
  expect(res.body.error?.id).toBe(id);
  expect(await Promise.all(tables.map((t) => countRows(platform, t)))).toEqual(before);
  return res;
}

describe('bad input is refused with a stable error id and writes nothing', () => {
  it('malformed JSON', async () => {
    await expectNothingWritten(
      () => createRaw('{"email": "a@b.mx", "name": '),
      400,
      'invalid_json',
    );
  });

  it('wrong types, with the offending field named', async () => {
    const res = await expectNothingWritten(
      () => createRaw(JSON.stringify({ ...valid, name: 42, zoneId: 'uno' })),
      400,
      'validation_failed',
    );
    expect(res.body.error?.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'body.name', code: 'invalid_type' }),
        expect.objectContaining({ path: 'body.zoneId', code: 'invalid_type' }),
      ]),
    );
  });

  it('unknown fields', async () => {
    await expectNothingWritten(
      () => createRaw(JSON.stringify({ ...valid, role: 'callcenter', isAdmin: true })),
      400,
      'validation_failed',
    );
  });

  it('an unknown role', async () => {
    await expectNothingWritten(
      () => createRaw(JSON.stringify({ ...valid, role: 'root' })),
      400,
      'validation_failed',
    );
  });

  it('oversized bodies', async () => {
    await expectNothingWritten(
      () => createRaw(JSON.stringify({ ...valid, name: 'a'.repeat(200_000) })),
      413,
      'payload_too_large',
    );
  });

  it('SQL in text fields', async () => {
    await expectNothingWritten(
      () => createRaw(JSON.stringify({ ...valid, name: "x'); DROP TABLE users; --" })),
      400,
      'validation_failed',
    );
    await expectNothingWritten(
      () => createRaw(JSON.stringify({ ...valid, email: "a@b.mx' OR '1'='1" })),
      400,
      'validation_failed',
    );
  });

  it('HTML in text fields', async () => {
    await expectNothingWritten(
      () => createRaw(JSON.stringify({ ...valid, name: '<script>alert(1)</script>' })),
      400,
      'validation_failed',
    );
  });

  it('a body that is not JSON', async () => {
    await expectNothingWritten(
      () => createRaw('email=a@b.mx', 'application/x-www-form-urlencoded'),
      415,
      'unsupported_media_type',
    );
  });

  it('bad input on public routes too', async () => {
    const res = await expectNothingWritten(
      () =>
        superadmin.agent
          .post('/api/auth/password/reset')
          .set('Content-Type', 'application/json')
          .send('{"token": "abc", "password": "corta", "extra": 1}'),
      400,
      'validation_failed',
    );
    expect(res.body.error?.message).toMatch(/no son válidos/);
  });

  it('SQL in a search only searches', async () => {
    const res = await superadmin.agent
      .get('/api/users')
      .query({ q: "' OR 1=1; DROP TABLE users; --" });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(0);
    expect(await countRows(platform, 'users')).toBeGreaterThan(0);
  });

  it('unknown query parameters and bad ids', async () => {
    expect((await superadmin.agent.get('/api/users').query({ pagina: 2 })).body.error.id).toBe(
      'validation_failed',
    );
    expect((await superadmin.agent.get('/api/users/abc')).body.error.id).toBe('validation_failed');
    const missing = await superadmin.agent.get('/api/users/999999');
    expect(missing.status).toBe(404);
    expect(missing.body.error.id).toBe('not_found');
    const nowhere = await superadmin.agent.get('/api/no-such-thing');
    expect(nowhere.status).toBe(404);
    expect(nowhere.body.error.id).toBe('not_found');
  });
});
