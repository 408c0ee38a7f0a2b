import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoExternalId } from '@lealtad/migrations';
import { isValidLuhn, withCheckDigit } from '@lealtad/server/cards/luhn';
import { upsertPartnerCustomer } from '@lealtad/server/commands/partnerCustomers';
import { AuditEvent, Card, Customer } from '@lealtad/server/db/models/index';
import { postPurchases } from '@lealtad/server/ledger/purchases';
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
let adminSur: SignedIn;
let callcenter: SignedIn;
/** Demo customers by number (1 and 5 are in Norte, 2 Centro, 3 Sur, 4 Occidente). */
const customerIds = new Map<number, number>();
const portal = new Map<number, SignedIn>();

beforeAll(async () => {
  platform = await createPlatform();
  [superadmin, adminNorte, adminSur, callcenter] = await Promise.all(
    [demo.superadmin, demo.adminNorte, demo.adminSur, demo.callcenter].map((email) =>
      signIn(platform, email),
    ),
  );
  for (const n of [1, 2, 3, 4, 5, 6]) {
    const customer = await Customer.findOne({ where: { externalId: demoExternalId(n) } });
    customerIds.set(n, Number(customer?.id));
  }
});
afterAll(() => platform.close());

const post = (who: SignedIn, path: string, body: object) =>
  who.agent.post(path).set('X-CSRF-Token', who.csrf).send(body);
const patch = (who: SignedIn, path: string, body: object) =>
  who.agent.patch(path).set('X-CSRF-Token', who.csrf).send(body);

const idOf = (n: number) => customerIds.get(n) ?? 0;

/** The portal session of demo customer `n`. */
async function asCustomer(n: number): Promise<SignedIn> {
  const known = portal.get(n);
  if (known) return known;
  const session = await signIn(platform, demo.customer(n));
  portal.set(n, session);
  return session;
}

let serial = 0;
/** New valid numbers no other test uses: prefix 6 and a serial, never like the 5076 range. */
const freshNumbers = (count: number) =>
  Array.from({ length: count }, () =>
    withCheckDigit(`6${String((serial += 1)).padStart(14, '0')}`),
  );

/** Puts new numbers in stock through the API and returns them. */
async function stock(count = 1): Promise<string[]> {
  const numbers = freshNumbers(count);
  const res = await post(superadmin, '/api/cards/stock', { name: 'Lote de prueba', numbers });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return numbers;
}

const cardByNumber = async (number: string) => {
  const card = await Card.findOne({ where: { number } });
  if (!card) throw new Error(`no card ${number}`);
  return card;
};

/** A number with a valid format whose check digit is wrong. */
const badCheckDigit = (number: string) =>
  `${number.slice(0, 15)}${(Number(number.at(-1)) + 1) % 10}`;

/** A customer's ledger lines, to show that nothing in them changed. */
async function ledgerOf(customerId: number) {
  const [rows] = await platform.sequelize.query(
    'SELECT id, kind, points, balance_after FROM ledger_entries WHERE customer_id = ? ORDER BY id',
    { replacements: [customerId] },
  );
  return rows;
}

const writeTables = ['cards', 'card_batches', 'card_reports', 'card_report_events', 'audit_events'];
const snapshot = () => Promise.all(writeTables.map((table) => countRows(platform, table)));

describe('card stock', () => {
  it('imports a range: prefix, zero-padded serial and a Luhn check digit, in one batch', async () => {
    const res = await post(superadmin, '/api/cards/stock', {
      name: 'Rango Monterrey',
      range: { prefix: '5076', from: 1, count: 1200 },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      batch: { name: 'Rango Monterrey', source: 'range', cardCount: 1200 },
      imported: 1200,
      skipped: [],
    });
    const cards = await Card.findAll({
      where: { batchId: res.body.batch.id },
      order: [['number', 'asc']],
    });
    expect(cards).toHaveLength(1200);
    expect(cards[0]?.number).toBe(withCheckDigit('507600000000001'));
    expect(cards.at(-1)?.number).toBe(withCheckDigit('507600000001200'));
    expect(cards.every((c) => isValidLuhn(c.number) && c.number.length === 16)).toBe(true);
    expect(cards.every((c) => c.status === 'available' && c.customerId === null)).toBe(true);
    const audit = await AuditEvent.findOne({
      where: { action: 'cards.imported', targetId: String(res.body.batch.id) },
    });
    expect(audit?.after).toMatchObject({ source: 'range', imported: 1200, skipped: 0 });

    // An overlapping range imports only the new numbers.
    const overlap = await post(superadmin, '/api/cards/stock', {
      name: 'Rango traslapado',
      range: { prefix: '5076', from: 1151, count: 100 },
    });
    expect(overlap.status).toBe(201);
    expect(overlap.body.imported).toBe(50);
    expect(overlap.body.skipped).toHaveLength(50);
    expect(overlap.body.skipped[0]).toEqual({
      number: withCheckDigit('507600000001151'),
      reason: 'already_in_stock',
    });
  });

  it('imports a file, skipping each kind of problem number and naming why', async () => {
    const [a, b, c] = freshNumbers(3) as [string, string, string];
    const inStock = withCheckDigit('507600000000007');
    const res = await post(superadmin, '/api/cards/stock', {
      name: 'Archivo proveedor',
      numbers: [
        a,
        `${b.slice(0, 4)} ${b.slice(4, 8)}-${b.slice(8, 12)} ${b.slice(12)}`,
        '12345',
        '4111-1111-1111-111x',
        badCheckDigit(c),
        a,
        inStock,
        c,
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.batch).toMatchObject({ source: 'file', cardCount: 3 });
    expect(res.body.imported).toBe(3);
    expect(res.body.skipped).toEqual([
      { number: '12345', reason: 'card_format_invalid' },
      { number: '4111-1111-1111-111x', reason: 'card_format_invalid' },
      { number: badCheckDigit(c), reason: 'card_check_digit_invalid' },
      { number: a, reason: 'duplicate_in_file' },
      { number: inStock, reason: 'already_in_stock' },
    ]);
    // Grouped numbers are stored as their 16 digits.
    expect((await cardByNumber(b)).status).toBe('available');
  });

  it('takes 10,000 numbers in one request (beyond the usual body limit)', async () => {
    const numbers = freshNumbers(10_000);
    const res = await post(superadmin, '/api/cards/stock', { name: 'Archivo grande', numbers });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
    expect(res.body.imported).toBe(10_000);
  });

  it('refuses bad input and imports of nothing new, writing nothing', async () => {
    const before = await snapshot();
    const cases: [object, number, string][] = [
      [{ name: 'Sin datos' }, 400, 'validation_failed'],
      [
        { name: 'Ambos', range: { prefix: '5076', from: 1, count: 1 }, numbers: freshNumbers(1) },
        400,
        'validation_failed',
      ],
      [{ name: 'Prefijo', range: { prefix: '50', from: 1, count: 1 } }, 400, 'validation_failed'],
      [
        { name: 'Enorme', range: { prefix: '5076', from: 1, count: 100_001 } },
        400,
        'validation_failed',
      ],
      // Prefix of 8 digits leaves 7 for the serial.
      [
        { name: 'No cabe', range: { prefix: '12345678', from: 9_999_990, count: 20 } },
        400,
        'validation_failed',
      ],
      [{ name: 'Vacío', numbers: [] }, 400, 'validation_failed'],
      [{ name: 'Tipos', numbers: [4111111111111111] }, 400, 'validation_failed'],
      [{ name: '<b>x</b>', numbers: freshNumbers(1) }, 400, 'validation_failed'],
      [{ name: 'Repetido', range: { prefix: '5076', from: 1, count: 5 } }, 422, 'no_new_cards'],
      [{ name: 'Inválidos', numbers: ['1', '2'] }, 422, 'no_new_cards'],
    ];
    for (const [body, status, id] of cases) {
      const res = await post(superadmin, '/api/cards/stock', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.id).toBe(id);
    }
    const nothing = await post(superadmin, '/api/cards/stock', {
      name: 'Inválidos',
      numbers: ['1'],
    });
    expect(nothing.body.error.details).toEqual([
      expect.objectContaining({ path: 'body.numbers.0', code: 'card_format_invalid' }),
    ]);
    expect(
      (await post(adminNorte, '/api/cards/stock', { name: 'x', numbers: freshNumbers(1) })).status,
    ).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('lists stock with filters, a search by digits, and counts by status', async () => {
    const res = await superadmin.agent
      .get('/api/cards')
      .query({ status: 'available', q: '5076 0000', pageSize: 10 });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(10);
    expect(res.body.total).toBe(1250);
    expect(res.body.items[0]).toMatchObject({
      number: withCheckDigit('507600000000001'),
      customer: null,
    });
    // 1,250 from ranges, 3 from the small file, 10,000 from the large one.
    expect(res.body.counts).toEqual({
      available: 11_253,
      active: 0,
      blocked: 0,
      replaced: 0,
      inactive: 0,
    });
    expect((await callcenter.agent.get('/api/cards')).status).toBe(403);
  });
});

describe('activation', () => {
  it('lets staff activate a card for a customer they can see, audited', async () => {
    const [number] = (await stock()) as [string];
    const res = await post(callcenter, '/api/cards/activate', {
      cardNumber: number,
      customerId: idOf(2),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ number, status: 'active', customerId: idOf(2) });
    expect(Date.parse(res.body.activatedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(res.body.assignedAt).toBe(res.body.activatedAt);
    const audit = await AuditEvent.findOne({
      where: { action: 'card.activated', targetId: String(res.body.id) },
    });
    expect(audit).toMatchObject({ actorRole: 'callcenter' });
    expect(audit?.after).toMatchObject({ number, status: 'active', customerId: idOf(2) });
    const cards = await callcenter.agent.get(`/api/customers/${idOf(2)}/cards`);
    expect(cards.body.items.map((c: { number: string }) => c.number)).toEqual([number]);
  });

  it('lets a customer activate a card for itself from the portal', async () => {
    const [number] = (await stock()) as [string];
    const cliente1 = await asCustomer(1);
    // Grouped as printed on the card.
    const res = await post(cliente1, '/api/cards/activate', {
      cardNumber: `${number.slice(0, 4)} ${number.slice(4, 8)} ${number.slice(8, 12)} ${number.slice(12)}`,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ number, status: 'active', customerId: idOf(1) });
    const mine = await cliente1.agent.get('/api/me/cards');
    expect(mine.body.items).toEqual([expect.objectContaining({ number, status: 'active' })]);
    // Staff write audits; a customer's own activation is not a staff write.
    expect(
      await AuditEvent.count({
        where: { action: 'card.activated', targetId: String(res.body.id) },
      }),
    ).toBe(0);
  });

  it('keeps admins to their zone: another zone’s customer does not exist for them', async () => {
    const [number] = (await stock()) as [string];
    const before = await snapshot();
    const refused = await post(adminSur, '/api/cards/activate', {
      cardNumber: number,
      customerId: idOf(5),
    });
    expect(refused.status).toBe(404);
    expect(refused.body.error.id).toBe('not_found');
    expect((await adminSur.agent.get(`/api/customers/${idOf(5)}/cards`)).status).toBe(404);
    expect(await snapshot()).toEqual(before);
    expect((await cardByNumber(number)).status).toBe('available');
    const allowed = await post(adminNorte, '/api/cards/activate', {
      cardNumber: number,
      customerId: idOf(5),
    });
    expect(allowed.status).toBe(200);
  });

  it('refuses each problem with its own id, writing nothing', async () => {
    const [available, other, blockedOne, inactiveOne] = (await stock(4)) as [
      string,
      string,
      string,
      string,
    ];
    // customer 3 holds `other`; `blockedOne` and `inactiveOne` are set by hand.
    expect(
      (await post(superadmin, '/api/cards/activate', { cardNumber: other, customerId: idOf(3) }))
        .status,
    ).toBe(200);
    await Card.update(
      { status: 'blocked', blockReason: 'lost' },
      { where: { number: blockedOne } },
    );
    await Card.update({ status: 'inactive' }, { where: { number: inactiveOne } });
    const [notInStock] = freshNumbers(1) as [string];

    // Signing in is audited: done before counting.
    const marketing = await signIn(platform, demo.marketing);
    const cliente4 = await asCustomer(4);
    const before = await snapshot();
    const cases: [object, number, string][] = [
      [{ cardNumber: '1234', customerId: idOf(4) }, 422, 'card_format_invalid'],
      [{ cardNumber: 'ABCD-EFGH-IJKL-MNOP', customerId: idOf(4) }, 422, 'card_format_invalid'],
      [
        { cardNumber: badCheckDigit(available), customerId: idOf(4) },
        422,
        'card_check_digit_invalid',
      ],
      [{ cardNumber: notInStock, customerId: idOf(4) }, 422, 'card_not_found'],
      [{ cardNumber: other, customerId: idOf(4) }, 422, 'card_already_assigned'],
      // Its own card too.
      [{ cardNumber: other, customerId: idOf(3) }, 422, 'card_already_assigned'],
      [{ cardNumber: blockedOne, customerId: idOf(4) }, 422, 'card_blocked'],
      [{ cardNumber: inactiveOne, customerId: idOf(4) }, 422, 'card_inactive'],
      [{ cardNumber: available, customerId: idOf(3) }, 409, 'customer_has_active_card'],
      [{ cardNumber: available }, 400, 'customer_required'],
      [{ cardNumber: available, customerId: 999_999 }, 404, 'not_found'],
      [{ cardNumber: available, customerId: idOf(4), extra: 1 }, 400, 'validation_failed'],
      [{ cardNumber: 4111111111111111, customerId: idOf(4) }, 400, 'validation_failed'],
    ];
    for (const [body, status, id] of cases) {
      const res = await post(superadmin, '/api/cards/activate', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.id, JSON.stringify(body)).toBe(id);
      expect(res.body.error.message).toBeTruthy();
    }
    const customer = await post(cliente4, '/api/cards/activate', {
      cardNumber: available,
      customerId: idOf(4),
    });
    expect(customer.status).toBe(400);
    expect(customer.body.error.id).toBe('customer_id_not_allowed');
    expect(
      (await post(marketing, '/api/cards/activate', { cardNumber: available, customerId: idOf(4) }))
        .status,
    ).toBe(403);
    expect(await snapshot()).toEqual(before);
    expect((await cardByNumber(available)).status).toBe('available');
  });

  it('lets exactly one of 20 concurrent activations of one card win', async () => {
    const [number] = (await stock()) as [string];
    const contenders: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const { customer } = await upsertPartnerCustomer(platform.services, `CARD-RACE-${i}`, {
        firstName: 'Carrera',
        lastName: `Concurrente ${String.fromCharCode(65 + i)}`,
        zone: 'NORTE',
      });
      contenders.push(Number(customer.id));
    }
    const responses = await Promise.all(
      contenders.map((customerId) =>
        post(superadmin, '/api/cards/activate', { cardNumber: number, customerId }),
      ),
    );
    const won = responses.filter((r) => r.status === 200);
    expect(won).toHaveLength(1);
    const lost = responses.filter((r) => r.status !== 200);
    expect(lost.map((r) => r.body.error.id)).toEqual(Array(19).fill('card_already_assigned'));
    const card = await cardByNumber(number);
    expect(card.status).toBe('active');
    expect(Number(card.customerId)).toBe(won[0]?.body.customerId);
    expect(await Card.count({ where: { customerId: contenders, status: 'active' } })).toBe(1);
    expect(
      await AuditEvent.count({ where: { action: 'card.activated', targetId: String(card.id) } }),
    ).toBe(1);
  });

  it('never gives one customer two active cards, even when asked at once', async () => {
    const numbers = await stock(6);
    const responses = await Promise.all(
      numbers.map((cardNumber) =>
        post(superadmin, '/api/cards/activate', { cardNumber, customerId: idOf(6) }),
      ),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409).map((r) => r.body.error.id)).toEqual(
      Array(5).fill('customer_has_active_card'),
    );
    expect(await Card.count({ where: { customerId: idOf(6), status: 'active' } })).toBe(1);
  });
});

describe('lost and stolen reports', () => {
  it('blocks the card at once when staff take the report', async () => {
    const [number] = (await stock()) as [string];
    const cliente3 = idOf(3);
    // Customer 3 has an active card from an earlier test: report it, then this flow uses a new one.
    const active = await Card.findOne({ where: { customerId: cliente3, status: 'active' } });
    expect(active).not.toBeNull();
    const res = await post(callcenter, `/api/customers/${cliente3}/card-reports`, {
      cardId: active?.id,
      kind: 'stolen',
      note: 'Robo en la vía pública; llamó el titular.',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      customerId: cliente3,
      kind: 'stolen',
      status: 'reported',
      channel: 'studio',
      card: { id: active?.id, status: 'blocked' },
      replacementCard: null,
      events: [
        {
          status: 'reported',
          note: 'Robo en la vía pública; llamó el titular.',
          actor: { name: 'Carlos Call Center' },
        },
      ],
    });
    const card = await Card.findByPk(active?.id);
    expect(card).toMatchObject({ status: 'blocked', blockReason: 'stolen' });
    expect(card?.blockedAt).toBeInstanceOf(Date);
    // Blocked for everyone from now on.
    const reuse = await post(superadmin, '/api/cards/activate', {
      cardNumber: card?.number,
      customerId: idOf(4),
    });
    expect(reuse.body.error.id).toBe('card_blocked');
    // With its card blocked the customer may take a new one.
    expect(
      (await post(callcenter, '/api/cards/activate', { cardNumber: number, customerId: cliente3 }))
        .status,
    ).toBe(200);
    expect(
      await AuditEvent.count({
        where: { action: 'card_report.created', targetId: String(res.body.id) },
      }),
    ).toBe(1);
  });

  it('refuses a second report, a card that is not active, another customer’s card and another zone', async () => {
    const cliente3 = idOf(3);
    const blocked = await Card.findOne({ where: { customerId: cliente3, status: 'blocked' } });
    const [spare] = (await stock()) as [string];
    const spareCard = await cardByNumber(spare);
    const active5 = await Card.findOne({ where: { customerId: idOf(5), status: 'active' } });
    const before = await snapshot();
    const again = await post(callcenter, `/api/customers/${cliente3}/card-reports`, {
      cardId: blocked?.id,
      kind: 'lost',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.id).toBe('card_already_reported');
    const notMine = await post(callcenter, `/api/customers/${cliente3}/card-reports`, {
      cardId: spareCard.id,
      kind: 'lost',
    });
    expect(notMine.status).toBe(422);
    expect(notMine.body.error.id).toBe('card_not_found');
    const otherZone = await post(adminSur, `/api/customers/${idOf(5)}/card-reports`, {
      cardId: active5?.id,
      kind: 'lost',
    });
    expect(otherZone.status).toBe(404);
    const badKind = await post(callcenter, `/api/customers/${idOf(5)}/card-reports`, {
      cardId: active5?.id,
      kind: 'broken',
    });
    expect(badKind.body.error.id).toBe('validation_failed');
    // A card issued but never activated is not active.
    await Card.update({ customerId: cliente3 }, { where: { id: spareCard.id } });
    const inactive = await post(callcenter, `/api/customers/${cliente3}/card-reports`, {
      cardId: spareCard.id,
      kind: 'lost',
    });
    expect(inactive.status).toBe(409);
    expect(inactive.body.error.id).toBe('card_not_active');
    await Card.update({ customerId: null }, { where: { id: spareCard.id } });
    expect(await snapshot()).toEqual(before);
  });

  it('follows a portal report through replacement to closing; the customer keeps its points', async () => {
    const cliente1 = await asCustomer(1);
    const customerId = idOf(1);
    // Points earned before the loss.
    const purchaseId = `CARD-T-${Date.now()}`;
    await postPurchases(
      platform.sequelize,
      platform.services.rules,
      [
        {
          id: purchaseId,
          customerExternalId: demoExternalId(1),
          amount: 250_000,
          currency: 'MXN',
          occurredAt: new Date(),
          storeId: 'T1',
          category: 'abarrotes',
        },
      ],
      [null],
    );
    const balanceBefore = (await Customer.findByPk(customerId))?.balance ?? 0;
    expect(balanceBefore).toBeGreaterThanOrEqual(250);
    const ledgerBefore = (await cliente1.agent.get('/api/me/statement')).body;
    const entriesBefore = await ledgerOf(customerId);

    const old = await Card.findOne({ where: { customerId, status: 'active' } });
    const reported = await post(cliente1, '/api/me/card-reports', { kind: 'lost' });
    expect(reported.status).toBe(201);
    expect(reported.body).toMatchObject({
      status: 'reported',
      channel: 'portal',
      card: { id: old?.id, status: 'blocked' },
    });
    expect(reported.body.events[0]).not.toHaveProperty('actor');
    const reportId = reported.body.id as number;
    const twice = await post(cliente1, '/api/me/card-reports', { kind: 'stolen' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.id).toBe('card_already_reported');

    // Issue a replacement from stock: assigned, not yet active.
    const [replacement] = (await stock()) as [string];
    const issued = await patch(callcenter, `/api/card-reports/${reportId}`, {
      status: 'replacement_issued',
      replacementCardNumber: replacement,
      note: 'Se envía tarjeta nueva a domicilio.',
    });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({
      status: 'replacement_issued',
      replacementCard: { number: replacement, status: 'available' },
    });
    expect(await cardByNumber(replacement)).toMatchObject({ status: 'available', customerId });
    // Nobody else can take it.
    const stolenByOther = await post(superadmin, '/api/cards/activate', {
      cardNumber: replacement,
      customerId: idOf(4),
    });
    expect(stolenByOther.body.error.id).toBe('card_already_assigned');
    // It cannot be marked active by hand: activation does that.
    const byHand = await patch(callcenter, `/api/card-reports/${reportId}`, {
      status: 'replacement_activated',
    });
    expect(byHand.status).toBe(409);
    expect(byHand.body.error.id).toBe('invalid_transition');
    expect(byHand.body.error.message).toMatch(/Reposición emitida.*Reposición activada/);

    // The customer activates it.
    const activated = await post(cliente1, '/api/cards/activate', { cardNumber: replacement });
    expect(activated.status).toBe(200);
    expect(activated.body).toMatchObject({ status: 'active', customerId });
    const oldNow = await Card.findByPk(old?.id);
    expect(oldNow).toMatchObject({ status: 'replaced', blockReason: 'lost' });
    expect(Number(oldNow?.replacedByCardId)).toBe(activated.body.id);

    const closed = await patch(callcenter, `/api/card-reports/${reportId}`, {
      status: 'closed',
      note: 'El cliente confirma que recibió y activó su tarjeta.',
    });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.events.map((e: { status: string }) => e.status)).toEqual([
      'closed',
      'replacement_activated',
      'replacement_issued',
      'reported',
    ]);
    expect(closed.body.events[0]).toMatchObject({
      note: 'El cliente confirma que recibió y activó su tarjeta.',
      actor: { name: 'Carlos Call Center' },
    });

    // The history reads the same for staff (with who) and for the customer (without).
    const staffView = await callcenter.agent.get(`/api/customers/${customerId}/card-reports`);
    expect(staffView.status).toBe(200);
    expect(staffView.body.items[0]).toMatchObject({ id: reportId, status: 'closed' });
    expect(staffView.body.items[0].events).toHaveLength(4);
    const ownView = await cliente1.agent.get('/api/me/card-reports');
    expect(ownView.body.items[0].events.map((e: { status: string }) => e.status)).toEqual([
      'closed',
      'replacement_activated',
      'replacement_issued',
      'reported',
    ]);
    expect(ownView.body.items[0].events.some((e: object) => 'actor' in e)).toBe(false);
    for (const action of ['card_report.replacement_issued', 'card_report.closed']) {
      expect(await AuditEvent.count({ where: { action, targetId: String(reportId) } })).toBe(1);
    }
    expect((await adminSur.agent.get(`/api/customers/${customerId}/card-reports`)).status).toBe(
      404,
    );

    // Balance and history stayed with the customer through the change of card.
    expect((await Customer.findByPk(customerId))?.balance).toBe(balanceBefore);
    expect(await ledgerOf(customerId)).toEqual(entriesBefore);
    expect((await cliente1.agent.get('/api/me/statement')).body).toEqual(ledgerBefore);
  });

  it('refuses every other move and bad follow-up input, writing nothing', async () => {
    const customerId = idOf(2);
    const card = await Card.findOne({ where: { customerId, status: 'active' } });
    const made = await post(callcenter, `/api/customers/${customerId}/card-reports`, {
      cardId: card?.id,
      kind: 'lost',
    });
    expect(made.status).toBe(201);
    const path = `/api/card-reports/${made.body.id}`;
    const [free] = (await stock()) as [string];
    const taken = await Card.findOne({ where: { customerId: idOf(5), status: 'active' } });

    const before = await snapshot();
    const cases: [object, number, string][] = [
      [{ status: 'reported' }, 409, 'invalid_transition'],
      [{ status: 'replacement_activated' }, 409, 'invalid_transition'],
      [{ status: 'replacement_issued' }, 422, 'replacement_card_required'],
      [{ status: 'replacement_issued', replacementCardNumber: '123' }, 422, 'card_format_invalid'],
      [
        { status: 'replacement_issued', replacementCardNumber: badCheckDigit(free) },
        422,
        'card_check_digit_invalid',
      ],
      [
        { status: 'replacement_issued', replacementCardNumber: freshNumbers(1)[0] },
        422,
        'card_not_found',
      ],
      [
        { status: 'replacement_issued', replacementCardNumber: taken?.number },
        422,
        'card_already_assigned',
      ],
      [{ status: 'replacement_issued', replacementCardNumber: card?.number }, 422, 'card_blocked'],
      [{ status: 'closed', replacementCardNumber: free }, 400, 'validation_failed'],
      [{ status: 'perdida' }, 400, 'validation_failed'],
      [{ status: 'closed', note: 'x'.repeat(501) }, 400, 'validation_failed'],
    ];
    for (const [body, status, id] of cases) {
      const res = await patch(callcenter, path, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.id, JSON.stringify(body)).toBe(id);
    }
    const wrongZone = await patch(adminSur, path, { status: 'closed' });
    expect(wrongZone.status).toBe(404);
    expect((await patch(callcenter, '/api/card-reports/999999', { status: 'closed' })).status).toBe(
      404,
    );
    expect(await snapshot()).toEqual(before);

    // reported → closed (the card turned up): the card stays blocked.
    const closed = await patch(callcenter, path, {
      status: 'closed',
      note: 'La encontró en casa.',
    });
    expect(closed.status).toBe(200);
    expect(closed.body.card.status).toBe('blocked');
    for (const status of ['reported', 'replacement_issued', 'closed']) {
      const res = await patch(callcenter, path, {
        status,
        ...(status === 'replacement_issued' && { replacementCardNumber: free }),
      });
      expect(res.status).toBe(409);
      expect(res.body.error.id).toBe('invalid_transition');
      expect(res.body.error.message).toContain('«Cerrado»');
    }
    // A closed report's card is still not active.
    const reopen = await post(callcenter, `/api/customers/${customerId}/card-reports`, {
      cardId: card?.id,
      kind: 'stolen',
    });
    expect(reopen.body.error.id).toBe('card_not_active');
  });

  it('answers a customer without an active card', async () => {
    const cliente7 = await asCustomer(7);
    const res = await post(cliente7, '/api/me/card-reports', { kind: 'lost' });
    expect(res.status).toBe(409);
    expect(res.body.error.id).toBe('card_not_active');
    expect((await cliente7.agent.get('/api/me/cards')).body.items).toEqual([]);
    expect((await cliente7.agent.get('/api/me/card-reports')).body.items).toEqual([]);
  });
});
