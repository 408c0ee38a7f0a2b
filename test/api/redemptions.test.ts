import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, Customer, Reward } from '@lealtad/server/db/models/index';
import {
  countRows,
  createPlatform,
  demo,
  ledgerInconsistencies,
  signIn,
  type Platform,
  type SignedIn,
} from '../helpers/platform';
import {
  balanceOf,
  binary,
  demoCustomerId,
  givePoints,
  makeReward,
  portalCustomer,
  post,
  workbookRows,
} from '../helpers/rewards';

let platform: Platform;
let superadmin: SignedIn;
let adminNorte: SignedIn;
let adminSur: SignedIn;
let callcenter: SignedIn;
/** Demo customer 1's portal session (Norte). */
let customer1: SignedIn;
let customer1Id: number;

beforeAll(async () => {
  // Fifty customers sign in below: more than the sign-in rate limit lets one address do.
  platform = await createPlatform({ AUTH_RATE_LIMIT: '1000' });
  [superadmin, adminNorte, adminSur, callcenter, customer1] = await Promise.all(
    [demo.superadmin, demo.adminNorte, demo.adminSur, demo.callcenter, demo.customer(1)].map(
      (email) => signIn(platform, email),
    ),
  );
  customer1Id = await demoCustomerId(1);
});
afterAll(() => platform.close());

describe('redeeming', () => {
  it('debits the points, takes the stock and answers the redemption with its folio and timeline', async () => {
    const reward = await makeReward(platform, { pointsCost: 40, stock: 10 });
    await givePoints(platform, customer1Id, 200);
    const before = await balanceOf(customer1Id);
    const res = await post(customer1, '/api/me/redemptions', {
      rewardId: reward.id,
      quantity: 2,
      deliveryAddress: 'Av. Juárez 100, Monterrey',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      folio: expect.stringMatching(/^R-\d{6}$/),
      quantity: 2,
      points: 80,
      status: 'requested',
      deliveryAddress: 'Av. Juárez 100, Monterrey',
      customer: { id: customer1Id },
      reward: { id: reward.id, code: reward.code, deliveryMode: 'shipping' },
      timeline: [{ status: 'requested', actor: null }],
    });
    expect(await balanceOf(customer1Id)).toBe(before - 80);
    const after = await Reward.findByPk(reward.id);
    expect(after?.stock).toBe(8);
    expect(after?.redeemedCount).toBe(2);
    const statement = await customer1.agent.get('/api/me/statement');
    expect(statement.body.items[0]).toMatchObject({
      kind: 'redeem',
      points: -80,
      description: `Canje: ${res.body.folio} ${reward.name} ×2`,
    });
  });

  it('refuses what the balance does not cover, what is out of stock or not offered, and writes nothing', async () => {
    const expensive = await makeReward(platform, { pointsCost: 10_000_000 });
    const soldOut = await makeReward(platform, { pointsCost: 1, stock: 0 });
    const elsewhere = await makeReward(platform, { pointsCost: 1, zoneIds: [999_999] }).catch(
      (err: unknown) => err,
    );
    expect(elsewhere).toMatchObject({ id: 'zone_not_found' });
    const sur = await platform.sequelize.query<{ id: number }>(
      "SELECT id FROM zones WHERE code = 'SUR'",
      { type: QueryTypes.SELECT },
    );
    const surOnly = await makeReward(platform, { pointsCost: 1, zoneIds: [Number(sur[0]?.id)] });
    const past = await makeReward(platform, {
      pointsCost: 1,
      availableFrom: '2020-01-01',
      availableTo: '2020-12-31',
    });
    const retired = await makeReward(platform, { pointsCost: 1 });
    await post(superadmin, `/api/rewards/${retired.id}/retire`);
    const redemptions = await countRows(platform, 'redemptions');
    const lines = await countRows(platform, 'ledger_entries');
    const cases: [number, number, string][] = [
      [expensive.id, 409, 'insufficient_points'],
      [soldOut.id, 409, 'out_of_stock'],
      [surOnly.id, 422, 'reward_not_available'],
      [past.id, 422, 'reward_not_available'],
      [retired.id, 422, 'reward_not_available'],
      [999_999, 404, 'reward_not_found'],
    ];
    for (const [rewardId, status, id] of cases) {
      const res = await post(customer1, '/api/me/redemptions', { rewardId });
      expect(res.status, `${rewardId}: ${JSON.stringify(res.body)}`).toBe(status);
      expect(res.body.error.id).toBe(id);
    }
    expect(await countRows(platform, 'redemptions')).toBe(redemptions);
    expect(await countRows(platform, 'ledger_entries')).toBe(lines);
  });

  it('answers a retried request with the same idempotency key once, taking nothing twice', async () => {
    const reward = await makeReward(platform, { pointsCost: 5, stock: 3 });
    await givePoints(platform, customer1Id, 10);
    const before = await balanceOf(customer1Id);
    const body = { rewardId: reward.id, idempotencyKey: `retry-${Date.now()}` };
    const [first, second] = await Promise.all([
      post(customer1, '/api/me/redemptions', body),
      post(customer1, '/api/me/redemptions', body),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(first.body.id).toBe(second.body.id);
    expect(await balanceOf(customer1Id)).toBe(before - 5);
    expect((await Reward.findByPk(reward.id))?.stock).toBe(2);
    const reused = await post(customer1, '/api/me/redemptions', { ...body, quantity: 2 });
    expect(reused.status).toBe(409);
    expect(reused.body.error.id).toBe('idempotency_key_reused');
  });

  it('lets 100 concurrent redemptions through only as far as the balance covers: exactly 10', async () => {
    const { id, session } = await portalCustomer(platform, 1_000);
    const reward = await makeReward(platform, { pointsCost: 100 });
    const answers = await Promise.all(
      Array.from({ length: 100 }, () =>
        post(session, '/api/me/redemptions', { rewardId: reward.id }),
      ),
    );
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    expect(statuses.filter((status) => status === 409)).toHaveLength(90);
    expect(
      answers
        .filter((res) => res.status === 409)
        .every((res) => res.body.error.id === 'insufficient_points'),
    ).toBe(true);
    expect(await balanceOf(id)).toBe(0);
    expect((await Reward.findByPk(reward.id))?.redeemedCount).toBe(10);
    const folios = new Set(
      answers.filter((res) => res.status === 201).map((res) => res.body.folio),
    );
    expect(folios.size).toBe(10);
    expect(await ledgerInconsistencies(platform.sequelize)).toEqual([]);
  });

  it('gives a reward with stock 5 to exactly 5 of 50 customers redeeming at once', async () => {
    const reward = await makeReward(platform, { pointsCost: 10, stock: 5 });
    const customers = [];
    for (let i = 0; i < 50; i += 1) customers.push(await portalCustomer(platform, 10));
    const answers = await Promise.all(
      customers.map(({ session }) => post(session, '/api/me/redemptions', { rewardId: reward.id })),
    );
    const won = answers.filter((res) => res.status === 201);
    expect(won).toHaveLength(5);
    expect(
      answers
        .filter((res) => res.status === 409)
        .every((res) => res.body.error.id === 'out_of_stock'),
    ).toBe(true);
    const after = await Reward.findByPk(reward.id);
    expect(after?.stock).toBe(0);
    expect(after?.redeemedCount).toBe(5);
    const balances = await Promise.all(customers.map(({ id }) => balanceOf(id)));
    expect(balances.filter((balance) => balance === 0)).toHaveLength(5);
    expect(balances.filter((balance) => balance === 10)).toHaveLength(45);
    expect(await ledgerInconsistencies(platform.sequelize)).toEqual([]);
  });
});

describe('following a redemption', () => {
  /** A fresh redemption of demo customer 1 (Norte) of a new reward in `mode`. */
  async function requested(mode: 'shipping' | 'pickup' | 'digital' = 'shipping') {
    const reward = await makeReward(platform, { pointsCost: 30, stock: 4, deliveryMode: mode });
    await givePoints(platform, customer1Id, 30);
    const res = await post(customer1, '/api/me/redemptions', { rewardId: reward.id });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { reward, redemption: res.body as { id: number; folio: string } };
  }

  it('moves through approved, shipped and delivered, keeping who, when and the note', async () => {
    const { redemption } = await requested();
    const approve = await post(callcenter, `/api/redemptions/${redemption.id}/status`, {
      status: 'approved',
      note: 'Datos confirmados',
    });
    expect(approve.status, JSON.stringify(approve.body)).toBe(200);
    const ship = await post(adminNorte, `/api/redemptions/${redemption.id}/status`, {
      status: 'shipped',
      carrier: 'Estafeta',
      trackingNumber: 'EST123',
    });
    expect(ship.body).toMatchObject({
      status: 'shipped',
      carrier: 'Estafeta',
      trackingNumber: 'EST123',
    });
    const deliver = await post(superadmin, `/api/redemptions/${redemption.id}/status`, {
      status: 'delivered',
    });
    expect(deliver.body.timeline.map((step: { status: string }) => step.status)).toEqual([
      'requested',
      'approved',
      'shipped',
      'delivered',
    ]);
    expect(deliver.body.timeline[1]).toMatchObject({
      note: 'Datos confirmados',
      actor: { name: 'Carlos Call Center', role: 'callcenter' },
    });
    const mine = await customer1.agent.get(`/api/me/redemptions/${redemption.id}`);
    expect(mine.body.timeline).toHaveLength(4);
    const audits = await AuditEvent.count({
      where: { action: 'redemption.status_changed', targetId: String(redemption.id) },
    });
    expect(audits).toBe(3);
  });

  it('refuses a transition the status table does not allow, naming both statuses', async () => {
    const { redemption } = await requested('pickup');
    const events = await countRows(platform, 'redemption_events');
    const shipped = await post(callcenter, `/api/redemptions/${redemption.id}/status`, {
      status: 'delivered',
    });
    expect(shipped.status).toBe(409);
    expect(shipped.body.error).toMatchObject({
      id: 'invalid_transition',
      details: [
        { path: 'status', code: 'requested' },
        { path: 'body.status', code: 'delivered' },
      ],
    });
    await post(callcenter, `/api/redemptions/${redemption.id}/status`, { status: 'approved' });
    const wrongMode = await post(callcenter, `/api/redemptions/${redemption.id}/status`, {
      status: 'shipped',
    });
    expect(wrongMode.body.error.id).toBe('invalid_transition');
    const ready = await post(callcenter, `/api/redemptions/${redemption.id}/status`, {
      status: 'ready_for_pickup',
    });
    expect(ready.status).toBe(200);
    expect(await countRows(platform, 'redemption_events')).toBe(events + 2);
  });

  it('refunds the points as a new lot and returns the stock on rejection', async () => {
    const { reward, redemption } = await requested();
    const balance = await balanceOf(customer1Id);
    const res = await post(callcenter, `/api/redemptions/${redemption.id}/status`, {
      status: 'rejected',
      note: 'Dirección incompleta',
    });
    expect(res.status).toBe(200);
    expect(await balanceOf(customer1Id)).toBe(balance + 30);
    const after = await Reward.findByPk(reward.id);
    expect(after).toMatchObject({ stock: 4, redeemedCount: 0 });
    const statement = await customer1.agent.get('/api/me/statement');
    expect(statement.body.items[0]).toMatchObject({ kind: 'refund', points: 30 });
    const again = await post(callcenter, `/api/redemptions/${redemption.id}/status`, {
      status: 'cancelled',
    });
    expect(again.body.error.id).toBe('invalid_transition');
    expect(await balanceOf(customer1Id)).toBe(balance + 30);
  });

  it('lets the customer cancel only while requested', async () => {
    const { redemption } = await requested('digital');
    const balance = await balanceOf(customer1Id);
    const cancel = await post(customer1, `/api/me/redemptions/${redemption.id}/cancel`);
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    expect(cancel.body.status).toBe('cancelled');
    expect(await balanceOf(customer1Id)).toBe(balance + 30);
    const second = await requested('digital');
    await post(callcenter, `/api/redemptions/${second.redemption.id}/status`, {
      status: 'approved',
    });
    const late = await post(customer1, `/api/me/redemptions/${second.redemption.id}/cancel`);
    expect(late.status).toBe(409);
    expect(late.body.error.id).toBe('invalid_transition');
    const other = await portalCustomer(platform, 0);
    const foreign = await post(other.session, `/api/me/redemptions/${second.redemption.id}/cancel`);
    expect(foreign.status).toBe(404);
  });

  it('keeps admins to their zone and lets staff redeem on a customer’s behalf with a note', async () => {
    const { redemption } = await requested();
    const hidden = await adminSur.agent.get(`/api/redemptions/${redemption.id}`);
    expect(hidden.status).toBe(404);
    const change = await post(adminSur, `/api/redemptions/${redemption.id}/status`, {
      status: 'approved',
    });
    expect(change.status).toBe(404);
    const queue = await adminSur.agent.get('/api/redemptions');
    expect(queue.body.items.some((item: { id: number }) => item.id === redemption.id)).toBe(false);

    const reward = await makeReward(platform, { pointsCost: 7 });
    await givePoints(platform, customer1Id, 7);
    const noNote = await post(callcenter, `/api/customers/${customer1Id}/redemptions`, {
      rewardId: reward.id,
    });
    expect(noNote.status).toBe(400);
    const byPhone = await post(callcenter, `/api/customers/${customer1Id}/redemptions`, {
      rewardId: reward.id,
      note: 'Pedido por teléfono',
    });
    expect(byPhone.status, JSON.stringify(byPhone.body)).toBe(201);
    // No address named: a shipped reward goes to the one in the customer's profile.
    const profile = await Customer.findByPk(customer1Id);
    expect(byPhone.body.deliveryAddress).toBe(
      [profile?.address, profile?.city, profile?.state, profile?.postalCode]
        .filter(Boolean)
        .join(', '),
    );
    expect(byPhone.body.timeline[0]).toMatchObject({
      status: 'requested',
      note: 'Pedido por teléfono',
      actor: { role: 'callcenter' },
    });
    const outOfZone = await post(adminSur, `/api/customers/${customer1Id}/redemptions`, {
      rewardId: reward.id,
      note: 'No es de mi zona',
    });
    expect(outOfZone.status).toBe(404);
  });

  it('changes many at once, each on its own', async () => {
    const first = await requested();
    const second = await requested();
    await post(callcenter, `/api/redemptions/${second.redemption.id}/status`, {
      status: 'rejected',
    });
    const res = await post(callcenter, '/api/redemptions/bulk-status', {
      ids: [first.redemption.id, second.redemption.id, 999_999],
      status: 'approved',
      note: 'Lote de la mañana',
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { id: first.redemption.id, ok: true },
      {
        id: second.redemption.id,
        ok: false,
        error: expect.objectContaining({ id: 'invalid_transition' }),
      },
      { id: 999_999, ok: false, error: expect.objectContaining({ id: 'not_found' }) },
    ]);
  });

  it('lists the queue oldest first, filtered by status, reward, age and folio or name', async () => {
    const { reward, redemption } = await requested();
    const byReward = await callcenter.agent
      .get('/api/redemptions')
      .query({ rewardId: reward.id, status: 'requested' });
    expect(byReward.body).toMatchObject({ total: 1, items: [{ id: redemption.id }] });
    expect(byReward.body.items[0].timeline).toBeUndefined();
    const byFolio = await callcenter.agent.get('/api/redemptions').query({ q: redemption.folio });
    expect(byFolio.body.items.map((item: { id: number }) => item.id)).toEqual([redemption.id]);
    const customer = await Customer.findByPk(customer1Id);
    const byName = await callcenter.agent
      .get('/api/redemptions')
      .query({ q: customer?.firstName, rewardId: reward.id });
    expect(byName.body.total).toBe(1);
    const old = await callcenter.agent
      .get('/api/redemptions')
      .query({ rewardId: reward.id, olderThanDays: 1 });
    expect(old.body.total).toBe(0);
    const all = await callcenter.agent.get('/api/redemptions').query({ pageSize: 100 });
    const ids = all.body.items.map((item: { id: number }) => item.id);
    expect(ids).toEqual([...ids].sort((a: number, b: number) => a - b));
  });
  it("lists one customer's redemptions newest first, within the zone scope", async () => {
    const first = await requested();
    const second = await requested();
    const mine = await callcenter.agent
      .get('/api/redemptions')
      .query({ customerId: customer1Id, order: 'newest', pageSize: 100 });
    expect(mine.status).toBe(200);
    const ids = mine.body.items.map((item: { id: number }) => item.id);
    expect(ids.slice(0, 2)).toEqual([second.redemption.id, first.redemption.id]);
    expect(ids).toEqual([...ids].sort((a: number, b: number) => b - a));
    expect(
      mine.body.items.every(
        (item: { customer: { id: number } }) => item.customer.id === customer1Id,
      ),
    ).toBe(true);
    const elsewhere = await adminSur.agent
      .get('/api/redemptions')
      .query({ customerId: customer1Id });
    expect(elsewhere.body).toMatchObject({ total: 0, items: [] });
    const wrongOrder = await callcenter.agent.get('/api/redemptions').query({ order: 'sideways' });
    expect(wrongOrder.status).toBe(400);
    expect(wrongOrder.body.error.id).toBe('validation_failed');
  });
});

describe('redeemed rewards report', () => {
  it('filters, totals by status and exports the same rows as Excel', async () => {
    const reward = await makeReward(platform, { pointsCost: 3 });
    await givePoints(platform, customer1Id, 9);
    const made = [];
    for (let i = 0; i < 3; i += 1) {
      made.push((await post(customer1, '/api/me/redemptions', { rewardId: reward.id })).body);
    }
    await post(callcenter, `/api/redemptions/${made[0].id}/status`, { status: 'rejected' });
    const report = await superadmin.agent
      .get('/api/reports/redemptions')
      .query({ rewardId: reward.id, from: '2020-01-01', to: '2099-12-31' });
    expect(report.status).toBe(200);
    expect(report.body.total).toBe(3);
    expect(report.body.totals).toMatchObject({
      redemptions: 3,
      points: 9,
      byStatus: { requested: 2, rejected: 1, approved: 0 },
    });
    const rejected = await superadmin.agent
      .get('/api/reports/redemptions')
      .query({ rewardId: reward.id, status: 'rejected' });
    expect(rejected.body.totals).toMatchObject({ redemptions: 1, points: 3 });
    const future = await superadmin.agent
      .get('/api/reports/redemptions')
      .query({ rewardId: reward.id, from: '2099-01-01' });
    expect(future.body.total).toBe(0);
    const customer = await Customer.findByPk(customer1Id);
    const ofType = await superadmin.agent.get('/api/reports/redemptions').query({
      rewardId: reward.id,
      customerTypeId: customer?.customerTypeId,
      zoneId: customer?.zoneId,
    });
    expect(ofType.body.totals.redemptions).toBe(3);
    const otherZone = await superadmin.agent
      .get('/api/reports/redemptions')
      .query({ rewardId: reward.id, zoneId: (customer?.zoneId ?? 0) + 1 });
    expect(otherZone.body.totals.redemptions).toBe(0);
    const sur = await adminSur.agent.get('/api/reports/redemptions').query({ rewardId: reward.id });
    expect(sur.body.totals.redemptions).toBe(0);

    const file = await superadmin.agent
      .get('/api/reports/redemptions.xlsx')
      .query({ rewardId: reward.id })
      .buffer(true)
      .parse(binary);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const rows = await workbookRows(file.body as Buffer);
    expect(rows[0]).toEqual(expect.arrayContaining(['Folio', 'Estado']));
    expect(rows.slice(1).map((row) => row[0])).toEqual(made.map((r: { folio: string }) => r.folio));
    expect(rows[1]?.[8]).toBe('rechazado');
  });
});
