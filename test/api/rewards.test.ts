import sharp from 'sharp';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, Customer, CustomerType, Reward, Zone } from '@lealtad/server/db/models/index';
import {
  countRows,
  createPlatform,
  demo,
  signIn,
  type Platform,
  type SignedIn,
} from '../helpers/platform';
import { binary, demoCustomerId, givePoints, makeReward, patch, post } from '../helpers/rewards';

let platform: Platform;
let superadmin: SignedIn;
let marketing: SignedIn;
let callcenter: SignedIn;
let customer1: SignedIn;

beforeAll(async () => {
  platform = await createPlatform();
  [superadmin, marketing, callcenter, customer1] = await Promise.all(
    [demo.superadmin, demo.marketing, demo.callcenter, demo.customer(1)].map((email) =>
      signIn(platform, email),
    ),
  );
});
afterAll(() => platform.close());

const zoneId = async (code: string) => (await Zone.findOne({ where: { code } }))?.id ?? 0;

const newReward = {
  code: 'tv-32',
  name: 'Televisión de 32"',
  description: 'Pantalla LED.',
  pointsCost: 12_000,
  stock: 3,
  category: 'Electrónica',
  deliveryMode: 'shipping',
};

describe('catalog administration', () => {
  it('creates a reward with every field and audits it', async () => {
    const norte = await zoneId('NORTE');
    const res = await post(marketing, '/api/rewards', {
      ...newReward,
      availableFrom: '2026-01-01',
      availableTo: '2099-12-31',
      zoneIds: [norte],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      code: 'TV-32',
      name: 'Televisión de 32"',
      pointsCost: 12_000,
      stock: 3,
      category: 'electrónica',
      availableFrom: '2026-01-01',
      availableTo: '2099-12-31',
      zoneIds: [norte],
      customerTypeIds: [],
      deliveryMode: 'shipping',
      status: 'active',
      imageUrl: null,
      thumbnailUrl: null,
      redeemedCount: 0,
    });
    const audit = await AuditEvent.findOne({
      where: { action: 'reward.created', targetId: String(res.body.id) },
    });
    expect(audit?.after).toMatchObject({ code: 'TV-32', pointsCost: 12_000 });
    const again = await post(superadmin, '/api/rewards', newReward);
    expect(again.status).toBe(409);
    expect(again.body.error.id).toBe('reward_code_taken');
  });

  it('refuses bad input with a clear error and writes nothing', async () => {
    const before = await countRows(platform, 'rewards');
    const cases: [object, number, string][] = [
      [{ ...newReward, code: 'OTRO', pointsCost: 0 }, 400, 'validation_failed'],
      [{ ...newReward, code: 'OTRO', pointsCost: 1.5 }, 400, 'validation_failed'],
      [{ ...newReward, code: 'OTRO', stock: -1 }, 400, 'validation_failed'],
      [{ ...newReward, code: 'con espacio' }, 400, 'validation_failed'],
      [{ ...newReward, code: 'OTRO', deliveryMode: 'dron' }, 400, 'validation_failed'],
      [
        { ...newReward, code: 'OTRO', availableFrom: '2026-05-01', availableTo: '2026-04-01' },
        400,
        'validation_failed',
      ],
      [{ ...newReward, code: 'OTRO', zoneIds: [999_999] }, 400, 'zone_not_found'],
      [{ ...newReward, code: 'OTRO', customerTypeIds: [999_999] }, 400, 'customer_type_not_found'],
      [{ ...newReward, code: 'OTRO', balance: 5 }, 400, 'validation_failed'],
    ];
    for (const [body, status, id] of cases) {
      const res = await post(marketing, '/api/rewards', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.id).toBe(id);
    }
    expect(await countRows(platform, 'rewards')).toBe(before);
  });

  it('edits, retires, restores, lists and finds categories', async () => {
    const reward = await makeReward(platform, { category: 'vales' });
    const edited = await patch(marketing, `/api/rewards/${reward.id}`, {
      pointsCost: 250,
      stock: null,
      name: 'Vale de $250',
    });
    expect(edited.body).toMatchObject({ pointsCost: 250, stock: null, name: 'Vale de $250' });
    const badWindow = await patch(marketing, `/api/rewards/${reward.id}`, {
      availableTo: '2000-01-01',
    });
    expect(badWindow.status).toBe(200);
    const reversed = await patch(marketing, `/api/rewards/${reward.id}`, {
      availableFrom: '2001-01-01',
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.id).toBe('invalid_window');
    await patch(marketing, `/api/rewards/${reward.id}`, { availableTo: null });

    const retired = await post(marketing, `/api/rewards/${reward.id}/retire`);
    expect(retired.body.status).toBe('retired');
    const stillRetired = await patch(marketing, `/api/rewards/${reward.id}`, {
      description: 'Otra',
    });
    expect(stillRetired.body.status).toBe('retired');
    const active = await callcenter.agent.get('/api/rewards').query({ q: 'Vale de $250' });
    expect(active.body.total).toBe(0);
    const all = await callcenter.agent
      .get('/api/rewards')
      .query({ q: 'vale de $250', status: 'all' });
    expect(all.body).toMatchObject({ total: 1, page: 1, items: [{ id: reward.id }] });
    const restored = await post(marketing, `/api/rewards/${reward.id}/restore`);
    expect(restored.body.status).toBe('active');
    const categories = await callcenter.agent.get('/api/rewards/categories');
    expect(categories.body.items).toEqual(
      expect.arrayContaining(['electrónica', 'vales', 'hogar']),
    );
    const byCategory = await callcenter.agent.get('/api/rewards').query({ category: 'vales' });
    expect(byCategory.body.total).toBe(3);
    expect(
      byCategory.body.items.every((item: { category: string }) => item.category === 'vales'),
    ).toBe(true);
    expect((await callcenter.agent.get('/api/rewards/999999')).body.error.id).toBe(
      'reward_not_found',
    );
  });

  it('deletes only a reward nobody redeemed', async () => {
    const unused = await makeReward(platform);
    expect(
      (
        await marketing.agent
          .delete(`/api/rewards/${unused.id}`)
          .set('X-CSRF-Token', marketing.csrf)
      ).status,
    ).toBe(204);
    expect(await Reward.findByPk(unused.id)).toBeNull();
    const used = await makeReward(platform, { pointsCost: 1 });
    await givePoints(platform, await demoCustomerId(1), 1);
    expect((await post(customer1, '/api/me/redemptions', { rewardId: used.id })).status).toBe(201);
    const refused = await marketing.agent
      .delete(`/api/rewards/${used.id}`)
      .set('X-CSRF-Token', marketing.csrf);
    expect(refused.status).toBe(409);
    expect(refused.body.error.id).toBe('reward_has_redemptions');
    expect(await Reward.findByPk(used.id)).not.toBeNull();
  });
});

describe('reward images', () => {
  const putImage = (who: SignedIn, id: number, bytes: Buffer, type = 'application/octet-stream') =>
    who.agent
      .put(`/api/rewards/${id}/image`)
      .set('X-CSRF-Token', who.csrf)
      .set('Content-Type', type)
      .send(bytes);

  it.each([
    [
      'JPEG',
      () =>
        sharp({ create: { width: 1200, height: 800, channels: 3, background: '#c0392b' } })
          .jpeg()
          .toBuffer(),
    ],
    [
      'PNG',
      () =>
        sharp({ create: { width: 640, height: 640, channels: 4, background: '#2980b9' } })
          .png()
          .toBuffer(),
    ],
    [
      'WebP',
      () =>
        sharp({ create: { width: 400, height: 300, channels: 3, background: '#27ae60' } })
          .webp()
          .toBuffer(),
    ],
  ])('keeps a %s upload with a 320 px wide thumbnail, told by its bytes', async (_type, make) => {
    const reward = await makeReward(platform);
    // The declared type is wrong on purpose: the bytes decide.
    const res = await putImage(marketing, reward.id, await make(), 'text/plain');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.imageUrl).toBe(`/api/rewards/${reward.id}/image?v=1`);
    expect(res.body.thumbnailUrl).toBe(`/api/rewards/${reward.id}/image/thumb?v=1`);
    const thumb = await customer1.agent.get(res.body.thumbnailUrl).buffer(true).parse(binary);
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect((await sharp(thumb.body as Buffer).metadata()).width).toBe(320);
    const image = await callcenter.agent.get(res.body.imageUrl).buffer(true).parse(binary);
    expect(image.status).toBe(200);
    expect((await sharp(image.body as Buffer).metadata()).format).toBe('webp');
    expect((await request(platform.app).get(res.body.imageUrl)).status).toBe(401);
    const second = await putImage(marketing, reward.id, await make());
    expect(second.body.imageUrl).toBe(`/api/rewards/${reward.id}/image?v=2`);
  });

  it('refuses other bytes, damaged images and files over 5 MB, keeping the old image', async () => {
    const reward = await makeReward(platform);
    const cases: [Buffer, number, string][] = [
      [Buffer.from('GIF89a no es soportado'), 415, 'image_type_not_supported'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 415, 'image_type_not_supported'],
      [
        Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]),
        422,
        'image_unreadable',
      ],
      [Buffer.alloc(6 * 1024 * 1024, 0xff), 413, 'payload_too_large'],
    ];
    for (const [bytes, status, id] of cases) {
      const res = await putImage(marketing, reward.id, bytes, 'image/png');
      expect(res.status, id).toBe(status);
      expect(res.body.error.id).toBe(id);
    }
    expect((await Reward.findByPk(reward.id))?.imageVersion).toBe(0);
    expect((await callcenter.agent.get(`/api/rewards/${reward.id}/image`)).status).toBe(404);
  });
});

describe('the portal catalog', () => {
  it('starts with the demo catalog, so a first start has something to show', async () => {
    const res = await customer1.agent.get('/api/me/rewards');
    expect(res.body.items.map((item: { code: string }) => item.code)).toEqual(
      expect.arrayContaining(['CAFE-GRATIS', 'VALE-100', 'TABLETA-10']),
    );
    // Demo customer 1 is in Norte and not VIP: the Norte offer shows, the VIP one does not.
    expect(res.body.items.map((item: { code: string }) => item.code)).toContain('CENA-DOS');
    expect(res.body.items.map((item: { code: string }) => item.code)).not.toContain('BOCINA-VIP');
  });

  it('shows only what this customer may redeem now, affordable first, with the points missing', async () => {
    const customerId = await demoCustomerId(1);
    const customer = await Customer.findByPk(customerId);
    const otherType = await CustomerType.findOne({ where: { code: 'VIP' } });
    await platform.sequelize.query("UPDATE rewards SET status = 'retired'");
    const balance = Number(customer?.balance);
    const cheap = await makeReward(platform, { pointsCost: 1, category: 'vales' });
    const cheaper = await makeReward(platform, { pointsCost: 1 });
    const dear = await makeReward(platform, { pointsCost: balance + 500 });
    const mine = await makeReward(platform, {
      pointsCost: balance + 10,
      zoneIds: [customer?.zoneId ?? 0],
    });
    await makeReward(platform, { pointsCost: 1, zoneIds: [await zoneId('SUR')] });
    await makeReward(platform, { pointsCost: 1, customerTypeIds: [otherType?.id ?? 0] });
    await makeReward(platform, { pointsCost: 1, availableFrom: '2099-01-01' });
    const res = await customer1.agent.get('/api/me/rewards');
    expect(res.status).toBe(200);
    expect(res.body.balance).toBe(balance);
    expect(res.body.items.map((item: { id: number }) => item.id)).toEqual([
      cheap.id,
      cheaper.id,
      mine.id,
      dear.id,
    ]);
    expect(res.body.items[0]).toMatchObject({ affordable: true, missingPoints: 0 });
    expect(res.body.items[2]).toMatchObject({ affordable: false, missingPoints: 10 });
    const affordable = await customer1.agent.get('/api/me/rewards').query({ affordable: 'true' });
    expect(affordable.body.items).toHaveLength(2);
    const vales = await customer1.agent.get('/api/me/rewards').query({ category: 'vales' });
    expect(vales.body.items.map((item: { id: number }) => item.id)).toEqual([cheap.id]);
    const one = await customer1.agent.get(`/api/me/rewards/${dear.id}`);
    expect(one.body).toMatchObject({ id: dear.id, affordable: false, missingPoints: 500 });
    const hidden = await customer1.agent.get(`/api/me/rewards/${cheap.id + 4}`);
    expect(hidden.status).toBe(404);
  });
});
