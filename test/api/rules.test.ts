import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTime, type RuleDocumentInput } from '@lealtad/rules-schema';
import { createServices } from '@lealtad/server';
import { createApiKey } from '@lealtad/server/commands/apiKeys';
import { withCheckDigit } from '@lealtad/server/cards/luhn';
import { Customer } from '@lealtad/server/db/models/index';
import { connectDatabase } from '@lealtad/server/db/index';
import { runTimeTriggers } from '@lealtad/server/jobs/ruleTriggers';
import { zonedMidnight } from '@lealtad/server/time';
import { actorOf } from '@lealtad/server/policies/actor';
import { makeReward } from '../helpers/rewards';
import {
  countRows,
  createPlatform,
  demo,
  signIn,
  type Platform,
  type SignedIn,
} from '../helpers/platform';

let platform: Platform;
let key: string;
let marketing: SignedIn;
let superadmin: SignedIn;
let serial = 0;
const unique = () => `${Date.now().toString(36)}${(serial += 1)}`;
/** Names take letters only: digits become letters, so a unique suffix can be part of one. */
const lettersOnly = (text: string) =>
  text.replace(/\d/g, (digit) => String.fromCharCode(97 + Number(digit)));

beforeAll(async () => {
  // Redis carries publishes to the platform's other processes (see "live changes"). It also
  // counts sign-ins per address for every suite and run using it: this file's are not the test.
  platform = await createPlatform({
    REDIS_URL: 'redis://127.0.0.1:6379',
    AUTH_RATE_LIMIT: '1000',
  });
  ({ key } = await createApiKey(
    platform.services,
    actorOf({ id: 1, role: 'superadmin', zoneId: null }),
    null,
    { name: 'POS', scopes: ['customers.read', 'customers.write', 'transactions.write'] },
  ));
  marketing = await signIn(platform, demo.marketing);
  superadmin = await signIn(platform, demo.superadmin);
});
afterAll(() => platform.close());

const v1 = (method: 'post' | 'put', path: string) =>
  request(platform.app)[method](path).set('Authorization', `Bearer ${key}`);

async function newCustomer(zone: string, extra: Record<string, unknown> = {}) {
  const externalId = `R-${unique()}`;
  const res = await v1('put', `/api/v1/customers/${externalId}`).send({
    firstName: 'Regla',
    lastName: 'Prueba',
    zone,
    ...extra,
  });
  expect(res.status).toBe(201);
  const id = Number((await Customer.findOne({ where: { externalId } }))?.id);
  return { externalId, id };
}

const buy = (externalId: string, amount: number, occurredAt = new Date().toISOString()) =>
  v1('post', '/api/v1/transactions').send({
    id: `P-${unique()}`,
    customerExternalId: externalId,
    amount,
    currency: 'MXN',
    occurredAt,
    storeId: 'T1',
    category: 'abarrotes',
  });

/** Points on the customer's ledger from one rule. */
async function pointsFrom(customerId: number, rule: string): Promise<number> {
  const [row] = await platform.sequelize.query<{ total: number | string | null }>(
    'SELECT SUM(points) AS total FROM ledger_entries WHERE customer_id = ? AND rule_key = ?',
    { replacements: [customerId, rule], type: QueryTypes.SELECT },
  );
  return Number(row?.total ?? 0);
}

async function countRowsWhere(table: string, customerId: number): Promise<number> {
  const [row] = await platform.sequelize.query<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM ${table} WHERE customer_id = ?`,
    { replacements: [customerId], type: QueryTypes.SELECT },
  );
  return Number(row?.n);
}

const ruleId = async (key: string) => {
  const res = await marketing.agent.get('/api/rules').query({ q: key });
  const found = (res.body.items as { id: number; key: string }[]).find((r) => r.key === key);
  if (!found) throw new Error(`No rule ${key}`);
  return found.id;
};

const writeAs = (who: SignedIn, method: 'post' | 'put', path: string) =>
  who.agent[method](path).set('X-CSRF-Token', who.csrf);

async function createAndPublish(document: RuleDocumentInput, comment = 'Publicada en la prueba') {
  const created = await writeAs(marketing, 'post', '/api/rules').send({ document });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await writeAs(marketing, 'post', `/api/rules/${created.body.id}/publish`).send({
    comment,
  });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  return { id: created.body.id as number, ...published.body };
}

describe('seeded rules', () => {
  it('are live: base earn, birthday, Norte December double points and card activation', async () => {
    const res = await marketing.agent.get('/api/rules').query({ state: 'published' });
    expect(res.status).toBe(200);
    expect((res.body.items as { key: string }[]).map((r) => r.key).sort()).toEqual(
      expect.arrayContaining([
        'activacion-tarjeta',
        'cumpleanos',
        'norte-diciembre-doble',
        'tasa-base',
      ]),
    );
  });

  it('earn 1 point per $10 and name the rule version on the ledger line', async () => {
    const { externalId, id } = await newCustomer('CENTRO');
    const res = await buy(externalId, 12_345);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      pointsAwarded: 12,
      awards: [{ rule: 'tasa-base', version: 1, points: 12 }],
    });
    const lines = await platform.sequelize.query<{ rule_key: string; rule_version: number }>(
      'SELECT rule_key, rule_version FROM ledger_entries WHERE customer_id = ?',
      { replacements: [id], type: QueryTypes.SELECT },
    );
    expect(lines).toEqual([{ rule_key: 'tasa-base', rule_version: 1 }]);
    const [stored] = await platform.sequelize.query<{ traces: unknown }>(
      'SELECT traces FROM partner_transactions WHERE external_id = ?',
      { replacements: [res.body.transactionId], type: QueryTypes.SELECT },
    );
    const traces = typeof stored?.traces === 'string' ? JSON.parse(stored.traces) : stored?.traces;
    expect(traces).toEqual([
      { rule: 'tasa-base', version: 1, points: 12, outcome: 'full', conditions: [] },
    ]);
  });
});

describe('birthday', () => {
  it('gives 100 points once a year even when the job runs twice at once', async () => {
    const today = localTime(new Date(), 'America/Mexico_City').date;
    const born = today.endsWith('02-29') ? '1992-02-29' : `1990-${today.slice(5)}`;
    const { id } = await newCustomer('SUR', { birthDate: born });
    const runs = await Promise.all([
      writeAs(superadmin, 'post', '/api/jobs/birthday/run').send(),
      writeAs(superadmin, 'post', '/api/jobs/birthday/run').send(),
      runTimeTriggers(platform.services, 'birthday'),
    ]);
    expect(runs[0].status).toBe(200);
    expect(runs[1].status).toBe(200);
    expect(await pointsFrom(id, 'cumpleanos')).toBe(100);
    // Later runs the same year find it given.
    await runTimeTriggers(platform.services, 'birthday');
    expect(await pointsFrom(id, 'cumpleanos')).toBe(100);
    const [award] = await platform.sequelize.query<{ occasion: string; points: number }>(
      "SELECT occasion, points FROM rule_awards WHERE customer_id = ? AND rule_key = 'cumpleanos'",
      { replacements: [id], type: QueryTypes.SELECT },
    );
    expect(award).toEqual({ occasion: today.slice(0, 4), points: 100 });
    const statement = await superadmin.agent.get(`/api/customers/${id}/statement`);
    expect(statement.body.items[0].description).toContain('¡Feliz cumpleaños!');
  });

  it('is a job only a superadmin may run, and unknown jobs are refused', async () => {
    const refused = await writeAs(marketing, 'post', '/api/jobs/birthday/run').send();
    expect(refused.status).toBe(403);
    const unknown = await writeAs(superadmin, 'post', '/api/jobs/lottery/run').send();
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.id).toBe('validation_failed');
  });
});

describe('other scheduled triggers', () => {
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

  it('award inactivity, expiring points and anniversaries once per occasion', async () => {
    const stamp = unique();
    for (const [key, trigger] of [
      [`inactivo-${stamp}`, { type: 'inactivity', days: 30 }],
      [`por-vencer-${stamp}`, { type: 'points_expiring', days: 7 }],
      [`aniversario-${stamp}`, { type: 'anniversary' }],
    ] as const) {
      await createAndPublish({
        key,
        name: key,
        trigger,
        audience: { zones: ['OCCIDENTE'] },
        effects: [{ id: 'puntos', type: 'fixedPoints', points: 20 }],
      });
    }
    const idle = await newCustomer('OCCIDENTE');
    expect((await buy(idle.externalId, 5_000, daysAgo(30).toISOString())).status).toBe(201);
    const expiring = await newCustomer('OCCIDENTE');
    // Points expire 12 months after the purchase: this purchase's expire in 7 days.
    const yearAgo = new Date();
    yearAgo.setUTCMonth(yearAgo.getUTCMonth() - 12);
    yearAgo.setUTCDate(yearAgo.getUTCDate() + 7);
    expect((await buy(expiring.externalId, 5_000, yearAgo.toISOString())).status).toBe(201);
    // Enrolled on today's local date two years ago, at noon and late in the evening (already
    // the next day in UTC); and the evening before, which is today's date in UTC.
    const today = localTime(new Date(), 'America/Mexico_City').date;
    const twoYearsAgo = `${Number(today.slice(0, 4)) - 2}${today.slice(4)}`;
    const atLocalHour = (day: string, hours: number) =>
      new Date(zonedMidnight(day, 'America/Mexico_City').getTime() + hours * 3_600_000);
    const enrolments = [
      { customer: await newCustomer('OCCIDENTE'), at: atLocalHour(twoYearsAgo, 12), points: 20 },
      { customer: await newCustomer('OCCIDENTE'), at: atLocalHour(twoYearsAgo, 22), points: 20 },
      { customer: await newCustomer('OCCIDENTE'), at: atLocalHour(twoYearsAgo, -2), points: 0 },
    ];
    for (const { customer, at } of enrolments) {
      await platform.sequelize.query('UPDATE customers SET created_at = ? WHERE id = ?', {
        replacements: [at, customer.id],
      });
    }
    const newcomer = await newCustomer('OCCIDENTE');

    for (const job of ['inactivity', 'points-expiring', 'anniversary', 'inactivity']) {
      expect((await writeAs(superadmin, 'post', `/api/jobs/${job}/run`).send()).status).toBe(200);
    }
    expect(await pointsFrom(idle.id, `inactivo-${stamp}`)).toBe(20);
    expect(await pointsFrom(expiring.id, `por-vencer-${stamp}`)).toBe(20);
    for (const { customer, points } of enrolments) {
      expect(await pointsFrom(customer.id, `aniversario-${stamp}`)).toBe(points);
    }
    // Enrolled today: no anniversary yet; bought today: not inactive.
    expect(await pointsFrom(newcomer.id, `aniversario-${stamp}`)).toBe(0);
    expect(await pointsFrom(expiring.id, `inactivo-${stamp}`)).toBe(0);
  });
});

describe('Norte December double points', () => {
  it('holds its cap of 1,000 a month under 100 concurrent purchases of one customer', async () => {
    const { externalId, id } = await newCustomer('NORTE');
    const december = '2025-12-10T18:00:00.000Z';
    const results = await Promise.all(
      Array.from({ length: 100 }, () => buy(externalId, 60_000, december)),
    );
    expect(results.map((res) => res.status)).toEqual(results.map(() => 201));
    expect(await pointsFrom(id, 'tasa-base')).toBe(6_000);
    expect(await pointsFrom(id, 'norte-diciembre-doble')).toBe(1_000);
    const customer = await Customer.findByPk(id);
    expect(customer?.balance).toBe(7_000);
    // The same purchase in November earns the base only.
    const november = await buy(externalId, 60_000, '2025-11-10T18:00:00.000Z');
    expect(november.body.awards).toEqual([{ rule: 'tasa-base', version: 1, points: 60 }]);
  });
});

describe('card activation', () => {
  it('gives 200 points on the first card only', async () => {
    const { id } = await newCustomer('CENTRO');
    const numbers = [1, 2].map((n) =>
      withCheckDigit(`9${String(Date.now() % 1e9).padStart(9, '0')}${String(n).padStart(5, '0')}`),
    );
    const stock = await writeAs(superadmin, 'post', '/api/cards/stock').send({
      name: `Lote ${unique()}`,
      numbers,
    });
    expect(stock.status, JSON.stringify(stock.body)).toBe(201);
    const [first, second] = numbers;
    const activate = (number: string) =>
      writeAs(superadmin, 'post', '/api/cards/activate').send({
        cardNumber: number,
        customerId: id,
      });
    expect((await activate(first ?? '')).status).toBe(200);
    expect(await pointsFrom(id, 'activacion-tarjeta')).toBe(200);
    await platform.sequelize.query("UPDATE cards SET status = 'inactive' WHERE number = ?", {
      replacements: [first],
    });
    expect((await activate(second ?? '')).status).toBe(200);
    expect(await pointsFrom(id, 'activacion-tarjeta')).toBe(200);
  });
});

describe('drafts, checks and versions', () => {
  const document = (key: string): RuleDocumentInput => ({
    key,
    name: 'Fin de semana: 50 puntos',
    trigger: { type: 'purchase' },
    audience: { zones: ['OCCIDENTE'] },
    conditions: {
      all: [
        { id: 'minimo', fact: 'purchase.amount', operator: 'greaterThanInclusive', value: 20_000 },
      ],
    },
    effects: [{ id: 'bono', type: 'fixedPoints', points: 50 }],
    meta: { description: 'Bono de fin de semana' },
  });

  it('refuses a second save of the same revision with a clear conflict', async () => {
    const created = await writeAs(marketing, 'post', '/api/rules').send({
      document: document(`conflicto-${unique()}`),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'draft', draftRevision: 1, liveVersion: null });
    const save = (name: string) =>
      writeAs(marketing, 'put', `/api/rules/${created.body.id}/draft`).send({
        document: { ...created.body.draft, name },
        revision: 1,
      });
    const [a, b] = [await save('Primera'), await save('Segunda')];
    expect(a.status).toBe(200);
    expect(a.body.draftRevision).toBe(2);
    expect(b.status).toBe(409);
    expect(b.body.error.id).toBe('draft_conflict');
    expect(b.body.error.message).toContain('Marketing');
    const stored = await marketing.agent.get(`/api/rules/${created.body.id}`);
    expect(stored.body.name).toBe('Primera');
  });

  it('validates with paths and refuses to publish a rule with errors', async () => {
    const broken = {
      ...document(`rota-${unique()}`),
      conditions: {
        all: [{ id: 'mal', fact: 'purchase.colour', operator: 'equal', value: 'rojo' }],
      },
    };
    const validated = await writeAs(marketing, 'post', '/api/rules/validate').send({
      document: broken,
    });
    expect(validated.status).toBe(200);
    expect(validated.body.valid).toBe(false);
    expect(validated.body.issues[0]).toMatchObject({
      code: 'unknown_fact',
      path: ['conditions', 'all', 0, 'fact'],
    });
    const created = await writeAs(marketing, 'post', '/api/rules').send({ document: broken });
    const releases = await countRows(platform, 'rule_releases');
    const published = await writeAs(
      marketing,
      'post',
      `/api/rules/${created.body.id}/publish`,
    ).send({ comment: 'No debería salir' });
    expect(published.status).toBe(422);
    expect(published.body.error.id).toBe('rule_invalid');
    expect(published.body.error.details[0].path).toBe('document.conditions.all.0.fact');
    expect(await countRows(platform, 'rule_releases')).toBe(releases);
    const shapeless = await writeAs(marketing, 'post', '/api/rules').send({
      document: { key: 'Sin Forma', name: '' },
    });
    expect(shapeless.status).toBe(400);
    expect(shapeless.body.error.id).toBe('validation_failed');
  });

  it('publishes versions, diffs them, rolls back, and each purchase earns by the live one', async () => {
    const key = `occidente-${unique()}`;
    const { id, version } = await createAndPublish(document(key));
    expect(version).toBe(1);
    const { externalId, id: customerId } = await newCustomer('OCCIDENTE');
    expect((await buy(externalId, 25_000)).body.awards).toContainEqual({
      rule: key,
      version: 1,
      points: 50,
    });

    const detail = await marketing.agent.get(`/api/rules/${id}`);
    const changed = {
      ...detail.body.draft,
      effects: [{ id: 'bono', type: 'fixedPoints', points: 80 }],
    };
    await writeAs(marketing, 'put', `/api/rules/${id}/draft`)
      .send({ document: changed, revision: detail.body.draftRevision })
      .expect(200);
    const second = await writeAs(marketing, 'post', `/api/rules/${id}/publish`).send({
      comment: 'Más puntos',
    });
    expect(second.body.version).toBe(2);
    expect((await buy(externalId, 25_000)).body.awards).toContainEqual({
      rule: key,
      version: 2,
      points: 80,
    });

    const diff = await marketing.agent.get(`/api/rules/${id}/diff`).query({ from: 1, to: 2 });
    expect(diff.body.changes).toEqual([{ path: ['effects', 0, 'points'], before: 50, after: 80 }]);
    const versions = await marketing.agent.get(`/api/rules/${id}/versions`);
    expect(
      versions.body.items.map((v: { version: number; live: boolean }) => [v.version, v.live]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);

    const rolled = await writeAs(marketing, 'post', `/api/rules/${id}/rollback`).send({
      version: 1,
      comment: 'Volvemos a 50',
    });
    expect(rolled.status).toBe(201);
    expect(rolled.body.rule).toMatchObject({ liveVersion: 1, hasUnpublishedChanges: false });
    expect((await buy(externalId, 25_000)).body.awards).toContainEqual({
      rule: key,
      version: 1,
      points: 50,
    });

    const retired = await writeAs(marketing, 'post', `/api/rules/${id}/retire`).send({
      comment: 'Terminó la promoción',
    });
    expect(retired.body.rule.state).toBe('retired');
    const after = await buy(externalId, 25_000);
    expect(after.body.awards.map((a: { rule: string }) => a.rule)).toEqual(['tasa-base']);
    expect(await pointsFrom(customerId, key)).toBe(50 + 80 + 50);
    const again = await writeAs(marketing, 'post', `/api/rules/${id}/retire`).send({
      comment: 'Otra vez',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.id).toBe('rule_not_live');
  });

  it('maps the live rules with their trigger and exclusive group, read from memory', async () => {
    const res = await marketing.agent.get('/api/rules/live');
    expect(res.status).toBe(200);
    const byKey = new Map(
      (res.body.items as { key: string }[]).map((rule) => [rule.key, rule] as const),
    );
    expect(byKey.get('tasa-base')).toMatchObject({
      name: 'Tasa base: 1 punto por cada $10',
      trigger: 'purchase',
      version: expect.any(Number),
      stacking: { priority: expect.any(Number) },
    });
    expect(byKey.get('cumpleanos')).toMatchObject({ trigger: 'birthday' });
    const admin = await signIn(platform, demo.adminNorte);
    const own = await admin.agent.get('/api/rules/live');
    expect(own.body.items.map((r: { key: string }) => r.key)).not.toContain('tasa-base');
  });

  it('keeps a zone admin to rules for its own zone', async () => {
    const admin = await signIn(platform, demo.adminNorte);
    const elsewhere = await writeAs(admin, 'post', '/api/rules').send({
      document: document(`fuera-${unique()}`),
    });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.error.id).toBe('rule_outside_zone');
    const own = await writeAs(admin, 'post', '/api/rules').send({
      document: { ...document(`norte-${unique()}`), audience: { zones: ['NORTE'] } },
    });
    expect(own.status).toBe(201);
    const list = await admin.agent.get('/api/rules');
    expect(list.body.items.map((r: { id: number }) => r.id)).toEqual([own.body.id]);
    const seeded = await admin.agent.get(`/api/rules/${await ruleId('tasa-base')}`);
    expect(seeded.status).toBe(404);
  });
});

describe('effects and budgets', () => {
  it('tags the customer and leaves a message; a later rule for that tag then applies', async () => {
    const key = `etiqueta-${unique()}`;
    await createAndPublish({
      key,
      name: 'Primera compra grande: etiqueta',
      trigger: { type: 'purchase' },
      audience: { zones: ['SUR'] },
      conditions: {
        all: [
          {
            id: 'grande',
            fact: 'purchase.amount',
            operator: 'greaterThanInclusive',
            value: 90_000,
          },
        ],
      },
      effects: [
        { id: 'etiqueta', type: 'tag', tag: 'comprador-grande' },
        { id: 'aviso', type: 'message', subject: 'Gracias', body: 'Ya eres comprador grande.' },
      ],
    });
    const follow = `seguimiento-${unique()}`;
    await createAndPublish({
      key: follow,
      name: 'Compradores grandes: 7 puntos',
      trigger: { type: 'purchase' },
      audience: { zones: ['SUR'], tags: ['comprador-grande'] },
      effects: [{ id: 'siete', type: 'fixedPoints', points: 7 }],
    });
    const { externalId, id } = await newCustomer('SUR');
    const first = await buy(externalId, 95_000);
    expect(first.body.awards.map((a: { rule: string }) => a.rule)).toEqual(['tasa-base']);
    const [tag] = await platform.sequelize.query<{ tag: string; rule_key: string }>(
      'SELECT tag, rule_key FROM customer_tags WHERE customer_id = ?',
      { replacements: [id], type: QueryTypes.SELECT },
    );
    expect(tag).toEqual({ tag: 'comprador-grande', rule_key: key });
    expect(
      await platform.sequelize.query(
        'SELECT subject FROM customer_messages WHERE customer_id = ?',
        {
          replacements: [id],
          type: QueryTypes.SELECT,
        },
      ),
    ).toEqual([{ subject: 'Gracias' }]);
    const second = await buy(externalId, 1_000);
    expect(second.body.awards).toContainEqual({ rule: follow, version: 1, points: 7 });
    // Tagged once, whatever the next purchases.
    await buy(externalId, 95_000);
    expect(await countRowsWhere('customer_tags', id)).toBe(1);
  });

  it('tells a customer whose purchase was reversed, once, with the purchase as it was', async () => {
    const key = `reversa-${unique()}`;
    await createAndPublish({
      key,
      name: 'Aviso de cancelación',
      trigger: { type: 'purchase_reversed' },
      audience: { zones: ['CENTRO'] },
      conditions: {
        all: [{ id: 'monto', fact: 'purchase.amount', operator: 'greaterThan', value: 10_000 }],
      },
      effects: [
        {
          id: 'aviso',
          type: 'message',
          subject: 'Compra cancelada',
          body: 'Tus puntos se ajustaron.',
        },
      ],
    });
    const { externalId, id } = await newCustomer('CENTRO');
    const bought = await buy(externalId, 20_000);
    const reverse = () =>
      v1('post', `/api/v1/transactions/${bought.body.transactionId}/reverse`).send();
    expect((await reverse()).status).toBe(200);
    expect((await reverse()).status).toBe(200);
    expect(await countRowsWhere('customer_messages', id)).toBe(1);
  });

  it('gives a catalog reward as a redemption of no points, while its stock lasts', async () => {
    const reward = await makeReward(platform, { stock: 1, deliveryMode: 'pickup' });
    const key = `premio-${unique()}`;
    await createAndPublish({
      key,
      name: 'Compra grande: premio de regalo',
      trigger: { type: 'purchase' },
      audience: { zones: ['CENTRO'] },
      conditions: {
        all: [
          {
            id: 'grande',
            fact: 'purchase.amount',
            operator: 'greaterThanInclusive',
            value: 100_000,
          },
        ],
      },
      effects: [{ id: 'regalo', type: 'reward', rewardId: reward.code }],
    });
    const first = await newCustomer('CENTRO');
    const second = await newCustomer('CENTRO');
    await buy(first.externalId, 150_000);
    await buy(second.externalId, 150_000);
    const given = await platform.sequelize.query<{
      customer_id: number | string;
      points: number;
      channel: string;
    }>('SELECT customer_id, points, channel FROM redemptions WHERE reward_id = ?', {
      replacements: [reward.id],
      type: QueryTypes.SELECT,
    });
    expect(given.map((r) => [Number(r.customer_id), Number(r.points), r.channel])).toEqual([
      [first.id, 0, 'rule'],
    ]);
    const staff = await signIn(platform, demo.callcenter);
    const list = await staff.agent.get('/api/redemptions').query({ rewardId: reward.id });
    const detail = await staff.agent.get(`/api/redemptions/${list.body.items[0].id}`);
    expect(detail.body.timeline[0].note).toBe(`Premio de la regla ${key}`);
  });

  it('spends a rule budget exactly across customers buying at once', async () => {
    const key = `presupuesto-${unique()}`;
    await createAndPublish({
      key,
      name: 'Bono con presupuesto',
      trigger: { type: 'purchase' },
      audience: { zones: ['OCCIDENTE'] },
      effects: [{ id: 'bono', type: 'fixedPoints', points: 30 }],
      caps: { budget: { maxPoints: 100 }, onReach: 'truncate' },
    });
    const buyers = await Promise.all(Array.from({ length: 6 }, () => newCustomer('OCCIDENTE')));
    await Promise.all(buyers.map((b) => buy(b.externalId, 5_000)));
    const awarded = await Promise.all(buyers.map((b) => pointsFrom(b.id, key)));
    expect(awarded.reduce((sum, points) => sum + points, 0)).toBe(100);
    expect(awarded.filter((points) => points > 0)).toHaveLength(4);
  });
});

describe('simulation and backtest', () => {
  it('simulates the Norte rule for a Sur customer: the audience fails on "SUR", nothing is written', async () => {
    const { id } = await newCustomer('SUR');
    const lines = await countRows(platform, 'ledger_entries');
    const res = await writeAs(marketing, 'post', '/api/rules/simulate').send({
      ruleId: await ruleId('norte-diciembre-doble'),
      customerId: id,
      purchase: {
        amount: 60_000,
        category: 'abarrotes',
        storeId: 'T1',
        occurredAt: '2025-12-10T18:00:00.000Z',
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      matched: false,
      points: 0,
      inForce: true,
      audience: [{ field: 'zones', expected: ['NORTE'], actual: 'SUR', passed: false }],
    });
    expect(res.body.conditions.trace).toEqual([
      expect.objectContaining({ id: 'monto-minimo', factValue: 60_000, result: 'passed' }),
      expect.objectContaining({ id: 'mes-diciembre', factValue: 12, result: 'passed' }),
    ]);
    expect(await countRows(platform, 'ledger_entries')).toBe(lines);
  });

  it("reads a simulated purchase's day and hour on the platform's clock", async () => {
    const { id } = await newCustomer('NORTE');
    const norte = await ruleId('norte-diciembre-doble');
    const simulate = (localTime: string) =>
      writeAs(marketing, 'post', '/api/rules/simulate').send({
        ruleId: norte,
        customerId: id,
        purchase: { amount: 60_000, category: 'abarrotes', storeId: 'T1', localTime },
      });
    // 23:30 of November 30th in Mexico City is already December in UTC: still November here.
    const late = await simulate('2025-11-30T23:30');
    expect(late.status, JSON.stringify(late.body)).toBe(200);
    expect(late.body).toMatchObject({ at: '2025-12-01T05:30:00.000Z', matched: false });
    expect(late.body.facts['today.month']).toBe(11);
    const december = await simulate('2025-12-01T00:30');
    expect(december.body).toMatchObject({ matched: true });
    for (const wrong of ['2025-02-30T12:00', '2025-12-10T25:00', '10/12/2025 12:00']) {
      const res = await simulate(wrong);
      expect(res.status).toBe(400);
      expect(res.body.error.id).toBe('validation_failed');
    }
  });

  it('simulates a draft for a Norte customer with the base earn it doubles', async () => {
    const { id } = await newCustomer('NORTE');
    const detail = await marketing.agent.get(`/api/rules/${await ruleId('norte-diciembre-doble')}`);
    const res = await writeAs(marketing, 'post', '/api/rules/simulate').send({
      document: detail.body.draft,
      customerId: id,
      purchase: {
        amount: 75_000,
        category: 'abarrotes',
        storeId: 'T1',
        occurredAt: '2025-12-10T18:00:00.000Z',
      },
    });
    expect(res.body).toMatchObject({ matched: true, baseEarn: 75, points: 75, capOutcome: 'full' });
  });

  it('lets marketing find a customer and replay a stored purchase, seeing no contact data', async () => {
    const lastName = `Simulada${lettersOnly(unique())}`;
    const { id, externalId } = await newCustomer('SUR', {
      lastName,
      email: `${lastName.toLowerCase()}@example.com`,
    });
    const bought = await buy(externalId, 60_000, '2025-12-10T18:00:00.000Z');
    expect(bought.status).toBe(201);
    await buy(externalId, 20_000, '2025-12-11T18:00:00.000Z');

    const found = await marketing.agent
      .get('/api/rules/simulation/customers')
      .query({ q: `regla ${lastName}` });
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(found.body.items).toEqual([
      {
        id,
        name: `Regla ${lastName}`,
        zone: expect.objectContaining({ code: 'SUR' }),
        customerType: expect.objectContaining({ code: expect.any(String) }),
        balance: expect.any(Number),
      },
    ]);
    // Marketing reads no customer records otherwise.
    expect((await marketing.agent.get('/api/customers').query({ q: lastName })).status).toBe(403);

    const purchases = await marketing.agent.get(`/api/rules/simulation/customers/${id}/purchases`);
    expect(purchases.status).toBe(200);
    expect(purchases.body.items).toMatchObject([
      { amount: 20_000, category: 'abarrotes', occurredAt: '2025-12-11T18:00:00.000Z' },
      {
        transactionId: bought.body.transactionId,
        amount: 60_000,
        pointsAwarded: 60,
        status: 'posted',
      },
    ]);

    const lines = await countRows(platform, 'ledger_entries');
    const replayed = await writeAs(marketing, 'post', '/api/rules/simulate').send({
      ruleId: await ruleId('norte-diciembre-doble'),
      customerId: id,
      transactionId: bought.body.transactionId,
    });
    expect(replayed.status, JSON.stringify(replayed.body)).toBe(200);
    expect(replayed.body).toMatchObject({
      at: '2025-12-10T18:00:00.000Z',
      facts: { 'purchase.amount': 60_000, 'customer.zone': 'SUR' },
      audience: [{ field: 'zones', actual: 'SUR', passed: false }],
      points: 0,
    });
    expect(await countRows(platform, 'ledger_entries')).toBe(lines);

    const empty = await marketing.agent.get('/api/rules/simulation/customers').query({ q: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.id).toBe('validation_failed');
  });

  it("keeps a zone admin's simulations to customers of its zone", async () => {
    const admin = await signIn(platform, demo.adminNorte);
    const lastName = `Zonal${lettersOnly(unique())}`;
    const norte = await newCustomer('NORTE', { lastName });
    const sur = await newCustomer('SUR', { lastName });
    const found = await admin.agent
      .get('/api/rules/simulation/customers')
      .query({ q: `regla ${lastName}` });
    expect(found.body.items.map((c: { id: number }) => c.id)).toEqual([norte.id]);
    const elsewhere = await admin.agent.get(`/api/rules/simulation/customers/${sur.id}/purchases`);
    expect(elsewhere.status).toBe(404);
    expect(
      (await marketing.agent.get(`/api/rules/simulation/customers/${sur.id}/purchases`)).body,
    ).toEqual({ items: [] });
  });

  it('backtests a draft over stored purchases against the published version', async () => {
    const { externalId } = await newCustomer('NORTE');
    for (const amount of [60_000, 30_000, 90_000]) {
      expect((await buy(externalId, amount, '2025-12-03T18:00:00.000Z')).status).toBe(201);
    }
    const detail = await marketing.agent.get(`/api/rules/${await ruleId('norte-diciembre-doble')}`);
    const cheaper = structuredClone(detail.body.draft);
    cheaper.conditions.all[0].value = 25_000;
    const res = await writeAs(marketing, 'post', '/api/rules/backtest').send({
      document: cheaper,
      from: '2025-12-01',
      to: '2025-12-31',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.draft.matched - res.body.published.matched).toBeGreaterThanOrEqual(1);
    expect(res.body.draft.points).toBeGreaterThan(res.body.published.points);
    expect(res.body.samples.length).toBeGreaterThan(0);
  });
});

describe('live changes', () => {
  it('evaluates each of 500 purchases wholly by the release before or after a publish', async () => {
    const { externalId, id } = await newCustomer('CENTRO');
    const baseId = await ruleId('tasa-base');
    const detail = await marketing.agent.get(`/api/rules/${baseId}`);
    const double = {
      ...detail.body.draft,
      effects: [
        { id: 'puntos-por-monto', type: 'pointsPerAmount', points: 2, perAmountCents: 1_000 },
      ],
    };
    await writeAs(marketing, 'put', `/api/rules/${baseId}/draft`)
      .send({ document: double, revision: detail.body.draftRevision })
      .expect(200);
    const amounts = Array.from({ length: 500 }, (_, i) => 1_000 * (1 + (i % 7)));
    const flow = amounts.map((amount, i) =>
      // Half before the publish starts, half racing it.
      new Promise((resolve) => setTimeout(resolve, i < 250 ? 0 : 5)).then(() =>
        buy(externalId, amount),
      ),
    );
    const publish = new Promise((resolve) => setTimeout(resolve, 5)).then(() =>
      writeAs(marketing, 'post', `/api/rules/${baseId}/publish`).send({ comment: 'Doble base' }),
    );
    const [results, published] = await Promise.all([Promise.all(flow), publish]);
    expect(published.status).toBe(201);
    expect(results.every((res) => res.status === 201)).toBe(true);
    const lines = await platform.sequelize.query<{
      points: number;
      rule_version: number;
      amount_cents: number | string;
    }>(
      `SELECT l.points, l.rule_version, t.amount_cents FROM ledger_entries l
         JOIN partner_transactions t ON t.id = l.transaction_id
        WHERE l.customer_id = ? AND l.rule_key = 'tasa-base'`,
      { replacements: [id], type: QueryTypes.SELECT },
    );
    expect(lines).toHaveLength(500);
    for (const line of lines) {
      const perTen = line.rule_version === 1 ? 1 : 2;
      expect(line.points).toBe((Number(line.amount_cents) / 1_000) * perTen);
    }
    expect((await buy(externalId, 1_000)).body.awards).toEqual([
      { rule: 'tasa-base', version: published.body.version, points: 2 },
    ]);
    // Back to the seeded base earn for the other tests.
    await writeAs(marketing, 'post', `/api/rules/${baseId}/rollback`)
      .send({ version: 1, comment: 'Base normal' })
      .expect(201);
  });

  it('reaches another server process through Redis', async () => {
    const other = createServices(platform.config, await connectDatabase(platform.config.database));
    try {
      await other.rules.start();
      const before = (await other.rules.current()).releaseId;
      const { releaseId } = await createAndPublish({
        key: `otro-proceso-${unique()}`,
        name: 'Otro proceso',
        trigger: { type: 'purchase' },
        audience: { zones: ['OCCIDENTE'] },
        effects: [{ id: 'uno', type: 'fixedPoints', points: 1 }],
      });
      expect(releaseId).toBeGreaterThan(before);
      // Well before the other process would look by itself (every 5 s).
      const deadline = Date.now() + 2_000;
      while ((await other.rules.current()).releaseId !== releaseId && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect((await other.rules.current()).releaseId).toBe(releaseId);
    } finally {
      await other.rules.close();
      await other.redis?.quit();
      await other.sequelize.close();
    }
  });
});
