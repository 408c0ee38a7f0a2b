import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoExternalId } from '@lealtad/migrations';
import { createApiKey } from '@lealtad/server/commands/apiKeys';
import { Customer } from '@lealtad/server/db/models/index';
import { withCheckDigit } from '@lealtad/server/cards/luhn';
import { consumeLots } from '@lealtad/server/ledger/lots';
import { actorOf } from '@lealtad/server/policies/actor';
import {
  countRows,
  createPlatform,
  demo,
  ledgerInconsistencies,
  signIn,
  type Platform,
} from '../helpers/platform';

let platform: Platform;
let key: string;
let serial = 0;

beforeAll(async () => {
  platform = await createPlatform();
  const superadmin = actorOf({ id: 1, role: 'superadmin', zoneId: null });
  ({ key } = await createApiKey(platform.services, superadmin, null, {
    name: 'POS',
    scopes: ['customers.read', 'customers.write', 'transactions.write'],
  }));
});
afterAll(() => platform.close());

const v1 = (method: 'get' | 'post' | 'put', path: string) =>
  request(platform.app)[method](path).set('Authorization', `Bearer ${key}`);

const purchase = (overrides: Record<string, unknown> = {}) => ({
  id: `T-${Date.now()}-${(serial += 1)}`,
  customerExternalId: 'MX-100',
  amount: 123_456,
  currency: 'MXN',
  occurredAt: '2026-11-20T18:30:00-06:00',
  storeId: 'T07',
  category: 'electrónica',
  ...overrides,
});

const balanceOf = async (externalId: string) =>
  (await Customer.findOne({ where: { externalId } }))?.balance;

describe('partner customers', () => {
  it('creates a customer, then updates it with the same PUT', async () => {
    const created = await v1('put', '/api/v1/customers/MX-100').send({
      firstName: 'José',
      lastName: 'Pérez Núñez',
      email: 'Jose.Perez@Example.com',
      zone: 'norte',
      birthDate: '1990-02-28',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      externalId: 'MX-100',
      email: 'jose.perez@example.com',
      zone: 'NORTE',
      customerType: 'GENERAL',
      status: 'active',
      balance: 0,
    });
    const updated = await v1('put', '/api/v1/customers/MX-100').send({
      firstName: 'José',
      lastName: 'Pérez Núñez',
      zone: 'NORTE',
      city: 'Monterrey',
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ city: 'Monterrey', email: 'jose.perez@example.com' });
    expect((await v1('get', '/api/v1/customers/MX-100')).body.city).toBe('Monterrey');
  });

  it('refuses an unknown zone and bad fields, writing nothing', async () => {
    const before = await countRows(platform, 'customers');
    const zone = await v1('put', '/api/v1/customers/MX-200').send({
      firstName: 'Ana',
      lastName: 'Ruiz',
      zone: 'MARTE',
    });
    expect(zone.status).toBe(422);
    expect(zone.body.error.id).toBe('zone_not_found');
    const html = await v1('put', '/api/v1/customers/MX-200').send({
      firstName: '<b>Ana</b>',
      lastName: 'Ruiz',
      zone: 'SUR',
    });
    expect(html.body.error.id).toBe('validation_failed');
    const missing = await v1('get', '/api/v1/customers/NO-EXISTE');
    expect(missing.status).toBe(404);
    expect(missing.body.error.id).toBe('customer_not_found');
    expect(await countRows(platform, 'customers')).toBe(before);
  });
});

describe('purchases', () => {
  it('credits the base rate (1 point per $10) and answers with the receipt', async () => {
    const body = purchase();
    const res = await v1('post', '/api/v1/transactions').send(body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      transactionId: body.id,
      pointsAwarded: 123,
      balance: 123,
      awards: [{ rule: 'tasa-base', version: 1, points: 123 }],
    });
    expect(await balanceOf('MX-100')).toBe(123);
  });

  it('answers a retry with the same body and credits nothing; another payload with that id is a conflict', async () => {
    const body = purchase();
    const first = await v1('post', '/api/v1/transactions').send(body);
    const again = await v1('post', '/api/v1/transactions').send(body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const conflict = await v1('post', '/api/v1/transactions').send({ ...body, amount: 999 });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.id).toBe('transaction_conflict');
    expect(await balanceOf('MX-100')).toBe(first.body.balance);
  });

  it('credits 1,000 concurrent posts of one transaction exactly once', async () => {
    const body = purchase({ customerExternalId: demoExternalId(3), amount: 50_000 });
    const before = (await balanceOf(demoExternalId(3))) ?? 0;
    const responses = await Promise.all(
      Array.from({ length: 1000 }, () => v1('post', '/api/v1/transactions').send(body)),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(999);
    expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await balanceOf(demoExternalId(3))).toBe(before + 50);
    expect(await ledgerInconsistencies(platform.sequelize)).toEqual([]);
  });

  it('credits concurrent purchases of many customers, each once', async () => {
    const customers = [4, 5, 6, 7].map(demoExternalId);
    const before = await Promise.all(customers.map(balanceOf));
    const bodies = Array.from({ length: 200 }, (_, i) =>
      purchase({ customerExternalId: customers[i % 4], amount: 10_000 }),
    );
    const responses = await Promise.all(
      [...bodies, ...bodies].map((body) => v1('post', '/api/v1/transactions').send(body)),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(200);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(200);
    const after = await Promise.all(customers.map(balanceOf));
    after.forEach((balance, i) => expect(balance).toBe((before[i] ?? 0) + 50 * 10));
  });

  it('finds the buyer by an active card number, and refuses a blocked or unknown card', async () => {
    const customer = await Customer.findOne({ where: { externalId: demoExternalId(6) } });
    const active = withCheckDigit('601199000000001');
    const blocked = withCheckDigit('601199000000002');
    for (const [number, status] of [
      [active, 'active'],
      [blocked, 'blocked'],
    ]) {
      await platform.sequelize.query(
        'INSERT INTO cards (number, status, customer_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
        { replacements: [number, status, customer?.id, new Date(), new Date()] },
      );
    }
    const before = customer?.balance ?? 0;
    const grouped = `${active.slice(0, 4)} ${active.slice(4, 8)}-${active.slice(8, 12)} ${active.slice(12)}`;
    const byCard: Record<string, unknown> = purchase({ amount: 30_000 });
    delete byCard.customerExternalId;
    const res = await v1('post', '/api/v1/transactions').send({ ...byCard, cardNumber: grouped });
    expect(res.status).toBe(201);
    expect(await balanceOf(demoExternalId(6))).toBe(before + 30);
    const refused = await v1('post', '/api/v1/transactions').send({
      ...byCard,
      id: `${String(byCard.id)}-b`,
      cardNumber: blocked,
    });
    expect([refused.status, refused.body.error.id]).toEqual([404, 'card_not_found']);
    const both = await v1('post', '/api/v1/transactions').send({
      ...purchase(),
      cardNumber: active,
    });
    expect([both.status, both.body.error.id]).toEqual([400, 'validation_failed']);
  });

  it('refuses unknown customers, other currencies, future dates and unknown fields', async () => {
    const unknown = await v1('post', '/api/v1/transactions').send(
      purchase({ customerExternalId: 'NADIE' }),
    );
    expect([unknown.status, unknown.body.error.id]).toEqual([404, 'customer_not_found']);
    const usd = await v1('post', '/api/v1/transactions').send(purchase({ currency: 'USD' }));
    expect([usd.status, usd.body.error.id]).toEqual([422, 'currency_not_supported']);
    const future = await v1('post', '/api/v1/transactions').send(
      purchase({ occurredAt: '2999-01-01T00:00:00Z' }),
    );
    expect([future.status, future.body.error.id]).toEqual([400, 'validation_failed']);
    const extra = await v1('post', '/api/v1/transactions').send({
      ...purchase(),
      points: 1_000_000,
    });
    expect([extra.status, extra.body.error.id]).toEqual([400, 'validation_failed']);
    const cents = await v1('post', '/api/v1/transactions').send(purchase({ amount: 12.5 }));
    expect(cents.body.error.id).toBe('validation_failed');
  });

  it('answers an id repeated far apart in a batch as the repeat of its first occurrence', async () => {
    const before = Number(await balanceOf(demoExternalId(7)));
    const items = Array.from({ length: 250 }, () =>
      purchase({ customerExternalId: demoExternalId(7), amount: 1_000 }),
    );
    const repeated = items[3];
    const reused = items[10];
    if (!repeated || !reused) throw new Error('no items');
    items[240] = { ...repeated };
    items[130] = { ...reused, amount: 2_000 };
    const res = await v1('post', '/api/v1/transactions/batch').send({ transactions: items });
    expect(res.status).toBe(200);
    const results = res.body.results as {
      status: number;
      balance?: number;
      error?: { id: string };
    }[];
    expect([results[3]?.status, results[240]?.status]).toEqual([201, 200]);
    expect(results[240]?.balance).toBe(results[3]?.balance);
    expect([results[10]?.status, results[130]?.error?.id]).toEqual([201, 'transaction_conflict']);
    expect(results.filter((r) => r.status === 201)).toHaveLength(248);
    // 248 purchases of $10 at 1 point per $10.
    expect(Number(await balanceOf(demoExternalId(7)))).toBe(before + 248);
  });

  it('takes a batch: a result per item, bad items do not stop good ones', async () => {
    const good = purchase({ customerExternalId: demoExternalId(8), amount: 20_000 });
    const duplicateOfGood = { ...good };
    const res = await v1('post', '/api/v1/transactions/batch').send({
      transactions: [
        good,
        { ...purchase(), amount: -5 },
        purchase({ customerExternalId: 'NADIE' }),
        duplicateOfGood,
        'no soy una compra',
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: number }) => r.status)).toEqual([
      201, 400, 404, 200, 400,
    ]);
    expect(res.body.results[3].balance).toBe(res.body.results[0].balance);
    expect(res.body.summary).toEqual({ created: 1, repeated: 1, failed: 3 });
    const again = await v1('post', '/api/v1/transactions/batch').send({ transactions: [good] });
    expect(again.body.results[0]).toMatchObject({
      status: 200,
      transactionId: good.id,
      pointsAwarded: 20,
    });
  });

  it('refuses a batch over 1,000 items', async () => {
    const res = await v1('post', '/api/v1/transactions/batch').send({
      transactions: Array.from({ length: 1001 }, () => purchase()),
    });
    expect([res.status, res.body.error.id]).toEqual([400, 'validation_failed']);
  });
});

describe('reversal', () => {
  it('takes back the points a purchase earned; twice changes nothing', async () => {
    const customer = demoExternalId(1);
    const before = (await balanceOf(customer)) ?? 0;
    const body = purchase({ customerExternalId: customer, amount: 70_000 });
    await v1('post', '/api/v1/transactions').send(body);
    const reversed = await v1('post', `/api/v1/transactions/${body.id}/reverse`).send();
    expect(reversed.status).toBe(200);
    expect(reversed.body).toEqual({
      transactionId: body.id,
      status: 'reversed',
      pointsReversed: 70,
      unrecoveredPoints: 0,
      balance: before,
    });
    const twice = await v1('post', `/api/v1/transactions/${body.id}/reverse`).send();
    expect(twice.body).toEqual(reversed.body);
    expect(await balanceOf(customer)).toBe(before);
  });

  it('never overdraws: points already spent stay spent and are reported as unrecovered', async () => {
    await v1('put', '/api/v1/customers/MX-300').send({
      firstName: 'Inés',
      lastName: 'Ortiz',
      zone: 'SUR',
    });
    const body = purchase({ customerExternalId: 'MX-300', amount: 100_000 });
    await v1('post', '/api/v1/transactions').send(body);
    // Spend 60 of the 100 points (as a redemption would) through the ledger's own debit path.
    const customer = await Customer.findOne({ where: { externalId: 'MX-300' } });
    await platform.sequelize.transaction(async (transaction) => {
      const taken = await consumeLots(platform.sequelize, customer?.id ?? 0, 60, transaction);
      await platform.sequelize.query(
        "INSERT INTO ledger_entries (customer_id, kind, points, balance_after, note, created_at) VALUES (?, 'redeem', ?, 40, 'prueba', ?)",
        { replacements: [customer?.id, -taken, new Date()], transaction },
      );
      await platform.sequelize.query('UPDATE customers SET balance = 40 WHERE id = ?', {
        replacements: [customer?.id],
        transaction,
      });
    });
    const reversed = await v1('post', `/api/v1/transactions/${body.id}/reverse`).send();
    expect(reversed.body).toMatchObject({ pointsReversed: 40, unrecoveredPoints: 60, balance: 0 });
    const ledger = await v1('get', '/api/v1/customers/MX-300/ledger');
    expect(
      ledger.body.items.map((l: { kind: string; points: number }) => [l.kind, l.points]),
    ).toEqual([
      ['earn', 100],
      ['redeem', -60],
      ['reverse', -40],
    ]);
    expect(ledger.body.items[2]).toMatchObject({
      transactionId: body.id,
      balance: 0,
      note: '60 puntos ya se habían usado',
    });
  });

  it('answers 404 for an unknown transaction', async () => {
    const res = await v1('post', '/api/v1/transactions/NO-EXISTE/reverse').send();
    expect([res.status, res.body.error.id]).toEqual([404, 'transaction_not_found']);
  });
});

describe('ledger feed and keys', () => {
  it('pages the ledger with a cursor, oldest first, each line naming its rule version', async () => {
    const customer = demoExternalId(2);
    for (let i = 0; i < 3; i += 1)
      await v1('post', '/api/v1/transactions').send(
        purchase({ customerExternalId: customer, amount: 10_000 * (i + 1) }),
      );
    const all = (await v1('get', `/api/v1/customers/${customer}/ledger`).query({ limit: 500 })).body
      .items;
    const first = await v1('get', `/api/v1/customers/${customer}/ledger`).query({ limit: 2 });
    expect(first.body.items).toEqual(all.slice(0, 2));
    const second = await v1('get', `/api/v1/customers/${customer}/ledger`).query({
      limit: 2,
      after: first.body.next,
    });
    expect(second.body.items).toEqual(all.slice(2, 4));
    expect(all.at(-1)).toMatchObject({
      kind: 'earn',
      points: 30,
      rule: { key: 'tasa-base', version: 1 },
    });
  });

  it('a revoked key stops working; a staff session does not open partner routes', async () => {
    const superadmin = await signIn(platform, demo.superadmin);
    const made = await superadmin.agent
      .post('/api/api-keys')
      .set('X-CSRF-Token', superadmin.csrf)
      .send({ name: 'Temporal', scopes: ['customers.read'] });
    expect(made.status).toBe(201);
    expect(made.body.key).toMatch(/^ltd_/);
    const path = `/api/v1/customers/${demoExternalId(1)}`;
    expect(
      (await request(platform.app).get(path).set('Authorization', `Bearer ${made.body.key}`))
        .status,
    ).toBe(200);
    const listed = await superadmin.agent.get('/api/api-keys');
    expect(JSON.stringify(listed.body)).not.toContain(made.body.key);
    await superadmin.agent
      .post(`/api/api-keys/${made.body.id}/revoke`)
      .set('X-CSRF-Token', superadmin.csrf)
      .send();
    expect(
      (await request(platform.app).get(path).set('Authorization', `Bearer ${made.body.key}`))
        .status,
    ).toBe(401);
    expect((await superadmin.agent.get(path)).status).toBe(401);
    const stored = await platform.sequelize.query('SELECT key_hash FROM api_keys WHERE id = ?', {
      replacements: [made.body.id],
    });
    expect(JSON.stringify(stored)).not.toContain(made.body.key);
  });
});
