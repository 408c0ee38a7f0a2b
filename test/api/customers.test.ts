import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '@lealtad/server/cards/luhn';
import { createApiKey } from '@lealtad/server/commands/apiKeys';
import { Customer } from '@lealtad/server/db/models/index';
import { updateConsumptionLevels } from '@lealtad/server/jobs/consumptionLevels';
import { expirePoints } from '@lealtad/server/jobs/expirePoints';
import { postPurchases } from '@lealtad/server/ledger/purchases';
import { reversePurchase } from '@lealtad/server/ledger/reversal';
import { actorOf } from '@lealtad/server/policies/actor';
import { defaultSearchLimits, searchCustomers } from '@lealtad/server/customers/search';
import { clearSettingsCache } from '@lealtad/server/settings';
import {
  countRows,
  createPlatform,
  demo,
  ledgerInconsistencies,
  signIn,
  type Platform,
  type SignedIn,
} from '../helpers/platform';

let platform: Platform;
let callcenter: SignedIn;
let adminNorte: SignedIn;
/** The partner key that creates the customers these tests need. */
let partnerKey: string;
let serial = 0;

beforeAll(async () => {
  platform = await createPlatform();
  callcenter = await signIn(platform, demo.callcenter);
  adminNorte = await signIn(platform, demo.adminNorte);
  ({ key: partnerKey } = await createApiKey(
    platform.services,
    actorOf({ id: 1, role: 'superadmin', zoneId: null }),
    null,
    { name: 'Alta de clientes', scopes: ['customers.write'] },
  ));
});
afterAll(() => platform.close());

const customerId = async (email: string) =>
  Number((await Customer.findOne({ where: { email } }))?.id);

async function newCustomer(
  firstName: string,
  lastName: string,
  zone = 'NORTE',
  extra: Record<string, unknown> = {},
) {
  const externalId = `C-${(serial += 1)}`;
  const res = await request(platform.app)
    .put(`/api/v1/customers/${externalId}`)
    .set('Authorization', `Bearer ${partnerKey}`)
    .send({ firstName, lastName, zone, ...extra });
  expect(res.status).toBe(201);
  return { externalId, id: Number((await Customer.findOne({ where: { externalId } }))?.id) };
}

async function earn(externalId: string, amount: number, occurredAt = new Date()) {
  const id = `E-${(serial += 1)}`;
  const { results } = await postPurchases(
    platform.sequelize,
    platform.services.rules,
    [
      {
        id,
        customerExternalId: externalId,
        amount,
        currency: 'MXN',
        occurredAt,
        storeId: 'T1',
        category: 'ropa',
      },
    ],
    [null],
  );
  return results[0];
}

const search = (who: SignedIn, query: Record<string, string | number>) =>
  who.agent.get('/api/customers').query(query);
const names = (res: { body: { items: { firstName: string; lastName: string }[] } }) =>
  res.body.items.map((c) => `${c.firstName} ${c.lastName}`);

describe('customer search', () => {
  beforeAll(async () => {
    await newCustomer('José', 'Pérez Núñez', 'NORTE', {
      email: 'jose.pn@example.com',
      phone: '+52 (81) 5555-0101',
    });
    await newCustomer('Ximena', 'Peña Ibáñez', 'SUR', {
      email: 'ximena@example.com',
      phone: '81 5555 0202',
    });
    await newCustomer('Juan José', 'Pereira', 'NORTE');
  });

  it('finds names by any word or its start, ignoring case and accents', async () => {
    expect(names(await search(callcenter, { q: 'perez' }))).toContain('José Pérez Núñez');
    expect(names(await search(callcenter, { q: 'NUNEZ jose' }))).toEqual(['José Pérez Núñez']);
    const per = names(await search(callcenter, { q: 'pere' }));
    expect(per).toEqual(expect.arrayContaining(['Juan José Pereira', 'José Pérez Núñez']));
    expect(names(await search(callcenter, { q: 'ibanez' }))).toEqual(['Ximena Peña Ibáñez']);
  });

  it('finds by e-mail, phone (typed any way) and external id', async () => {
    expect(names(await search(callcenter, { q: 'JOSE.PN@' }))).toEqual(['José Pérez Núñez']);
    expect(names(await search(callcenter, { q: '52 81 5555 0101' }))).toEqual(['José Pérez Núñez']);
    expect(names(await search(callcenter, { q: '8155550202' }))).toEqual(['Ximena Peña Ibáñez']);
    const number = withCheckDigit('601199000000003');
    const card = `${number.slice(0, 4)} ${number.slice(4, 8)} ${number.slice(8, 12)} ${number.slice(12)}`;
    await platform.sequelize.query(
      "INSERT INTO cards (number, status, customer_id, created_at, updated_at) VALUES (?, 'active', ?, ?, ?)",
      { replacements: [number, await customerId('jose.pn@example.com'), new Date(), new Date()] },
    );
    expect(names(await search(callcenter, { q: card }))).toEqual(['José Pérez Núñez']);
    const byExternal = await search(callcenter, { q: 'DEMO-000001' });
    expect(byExternal.body.items.map((c: { externalId: string }) => c.externalId)).toEqual([
      'DEMO-000001',
    ]);
  });

  it('keeps an admin in its zone, whatever the filters say', async () => {
    expect(names(await search(adminNorte, { q: 'ibanez' }))).toEqual([]);
    const south = await search(adminNorte, { zoneId: 3, pageSize: 100 });
    expect(south.body.items).toEqual([]);
    const all = await search(adminNorte, { pageSize: 100 });
    expect(all.body.items.every((c: { zone: { code: string } }) => c.zone.code === 'NORTE')).toBe(
      true,
    );
    const other = await adminNorte.agent.get(
      `/api/customers/${await customerId('ximena@example.com')}`,
    );
    expect(other.status).toBe(404);
  });

  it('pages and sorts by name', async () => {
    const first = await search(callcenter, { sort: 'name', pageSize: 3 });
    const second = await search(callcenter, { sort: 'name', pageSize: 3, page: 2 });
    expect(first.body.hasMore).toBe(true);
    const both = [...first.body.items, ...second.body.items].map(
      (c: { lastName: string; firstName: string }) =>
        `${c.lastName} ${c.firstName}`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(),
    );
    expect(both).toEqual([...both].sort());
    expect(new Set(both).size).toBe(6);
  });

  it('finds the same names whichever index drives a search of several words', async () => {
    const callcenterActor = actorOf({ id: 0, role: 'callcenter', zoneId: null });
    const query = { sort: 'name', order: 'asc', page: 1, pageSize: 25 } as const;
    const throughEachIndex = async (q: string) => {
      const found = await Promise.all(
        [
          defaultSearchLimits,
          // "Too many" exact pairs to merge: the words index drives.
          { ...defaultSearchLimits, pairs: 0 },
          // Every typed word "too short" to expand: the words index drives.
          { ...defaultSearchLimits, expansions: 0 },
          // Every pair "common": the pairs of the rarest word are grouped by customer.
          { ...defaultSearchLimits, wordCount: 0 },
        ].map(async (limits) => {
          const { customers } = await searchCustomers(
            platform.sequelize,
            callcenterActor,
            { ...query, q },
            limits,
          );
          return customers.map((c) => `${c.firstName} ${c.lastName}`).sort();
        }),
      );
      expect(found[1]).toEqual(found[0]);
      expect(found[2]).toEqual(found[0]);
      expect(found[3]).toEqual(found[0]);
      return found[0];
    };
    expect(await throughEachIndex('jose pe')).toEqual(
      expect.arrayContaining(['José Pérez Núñez', 'Juan José Pereira']),
    );
    expect(await throughEachIndex('PEREZ josé nu')).toEqual(['José Pérez Núñez']);
    expect(await throughEachIndex('juan pena')).toEqual([]);
    expect(await throughEachIndex('jose zzz')).toEqual([]);
  });

  it('lists a name with two words of the typed start once, pages full', async () => {
    for (const sort of ['name', 'createdAt']) {
      const seen: number[] = [];
      for (let page = 1; ; page += 1) {
        const res = await search(callcenter, { q: 'j', sort, pageSize: 2, page });
        const ids = res.body.items.map((c: { id: number }) => c.id);
        if (res.body.hasMore) expect(ids).toHaveLength(2);
        seen.push(...ids);
        if (!res.body.hasMore) break;
      }
      expect(new Set(seen).size).toBe(seen.length);
      const juanJose = await Customer.findOne({
        where: { firstName: 'Juan José', lastName: 'Pereira' },
      });
      expect(seen).toContain(Number(juanJose?.id));
    }
  });

  it('treats wildcards and SQL in the search as text', async () => {
    expect((await search(callcenter, { q: '%' })).body.items).toEqual([]);
    expect((await search(callcenter, { q: "' OR 1=1 --" })).status).toBe(200);
  });
});

describe('profile', () => {
  it('lets staff edit a profile, audited before and after, and refuses another zone', async () => {
    const { id } = await newCustomer('Ramón', 'Díaz');
    const res = await adminNorte.agent
      .patch(`/api/customers/${id}`)
      .set('X-CSRF-Token', adminNorte.csrf)
      .send({ lastName: 'Díaz Ortiz', city: 'Monterrey', postalCode: '64000' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      lastName: 'Díaz Ortiz',
      city: 'Monterrey',
      postalCode: '64000',
    });
    expect(names(await search(callcenter, { q: 'ortiz ramon' }))).toEqual(['Ramón Díaz Ortiz']);
    const audit = await (
      await signIn(platform, demo.superadmin)
    ).agent
      .get('/api/audit')
      .query({ targetType: 'customer', targetId: String(id) });
    expect(audit.body.items[0]).toMatchObject({
      action: 'customer.updated',
      before: { lastName: 'Díaz', city: null },
      after: { lastName: 'Díaz Ortiz', city: 'Monterrey' },
    });
    const move = await adminNorte.agent
      .patch(`/api/customers/${id}`)
      .set('X-CSRF-Token', adminNorte.csrf)
      .send({ zoneId: 3 });
    expect(move.body.error.id).toBe('zone_not_allowed');
    // A later rename leaves nothing of the old name to find.
    await adminNorte.agent
      .patch(`/api/customers/${id}`)
      .set('X-CSRF-Token', adminNorte.csrf)
      .send({ lastName: 'Luna' });
    expect(names(await search(callcenter, { q: 'ortiz ramon' }))).toEqual([]);
    expect(names(await search(callcenter, { q: 'ramon lu' }))).toEqual(['Ramón Luna']);
    const [pairs] = await platform.sequelize.query<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM customer_name_pairs WHERE customer_id = ?',
      { replacements: [id], type: QueryTypes.SELECT },
    );
    expect(Number(pairs?.n)).toBe(2);
  });

  it('lets a customer edit its contact details, and set its birth date once', async () => {
    const customer = await signIn(platform, demo.customer(2));
    const patch = (body: object) =>
      customer.agent.patch('/api/me/profile').set('X-CSRF-Token', customer.csrf).send(body);
    const before = (await customer.agent.get('/api/me/profile')).body;
    expect(before.email).toBe(demo.customer(2));
    const res = await patch({ phone: '55 1234 5678', address: 'Av. Juárez 10' });
    expect(res.body).toMatchObject({ phone: '5512345678', address: 'Av. Juárez 10' });
    const rename = await patch({ firstName: 'Otro' });
    expect(rename.body.error.id).toBe('validation_failed');
    const birthday = await patch({ birthDate: '1999-09-09' });
    expect(birthday.status).toBe(409);
    expect(birthday.body.error.id).toBe('birth_date_locked');
  });
});

describe('statement and adjustments', () => {
  it('says why every line exists, newest first, filtered by kind and date', async () => {
    // Outside NORTE, whose December double points would add a second earn line.
    const { externalId, id } = await newCustomer('Inés', 'Ruiz', 'CENTRO');
    await earn(externalId, 123_456);
    await callcenter.agent
      .post(`/api/customers/${id}/adjustments`)
      .set('X-CSRF-Token', callcenter.csrf)
      .send({ points: 50, reason: 'Compensación por retraso' });
    const res = await callcenter.agent.get(`/api/customers/${id}/statement`);
    expect(
      res.body.items.map((l: { kind: string; points: number; balance: number }) => [
        l.kind,
        l.points,
        l.balance,
      ]),
    ).toEqual([
      ['adjust', 50, 173],
      ['earn', 123, 123],
    ]);
    expect(res.body.items[0].description).toBe(
      'Ajuste manual de Carlos Call Center: Compensación por retraso',
    );
    expect(res.body.items[1].description).toMatch(
      /^Compra E-\d+ en la tienda T1 por \$1,234\.56 \(tasa base\)$/,
    );
    const earns = await callcenter.agent
      .get(`/api/customers/${id}/statement`)
      .query({ kind: 'earn' });
    expect(earns.body.items).toHaveLength(1);
    const future = await callcenter.agent
      .get(`/api/customers/${id}/statement`)
      .query({ from: '2999-01-01' });
    expect(future.body.items).toEqual([]);
  });

  it('requires a reason, stays within the role limit and never overdraws', async () => {
    const { id } = await newCustomer('Óscar', 'Flores');
    const adjust = (body: object) =>
      callcenter.agent
        .post(`/api/customers/${id}/adjustments`)
        .set('X-CSRF-Token', callcenter.csrf)
        .send(body);
    const before = await countRows(platform, 'ledger_entries');
    expect((await adjust({ points: 10 })).body.error.id).toBe('validation_failed');
    expect((await adjust({ points: 10, reason: 'ok' })).body.error.id).toBe('validation_failed');
    const over = await adjust({ points: 5_000, reason: 'Demasiado para el rol' });
    expect([over.status, over.body.error.id]).toEqual([403, 'adjustment_over_limit']);
    const overdraw = await adjust({ points: -1, reason: 'Quitar lo que no hay' });
    expect([overdraw.status, overdraw.body.error.id]).toEqual([409, 'insufficient_points']);
    expect(await countRows(platform, 'ledger_entries')).toBe(before);
  });

  it('200 concurrent debits never take the balance below zero', async () => {
    const { id } = await newCustomer('Paulina', 'Gómez');
    const superadmin = await signIn(platform, demo.superadmin);
    await superadmin.agent
      .post(`/api/customers/${id}/adjustments`)
      .set('X-CSRF-Token', superadmin.csrf)
      .send({ points: 1_000, reason: 'Saldo inicial de prueba' });
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        callcenter.agent
          .post(`/api/customers/${id}/adjustments`)
          .set('X-CSRF-Token', callcenter.csrf)
          .send({ points: -7, reason: 'Cargo concurrente' }),
      ),
    );
    const ok = results.filter((r) => r.status === 201).length;
    expect(ok).toBe(142); // 142 × 7 = 994 ≤ 1,000 < 143 × 7
    expect(
      results
        .filter((r) => r.status === 409)
        .every((r) => r.body.error.id === 'insufficient_points'),
    ).toBe(true);
    expect((await Customer.findByPk(id))?.balance).toBe(1_000 - 7 * 142);
    expect(await ledgerInconsistencies(platform.sequelize)).toEqual([]);
  });
});

describe('consumption level', () => {
  it('derives bajo / medio / alto from spend in the window, leaving out old and reversed purchases', async () => {
    const low = await newCustomer('Nivel', 'Bajo');
    const mid = await newCustomer('Nivel', 'Medio');
    const high = await newCustomer('Nivel', 'Alto');
    const old = new Date(Date.now() - 400 * 86_400_000);
    await earn(low.externalId, 5_000_000, old); // $50,000 a year ago: outside the 6-month window
    await earn(mid.externalId, 250_000);
    await earn(high.externalId, 600_000);
    await earn(high.externalId, 600_000);
    const reversed = await earn(mid.externalId, 2_000_000);
    const reversedId = reversed && 'receipt' in reversed ? reversed.receipt.transactionId : '';
    await reversePurchase(platform.services, reversedId);
    const { changed } = await updateConsumptionLevels(platform.sequelize);
    expect(changed).toBeGreaterThanOrEqual(3);
    const levelOf = async (id: number) => (await Customer.findByPk(id))?.consumptionLevel;
    expect([await levelOf(low.id), await levelOf(mid.id), await levelOf(high.id)]).toEqual([
      'bajo',
      'medio',
      'alto',
    ]);
    expect((await updateConsumptionLevels(platform.sequelize)).changed).toBe(0);
  });
});

describe('expiry', () => {
  it('expires lots past their date, soonest first, once', async () => {
    const { externalId, id } = await newCustomer('Efraín', 'Cruz');
    const monthsAgo = (n: number) => new Date(Date.now() - n * 30 * 86_400_000);
    await earn(externalId, 100_000, monthsAgo(13)); // 100 points, expired a month ago
    await earn(externalId, 50_000, monthsAgo(1)); // 50 points, still valid
    // Spending 30 takes them from the lot that expires first.
    await callcenter.agent
      .post(`/api/customers/${id}/adjustments`)
      .set('X-CSRF-Token', callcenter.csrf)
      .send({ points: -30, reason: 'Consumo de prueba' });
    const first = await expirePoints(platform.sequelize);
    expect(first.points).toBeGreaterThanOrEqual(70);
    expect((await Customer.findByPk(id))?.balance).toBe(50);
    const lines = await callcenter.agent
      .get(`/api/customers/${id}/statement`)
      .query({ kind: 'expire' });
    expect(lines.body.items).toMatchObject([
      { points: -70, balance: 50, description: 'Vencimiento de puntos' },
    ]);
    expect((await expirePoints(platform.sequelize)).points).toBe(0);
    clearSettingsCache(platform.sequelize);
  });
});
