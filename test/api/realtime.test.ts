import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QueryTypes } from 'sequelize';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoExternalId } from '@lealtad/migrations';
import { createApiKey } from '@lealtad/server/commands/apiKeys';
import { Customer } from '@lealtad/server/db/models/index';
import { actorOf } from '@lealtad/server/policies/actor';
import { runTimeTriggers } from '@lealtad/server/jobs/ruleTriggers';
import type {
  PointsAwarded,
  PointsChanged,
  RedemptionChanged,
} from '@lealtad/server/realtime/index';
import { localTime } from '@lealtad/rules-schema';
import { createPlatform, demo, signIn, type Platform } from '../helpers/platform';
import { givePoints, makeReward, post } from '../helpers/rewards';

let platform: Platform;
let server: Server;
let url: string;
let key: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  platform = await createPlatform();
  server = await new Promise<Server>((resolve) => {
    const listening = platform.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  platform.services.realtime.attach(server);
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ({ key } = await createApiKey(
    platform.services,
    actorOf({ id: 1, role: 'superadmin', zoneId: null }),
    null,
    {
      name: 'POS',
      scopes: ['transactions.write'],
    },
  ));
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await platform.services.realtime.close();
  await platform.close();
});

/** Signs in over HTTP and opens a socket with the session cookie, as the web apps do. */
async function connect(email: string, app: 'studio' | 'portal'): Promise<Socket> {
  const login = await request(url)
    .post('/api/auth/login')
    .send({ email, password: platform.password, app });
  const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
  const socket = io(url, {
    auth: { app },
    extraHeaders: { cookie },
    transports: ['websocket'],
    reconnection: false,
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

const nextEvent = (socket: Socket) =>
  new Promise<PointsChanged>((resolve) => socket.once('points:changed', resolve));

const silence = (socket: Socket, ms = 300) =>
  new Promise<PointsChanged | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    socket.once('points:changed', (event: PointsChanged) => {
      clearTimeout(timer);
      resolve(event);
    });
  });

const purchase = (id: string, customer: number, amount: number) =>
  request(url)
    .post('/api/v1/transactions')
    .set('Authorization', `Bearer ${key}`)
    .send({
      id,
      customerExternalId: demoExternalId(customer),
      amount,
      currency: 'MXN',
      occurredAt: new Date().toISOString(),
      storeId: 'T1',
      category: 'ropa',
    });

describe('points:changed over socket.io', () => {
  it('reaches the customer’s portal and the staff watching that customer, after the commit', async () => {
    const portal = await connect(demo.customer(1), 'portal');
    const callcenter = await connect(demo.callcenter, 'studio');
    const customerId = Number((await Customer.findOne({ where: { email: demo.customer(1) } }))?.id);
    const watched = await callcenter.emitWithAck('customer:watch', customerId);
    expect(watched).toEqual({ ok: true });

    const [forPortal, forStaff, res] = await Promise.all([
      nextEvent(portal),
      nextEvent(callcenter),
      purchase('RT-1', 1, 45_000),
    ]);
    expect(res.status).toBe(201);
    // The line as the statement shows it: the line just written, in words.
    const [written] = await platform.sequelize.query<{ id: number | string }>(
      'SELECT MAX(id) AS id FROM ledger_entries WHERE customer_id = ?',
      { replacements: [customerId], type: QueryTypes.SELECT },
    );
    const expected = {
      customerId,
      balance: res.body.balance,
      line: expect.objectContaining({
        id: Number(written?.id),
        kind: 'earn',
        points: 45,
        balance: res.body.balance,
        transaction: expect.objectContaining({ id: 'RT-1', amountCents: 45_000 }),
        description: expect.stringContaining('Compra RT-1'),
      }),
    };
    expect(forPortal).toEqual(expected);
    expect(forStaff).toEqual(expected);
    // The balance the event carries is already committed.
    expect((await Customer.findByPk(customerId))?.balance).toBe(res.body.balance);
  });

  it('carries a manual adjustment as its statement line, with the reason', async () => {
    const portal = await connect(demo.customer(3), 'portal');
    const customerId = Number((await Customer.findOne({ where: { email: demo.customer(3) } }))?.id);
    const staff = await signIn(platform, demo.callcenter);
    const [event, res] = await Promise.all([
      nextEvent(portal),
      staff.agent
        .post(`/api/customers/${customerId}/adjustments`)
        .set('X-CSRF-Token', staff.csrf)
        .send({ points: 7, reason: 'Cortesía por demora' }),
    ]);
    expect(res.status).toBe(201);
    expect(event).toEqual({
      customerId,
      balance: res.body.balance,
      line: expect.objectContaining({
        id: res.body.id,
        kind: 'adjust',
        points: 7,
        balance: res.body.balance,
        note: 'Cortesía por demora',
        description: expect.stringContaining('Cortesía por demora'),
      }),
    });
  });

  it('does not tell other customers, nor admins of another zone', async () => {
    const other = await connect(demo.customer(2), 'portal');
    const adminSur = await connect(demo.adminSur, 'studio');
    const customerId = Number((await Customer.findOne({ where: { email: demo.customer(1) } }))?.id);
    expect(await adminSur.emitWithAck('customer:watch', customerId)).toEqual({ ok: false });
    const [toOther, toAdmin] = await Promise.all([
      silence(other),
      silence(adminSur),
      purchase('RT-2', 1, 10_000),
    ]);
    expect(toOther).toBeNull();
    expect(toAdmin).toBeNull();
  });

  it('refuses a socket without a session', async () => {
    const socket = io(url, {
      auth: { app: 'portal' },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toBe('unauthenticated');
  });
});

describe('points:awarded over socket.io', () => {
  it('tells the customer which rule gave points, in the rule’s words', async () => {
    const customer = await Customer.findOne({ where: { email: demo.customer(4) } });
    const today = localTime(new Date(), 'America/Mexico_City').date;
    await customer?.update({
      birthDate: today.endsWith('02-29') ? '1992-02-29' : `1991-${today.slice(5)}`,
    });
    const portal = await connect(demo.customer(4), 'portal');
    const [awarded, changed] = await Promise.all([
      new Promise<PointsAwarded>((resolve) => portal.once('points:awarded', resolve)),
      nextEvent(portal),
      runTimeTriggers(platform.services, 'birthday'),
    ]);
    expect(awarded).toEqual({
      customerId: Number(customer?.id),
      rule: 'cumpleanos',
      version: 1,
      points: 100,
      description: '¡Feliz cumpleaños! +100 puntos',
    });
    expect(changed.line).toMatchObject({ kind: 'earn', points: 100 });
  });
});

describe('redemption:changed over socket.io', () => {
  const nextRedemptionEvent = (socket: Socket) =>
    new Promise<RedemptionChanged>((resolve) => socket.once('redemption:changed', resolve));

  it('tells the customer and the staff watching it of a redemption and each status change, with its points', async () => {
    const customerId = Number((await Customer.findOne({ where: { email: demo.customer(5) } }))?.id);
    const reward = await makeReward(platform, { pointsCost: 20 });
    await givePoints(platform, customerId, 20);
    const portal = await connect(demo.customer(5), 'portal');
    const callcenter = await connect(demo.callcenter, 'studio');
    expect(await callcenter.emitWithAck('customer:watch', customerId)).toEqual({ ok: true });
    const customer = await signIn(platform, demo.customer(5));
    const [toPortal, toStaff, points, res] = await Promise.all([
      nextRedemptionEvent(portal),
      nextRedemptionEvent(callcenter),
      nextEvent(portal),
      post(customer, '/api/me/redemptions', { rewardId: reward.id }),
    ]);
    expect(res.status).toBe(201);
    const expected = {
      redemptionId: res.body.id,
      folio: res.body.folio,
      status: 'requested',
      customerId,
      zoneId: (await Customer.findByPk(customerId))?.zoneId,
    };
    expect(toPortal).toEqual(expected);
    expect(toStaff).toEqual(expected);
    expect(points.line).toMatchObject({ kind: 'redeem', points: -20 });

    const staff = await signIn(platform, demo.callcenter);
    const [rejected, refund] = await Promise.all([
      nextRedemptionEvent(portal),
      nextEvent(portal),
      post(staff, `/api/redemptions/${res.body.id}/status`, { status: 'rejected' }),
    ]);
    expect(rejected).toEqual({ ...expected, status: 'rejected' });
    expect(refund.line).toMatchObject({ kind: 'refund', points: 20 });
  });

  it('tells the redemption queues of the zone, without watching the customer; others hear nothing', async () => {
    const zoneCustomer = async (code: string) => {
      const [row] = await platform.sequelize.query<{ id: number | string }>(
        'SELECT c.id FROM customers c JOIN zones z ON z.id = c.zone_id WHERE z.code = ? ORDER BY c.id LIMIT 1',
        { replacements: [code], type: QueryTypes.SELECT },
      );
      return Number(row?.id);
    };
    const [norte, sur] = [await zoneCustomer('NORTE'), await zoneCustomer('SUR')];
    const reward = await makeReward(platform, { pointsCost: 10 });
    await givePoints(platform, norte, 10);
    await givePoints(platform, sur, 10);
    const [adminNorte, adminSur, superadmin, marketing] = await Promise.all([
      connect(demo.adminNorte, 'studio'),
      connect(demo.adminSur, 'studio'),
      connect(demo.superadmin, 'studio'),
      connect(demo.marketing, 'studio'),
    ]);
    const heardByMarketing: RedemptionChanged[] = [];
    marketing.on('redemption:changed', (event: RedemptionChanged) => heardByMarketing.push(event));
    const callcenter = await signIn(platform, demo.callcenter);
    const redeemFor = (customerId: number) =>
      post(callcenter, `/api/customers/${customerId}/redemptions`, {
        rewardId: reward.id,
        note: 'Por teléfono',
      });

    const [toNorte, toAll, forNorte] = await Promise.all([
      nextRedemptionEvent(adminNorte),
      nextRedemptionEvent(superadmin),
      redeemFor(norte),
    ]);
    expect(forNorte.status).toBe(201);
    expect(toNorte).toMatchObject({ redemptionId: forNorte.body.id, customerId: norte });
    expect(toAll).toMatchObject({ redemptionId: forNorte.body.id });
    // Sur's admin hears Sur's redemption first: the Norte one never reached it.
    const [toSur, forSur] = await Promise.all([nextRedemptionEvent(adminSur), redeemFor(sur)]);
    expect(forSur.status).toBe(201);
    expect(toSur).toMatchObject({ redemptionId: forSur.body.id, customerId: sur });
    expect(heardByMarketing).toEqual([]);
  });
});
