import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuePasswordLink } from '@lealtad/server/commands/auth';
import { demoExternalId } from '@lealtad/migrations';
import { createApiKey } from '@lealtad/server/commands/apiKeys';
import { ApiKey, Card, Customer, User, Zone, type Reward } from '@lealtad/server/db/models/index';
import { withCheckDigit } from '@lealtad/server/cards/luhn';
import { reportCard } from '@lealtad/server/commands/cards';
import { createRule, publishRule } from '@lealtad/server/commands/rules';
import { previewImport } from '@lealtad/server/commands/redemptionImports';
import { redeem } from '@lealtad/server/commands/redemptions';
import { setRewardImage } from '@lealtad/server/commands/rewards';
import { upsertPartnerCustomer } from '@lealtad/server/commands/partnerCustomers';
import { generateApiKey } from '@lealtad/server/integrations/apiKeys';
import { postPurchases } from '@lealtad/server/ledger/purchases';
import { actorOf } from '@lealtad/server/policies/actor';
import { apiRoutes } from '@lealtad/server/routes/index';
import { apiScopes, type ApiScope, type Role } from '@lealtad/server/permissions';
import { isPartnerAccess, roleMayCall, type Route } from '@lealtad/server/http/route';
import { createPlatform, demo, signIn, type Platform, type SignedIn } from '../helpers/platform';
import { actorFor, givePoints, makeReward } from '../helpers/rewards';

/** Partner callers hold an API key: one with every scope, one that may only read customers. */
type PartnerCaller = 'partner' | 'partner-readonly';
type Caller = Role | 'anonymous' | PartnerCaller;
const callers: Caller[] = [
  'anonymous',
  'superadmin',
  'admin',
  'callcenter',
  'marketing',
  'customer',
  'partner',
  'partner-readonly',
];
const partnerScopes: Record<PartnerCaller, ApiScope[]> = {
  partner: [...apiScopes],
  'partner-readonly': ['customers.read'],
};
const isPartner = (caller: Caller): caller is PartnerCaller => caller in partnerScopes;
const emails: Record<Role, string> = {
  superadmin: demo.superadmin,
  admin: demo.adminNorte,
  callcenter: demo.callcenter,
  marketing: demo.marketing,
  customer: demo.customer(1),
};

interface Call {
  path?: string;
  query?: Record<string, string>;
  /** JSON, or the bytes of a file sent as it is. */
  body?: unknown;
  /** Use a session of its own (for calls that end the session they come from). */
  ownSession?: boolean;
}

let platform: Platform;
/** A staff account in the Norte zone, which both the superadmin and Norte's admin may manage. */
const norteAgent = 'agente.norte@demo.lealtad.mx';
let serial = 0;
const unique = () => `${Date.now().toString(36)}${(serial += 1)}`;

/** A fresh password link for `email`, as the forgot-password mail would carry it. */
async function resetToken(email: string): Promise<string> {
  const user = await User.findOne({ where: { email } });
  if (!user) throw new Error(`missing demo account ${email}`);
  const link = await platform.sequelize.transaction((tx) =>
    issuePasswordLink(platform.services, user, 'reset', tx),
  );
  return new URL(link).searchParams.get('token') ?? '';
}

/** A customer of the Norte zone, which both the superadmin and Norte's admin may serve. */
const norteCustomerId = async () =>
  (await Customer.findOne({ where: { email: demo.customer(1) } }))?.id ?? 0;

const userId = async (email: string) => (await User.findOne({ where: { email } }))?.id ?? 0;

/**
 * A request that the caller's role, if allowed, should see succeed. Every route in the table
 * needs one: a new route without an example fails this suite until it gets one.
 */
const examples: Record<string, (caller: Caller) => Promise<Call>> = {
  'get /api/health': async () => ({}),
  'post /api/auth/login': async () => ({
    body: { email: demo.customer(2), password: platform.password },
    ownSession: true,
  }),
  'post /api/auth/logout': async () => ({ ownSession: true }),
  'get /api/auth/me': async () => ({}),
  'post /api/auth/password/forgot': async () => ({
    body: { email: `nadie.${unique()}@example.com` },
  }),
  'post /api/auth/password/check': async () => ({
    body: { token: await resetToken(demo.customer(5)) },
  }),
  'post /api/auth/password/reset': async () => ({
    body: { token: await resetToken(demo.customer(5)), password: platform.password },
  }),
  'post /api/auth/password/change': async () => ({
    // From the caller's own session, which a change keeps (it ends only the others).
    body: { currentPassword: platform.password, newPassword: platform.password },
  }),
  'get /api/users': async () => ({ query: { q: 'a' } }),
  'post /api/users': async () => ({
    body: { email: `nuevo.${unique()}@demo.lealtad.mx`, name: 'Nueva Cuenta', role: 'callcenter' },
  }),
  'get /api/users/:id': async () => ({ path: `/api/users/${await userId(norteAgent)}` }),
  'patch /api/users/:id': async () => ({
    path: `/api/users/${await userId(norteAgent)}`,
    body: { name: 'Agente Norte' },
  }),
  'get /api/zones': async () => ({}),
  'post /api/zones': async () => ({
    body: { code: `Z${unique().toUpperCase()}`, name: 'Zona nueva' },
  }),
  'patch /api/zones/:id': async () => ({ path: '/api/zones/1', body: { name: 'Norte' } }),
  'get /api/audit': async () => ({ query: { page: '1' } }),
  'get /api/api-keys': async () => ({}),
  'post /api/api-keys': async () => ({
    body: { name: `Clave ${unique()}`, scopes: ['customers.read'] },
  }),
  'post /api/api-keys/:id/revoke': async () => {
    const spare = generateApiKey();
    const key = await ApiKey.create({
      name: 'Desechable',
      prefix: spare.prefix,
      keyHash: spare.hash,
      scopes: ['customers.read'],
      createdBy: null,
      lastUsedAt: null,
      revokedAt: null,
    });
    return { path: `/api/api-keys/${key.id}/revoke` };
  },
  'put /api/v1/customers/:externalId': async () => ({
    path: `/api/v1/customers/MX-${unique()}`,
    body: { firstName: 'Lucía', lastName: 'Núñez', zone: 'NORTE' },
  }),
  'get /api/v1/customers/:externalId': async () => ({
    path: `/api/v1/customers/${demoExternalId(1)}`,
  }),
  'get /api/v1/customers/:externalId/ledger': async () => ({
    path: `/api/v1/customers/${demoExternalId(1)}/ledger`,
  }),
  'post /api/v1/transactions': async () => ({ body: purchase(`T-${unique()}`) }),
  'post /api/v1/transactions/batch': async () => ({
    body: { transactions: [purchase(`T-${unique()}`)] },
  }),
  'get /api/customers': async () => ({ query: { q: 'a' } }),
  'get /api/customers/:id': async () => ({ path: `/api/customers/${await norteCustomerId()}` }),
  'patch /api/customers/:id': async () => ({
    path: `/api/customers/${await norteCustomerId()}`,
    body: { city: 'Monterrey' },
  }),
  'get /api/customers/:id/statement': async () => ({
    path: `/api/customers/${await norteCustomerId()}/statement`,
  }),
  'post /api/customers/:id/adjustments': async () => ({
    path: `/api/customers/${await norteCustomerId()}/adjustments`,
    body: { points: 10, reason: 'Compensación por prueba' },
  }),
  'get /api/customer-types': async () => ({}),
  'get /api/me/profile': async () => ({}),
  'patch /api/me/profile': async () => ({ body: { city: 'Monterrey' } }),
  'get /api/me/statement': async () => ({}),
  'post /api/v1/transactions/:id/reverse': async () => {
    const id = `T-${unique()}`;
    await postPurchases(
      platform.sequelize,
      platform.services.rules,
      [{ ...purchase(id), occurredAt: new Date() }],
      [null],
    );
    return { path: `/api/v1/transactions/${id}/reverse` };
  },
  'get /api/cards': async () => ({ query: { status: 'available' } }),
  'post /api/cards/stock': async () => ({
    body: { name: `Lote ${unique()}`, numbers: [cardNumber()] },
  }),
  'post /api/cards/activate': async (caller) => {
    const card = await stockCard();
    if (caller === 'customer') {
      await retireActiveCards(await norteCustomerId());
      return { body: { cardNumber: card.number } };
    }
    return { body: { cardNumber: card.number, customerId: await freshNorteCustomer() } };
  },
  'get /api/customers/:id/cards': async () => ({
    path: `/api/customers/${await norteCustomerId()}/cards`,
  }),
  'get /api/customers/:id/card-reports': async () => ({
    path: `/api/customers/${await norteCustomerId()}/card-reports`,
  }),
  'post /api/customers/:id/card-reports': async () => {
    const customerId = await freshNorteCustomer();
    const card = await stockCard(customerId);
    return {
      path: `/api/customers/${customerId}/card-reports`,
      body: { cardId: card.id, kind: 'lost' },
    };
  },
  'patch /api/card-reports/:id': async () => {
    const customerId = await freshNorteCustomer();
    const card = await stockCard(customerId);
    const report = await reportCard(
      platform.services,
      { actor: actorOf({ id: 1, role: 'superadmin', zoneId: null }), ip: null },
      { customerId, cardId: card.id, kind: 'lost' },
    );
    return { path: `/api/card-reports/${report.id}`, body: { status: 'closed', note: 'Apareció' } };
  },
  'get /api/rules': async () => ({}),
  'get /api/rules/releases': async () => ({}),
  'get /api/rules/live': async () => ({}),
  'get /api/rules/simulation/customers': async () => ({ query: { q: 'cliente' } }),
  'get /api/rules/simulation/customers/:id/purchases': async () => ({
    path: `/api/rules/simulation/customers/${await norteCustomerId()}/purchases`,
  }),
  'get /api/rules/choices': async () => ({}),
  'post /api/rules': async () => ({ body: { document: ruleDocument(`regla-${unique()}`) } }),
  'post /api/rules/validate': async () => ({ body: { document: ruleDocument('prueba') } }),
  'post /api/rules/simulate': async () => ({
    body: {
      document: ruleDocument('prueba'),
      customerId: await norteCustomerId(),
      purchase: { amount: 10_000, category: 'abarrotes', storeId: 'T1' },
    },
  }),
  'post /api/rules/backtest': async () => ({
    body: { document: ruleDocument('prueba'), from: '2026-01-01', to: '2026-12-31' },
  }),
  'get /api/rules/:id': async () => ({ path: `/api/rules/${await norteRule()}` }),
  'put /api/rules/:id/draft': async () => {
    const key = `regla-${unique()}`;
    return {
      path: `/api/rules/${await norteRule(false, key)}/draft`,
      body: { document: { ...ruleDocument(key), name: 'Otro nombre' }, revision: 1 },
    };
  },
  'post /api/rules/:id/publish': async () => ({
    path: `/api/rules/${await norteRule()}/publish`,
    body: { comment: 'Primera publicación' },
  }),
  'post /api/rules/:id/retire': async () => ({
    path: `/api/rules/${await norteRule(true)}/retire`,
    body: { comment: 'Ya no aplica' },
  }),
  'post /api/rules/:id/rollback': async () => ({
    path: `/api/rules/${await norteRule(true)}/rollback`,
    body: { version: 1, comment: 'Volver a la primera' },
  }),
  'get /api/rules/:id/versions': async () => ({
    path: `/api/rules/${await norteRule(true)}/versions`,
  }),
  'get /api/rules/:id/versions/:version': async () => ({
    path: `/api/rules/${await norteRule(true)}/versions/1`,
  }),
  'get /api/rules/:id/diff': async () => ({
    path: `/api/rules/${await norteRule(true)}/diff`,
    query: { from: '1', to: 'draft' },
  }),
  'post /api/jobs/:name/run': async () => ({ path: '/api/jobs/birthday/run' }),
  'get /api/rewards': async () => ({ query: { status: 'all' } }),
  'get /api/rewards/categories': async () => ({}),
  'get /api/rewards/:id': async () => ({ path: `/api/rewards/${catalogReward.id}` }),
  'post /api/rewards': async () => ({
    body: {
      code: `R-${unique().toUpperCase()}`,
      name: 'Vale de prueba',
      pointsCost: 10,
      category: 'vales',
      deliveryMode: 'digital',
    },
  }),
  'patch /api/rewards/:id': async () => ({
    path: `/api/rewards/${catalogReward.id}`,
    body: { description: 'Premio para todos los roles.' },
  }),
  'post /api/rewards/:id/retire': async () => ({
    path: `/api/rewards/${(await makeReward(platform)).id}/retire`,
  }),
  'post /api/rewards/:id/restore': async () => ({
    path: `/api/rewards/${(await makeReward(platform)).id}/restore`,
  }),
  'delete /api/rewards/:id': async () => ({
    path: `/api/rewards/${(await makeReward(platform)).id}`,
  }),
  'put /api/rewards/:id/image': async () => ({
    path: `/api/rewards/${catalogReward.id}/image`,
    body: image,
  }),
  'get /api/rewards/:id/image': async () => ({ path: `/api/rewards/${catalogReward.id}/image` }),
  'get /api/rewards/:id/image/thumb': async () => ({
    path: `/api/rewards/${catalogReward.id}/image/thumb`,
  }),
  'get /api/me/rewards': async () => ({}),
  'get /api/me/rewards/:id': async () => ({ path: `/api/me/rewards/${catalogReward.id}` }),
  'post /api/me/redemptions': async () => ({ body: { rewardId: catalogReward.id } }),
  'get /api/me/redemptions': async () => ({}),
  'get /api/me/redemptions/:id': async () => ({
    path: `/api/me/redemptions/${await norteRedemption()}`,
  }),
  'post /api/me/redemptions/:id/cancel': async () => ({
    path: `/api/me/redemptions/${await norteRedemption()}/cancel`,
  }),
  'get /api/redemptions': async () => ({ query: { status: 'requested' } }),
  'get /api/redemptions/:id': async () => ({ path: `/api/redemptions/${await norteRedemption()}` }),
  'post /api/redemptions/:id/status': async () => ({
    path: `/api/redemptions/${await norteRedemption()}/status`,
    body: { status: 'approved', note: 'Revisado' },
  }),
  'post /api/redemptions/bulk-status': async () => ({
    body: { ids: [await norteRedemption()], status: 'approved' },
  }),
  'post /api/customers/:id/redemptions': async () => ({
    path: `/api/customers/${await norteCustomerId()}/redemptions`,
    body: { rewardId: catalogReward.id, note: 'Pedido por teléfono' },
  }),
  'get /api/reports/redemptions': async () => ({ query: { status: 'requested' } }),
  'get /api/reports/redemptions.xlsx': async () => ({ query: { status: 'requested' } }),
  'get /api/redemption-imports/template.xlsx': async () => ({}),
  'post /api/redemption-imports': async () => ({
    query: { fileName: 'estatus.csv' },
    body: statusFile,
  }),
  'get /api/redemption-imports': async () => ({}),
  'get /api/redemption-imports/:id': async () => ({
    path: `/api/redemption-imports/${await norteImport()}`,
  }),
  'post /api/redemption-imports/:id/apply': async () => ({
    path: `/api/redemption-imports/${await norteImport()}/apply`,
  }),
  'get /api/redemption-imports/:id/result.xlsx': async () => ({
    path: `/api/redemption-imports/${await norteImport()}/result.xlsx`,
  }),
  'get /api/me/cards': async () => ({}),
  'get /api/me/card-reports': async () => ({}),
  'post /api/me/card-reports': async (caller) => {
    if (caller === 'customer') {
      const customerId = await norteCustomerId();
      await retireActiveCards(customerId);
      await stockCard(customerId);
    }
    return { body: { kind: 'stolen' } };
  },
};

/** A purchase rule for zone NORTE, which the superadmin, marketing and Norte's admin may all edit. */
const ruleDocument = (key: string) => ({
  key,
  name: 'Regla de prueba',
  trigger: { type: 'purchase' },
  audience: { zones: ['NORTE'] },
  effects: [{ id: 'cinco', type: 'fixedPoints', points: 5 }],
});

/** A new NORTE rule owned by Norte's admin; published (version 1) when asked. */
const norteRule = async (published = false, key = `regla-${unique()}`) => {
  const admin = actorOf({
    id: 1,
    role: 'admin',
    zoneId: (await Zone.findOne({ where: { code: 'NORTE' } }))?.id ?? null,
  });
  const id = await createRule(platform.services, admin, null, ruleDocument(key));
  if (published) await publishRule(platform.services, admin, null, id, { comment: 'Para probar' });
  return id;
};

/** A reward everyone may redeem for one point, with an image. */
let catalogReward: Reward;
const image = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const statusFile = Buffer.from('folio,estado\nR-000001,aprobado\n');

/** A new requested redemption of demo customer 1 (Norte), made through the portal command. */
const norteRedemption = async () => {
  const customer = await actorFor(demo.customer(1));
  const { redemption } = await redeem(
    platform.services,
    { actor: customer, ip: null },
    {
      customerId: null,
      rewardId: catalogReward.id,
      quantity: 1,
      deliveryAddress: null,
      idempotencyKey: null,
      note: null,
    },
  );
  return redemption.id;
};

/** A new previewed status upload by Norte's admin, which the superadmin and call center see too. */
const norteImport = async () => {
  const admin = await actorFor(demo.adminNorte);
  const { upload } = await previewImport(
    platform.services,
    { actor: admin, ip: null },
    { fileName: 'estatus.csv', bytes: statusFile },
  );
  return upload.id;
};

let cardSerial = 0;
/** A valid card number no other call uses. */
const cardNumber = () => withCheckDigit(`7${String((cardSerial += 1)).padStart(14, '0')}`);

/** A new stock card, or with `activeFor` one already active for that customer. */
const stockCard = (activeFor?: number) =>
  Card.create({
    number: cardNumber(),
    status: activeFor ? 'active' : 'available',
    customerId: activeFor ?? null,
    batchId: null,
    assignedAt: activeFor ? new Date() : null,
    activatedAt: activeFor ? new Date() : null,
    blockedAt: null,
    blockReason: null,
    replacedByCardId: null,
  });

/** A customer may hold one active card: earlier calls' cards are set aside. */
const retireActiveCards = (customerId: number) =>
  Card.update({ status: 'inactive' }, { where: { customerId, status: 'active' } });

/** A new Norte customer (no cards yet), which both the superadmin and Norte's admin may serve. */
const freshNorteCustomer = async () => {
  const { customer } = await upsertPartnerCustomer(platform.services, `CARD-${unique()}`, {
    firstName: 'Tarjeta',
    lastName: 'Prueba',
    zone: 'NORTE',
  });
  return Number(customer.id);
};

/** A valid purchase of a demo customer. */
const purchase = (id: string) => ({
  id,
  customerExternalId: demoExternalId(2),
  amount: 25_000,
  currency: 'MXN',
  occurredAt: new Date().toISOString(),
  storeId: 'T1',
  category: 'abarrotes',
});

const keyOf = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

function expected(route: Route, caller: Caller): 'ok' | 401 | 403 {
  const { access } = route;
  if (access === 'public') return 'ok';
  if (caller === 'anonymous') return 401;
  if (isPartnerAccess(access)) {
    // Only an API key opens partner routes; a signed-in person does not.
    if (!isPartner(caller)) return 401;
    return partnerScopes[caller].includes(access.slice('partner:'.length) as ApiScope) ? 'ok' : 403;
  }
  if (isPartner(caller)) return 401;
  return roleMayCall(access, caller) ? 'ok' : 403;
}

/** Every route Express knows, read from its router stack. */
function expressRoutes(app: Express): { method: string; path: string }[] {
  const stack = (
    app.router as unknown as {
      stack: { route?: { path: string; methods: Record<string, boolean> } }[];
    }
  ).stack;
  return stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods).map((method) => ({
          method,
          path: layer.route?.path ?? '',
        }))
      : [],
  );
}

describe('role matrix: every /api route with every role', () => {
  const sessions = new Map<Caller, SignedIn>();
  const keys = new Map<PartnerCaller, string>();

  beforeAll(async () => {
    platform = await createPlatform();
    await User.create({
      email: norteAgent,
      passwordHash: null,
      name: 'Agente Norte',
      role: 'callcenter',
      zoneId: (await Zone.findOne({ where: { code: 'NORTE' } }))?.id ?? null,
      lockedUntil: null,
      lastLoginAt: null,
    });
    catalogReward = await makeReward(platform, { pointsCost: 1 });
    await setRewardImage(
      platform.services,
      { actor: actorOf({ id: 1, role: 'superadmin', zoneId: null }), ip: null },
      catalogReward.id,
      image,
    );
    await givePoints(platform, await norteCustomerId(), 1_000);
    for (const role of Object.keys(emails) as Role[])
      sessions.set(role, await signIn(platform, emails[role]));
    for (const caller of Object.keys(partnerScopes) as PartnerCaller[]) {
      const { apiKey, key } = await createApiKey(
        platform.services,
        actorOf({ id: 1, role: 'superadmin', zoneId: null }),
        null,
        {
          name: caller,
          scopes: partnerScopes[caller],
        },
      );
      expect(apiKey.scopes).toEqual(partnerScopes[caller]);
      keys.set(caller, key);
    }
  });
  afterAll(() => platform.close());

  it('knows every API route Express serves, and each has an access rule and an example', () => {
    const table = new Set(apiRoutes.map(keyOf));
    const served = expressRoutes(platform.app).filter((route) => route.path.startsWith('/api'));
    expect(served.length).toBeGreaterThanOrEqual(apiRoutes.length);
    for (const route of served)
      expect(table, `${route.method} ${route.path}`).toContain(keyOf(route));
    for (const route of apiRoutes) {
      expect(route.access, keyOf(route)).toBeTruthy();
      expect(examples, `add an example request for ${keyOf(route)}`).toHaveProperty([keyOf(route)]);
    }
  });

  for (const route of apiRoutes) {
    for (const caller of callers) {
      const want = expected(route, caller);
      it(`${keyOf(route)} as ${caller} → ${want === 'ok' ? '2xx' : want}`, async () => {
        const example = examples[keyOf(route)];
        if (!example) throw new Error(`no example for ${keyOf(route)}`);
        const call = await example(caller);
        let session = sessions.get(caller);
        if (session && call.ownSession) session = await signIn(platform, emails[caller as Role]);
        const client = session ? session.agent : request(platform.app);
        let req = client[route.method](call.path ?? route.path);
        if (session) req = req.set('X-CSRF-Token', session.csrf);
        if (isPartner(caller)) req = req.set('Authorization', `Bearer ${keys.get(caller)}`);
        if (call.query) req = req.query(call.query);
        const res = call.body === undefined ? await req : await req.send(call.body as object);
        if (want === 'ok') {
          expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(200);
          expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
        } else {
          expect(res.status).toBe(want);
          expect(res.body.error.id).toBe(want === 401 ? 'unauthenticated' : 'forbidden');
        }
      });
    }
  }
});
