import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import { demoExternalId } from '@lealtad/migrations';
import { createReward } from '@lealtad/server/commands/rewards';
import { Customer, User, type Reward } from '@lealtad/server/db/models/index';
import { adjustBalance } from '@lealtad/server/ledger/adjust';
import { actorOf, type Actor } from '@lealtad/server/policies/actor';
import { getSettings } from '@lealtad/server/settings';
import { demo, signIn, type Platform, type SignedIn } from './platform';

let serial = 0;

/** A new active reward for everyone (unlimited, 100 points, shipped) with `overrides` applied. */
export function makeReward(
  platform: Platform,
  overrides: Partial<Parameters<typeof createReward>[2]> = {},
): Promise<Reward> {
  serial += 1;
  return createReward(
    platform.services,
    { actor: actorOf({ id: 1, role: 'superadmin', zoneId: null }), ip: null },
    {
      code: `PREMIO-${serial}-${Date.now().toString(36).toUpperCase()}`,
      name: `Premio de prueba ${serial}`,
      description: 'Para las pruebas.',
      pointsCost: 100,
      stock: null,
      category: 'pruebas',
      availableFrom: null,
      availableTo: null,
      zoneIds: [],
      customerTypeIds: [],
      deliveryMode: 'shipping',
      ...overrides,
    },
  );
}

/** Credits a customer by hand through the ledger (a lot with the usual expiry). */
export async function givePoints(platform: Platform, customerId: number, points: number) {
  const settings = await getSettings(platform.sequelize);
  await platform.sequelize.transaction((transaction) =>
    adjustBalance(
      platform.sequelize,
      { customerId, points, note: 'Puntos para la prueba', actorUserId: 1 },
      settings,
      transaction,
    ),
  );
}

/** The id of demo customer `n` (1 and 5 are in Norte, 2 Centro, 3 Sur, 4 Occidente). */
export async function demoCustomerId(n: number): Promise<number> {
  const customer = await Customer.findOne({ where: { externalId: demoExternalId(n) } });
  if (!customer) throw new Error(`missing demo customer ${n}`);
  return Number(customer.id);
}

/** The current balance of a customer. */
export async function balanceOf(customerId: number): Promise<number> {
  return Number((await Customer.findByPk(customerId))?.balance);
}

/** The actor of an account, as commands called from tests take it. */
export async function actorFor(email: string): Promise<Actor> {
  const user = await User.findOne({ where: { email } });
  if (!user) throw new Error(`missing account ${email}`);
  return actorOf({ id: user.id, role: user.role, zoneId: user.zoneId });
}

/** Requests with the session's CSRF token. */
export const post = (who: SignedIn, path: string, body: object = {}) =>
  who.agent.post(path).set('X-CSRF-Token', who.csrf).send(body);
export const patch = (who: SignedIn, path: string, body: object) =>
  who.agent.patch(path).set('X-CSRF-Token', who.csrf).send(body);

let customerSerial = 0;

/**
 * A new portal customer in Norte (demo customer 1's zone and password) holding `points`,
 * signed in.
 */
export async function portalCustomer(
  platform: Platform,
  points: number,
): Promise<{ id: number; session: SignedIn }> {
  customerSerial += 1;
  const model = await User.findOne({ where: { email: demo.customer(1) } });
  if (!model) throw new Error('missing demo customer 1');
  const email = `cliente.prueba${customerSerial}@example.com`;
  const user = await User.create({
    email,
    passwordHash: model.passwordHash,
    name: `Cliente Prueba ${customerSerial}`,
    role: 'customer',
    zoneId: model.zoneId,
    lockedUntil: null,
    lastLoginAt: null,
  });
  const customer = await Customer.create({
    userId: user.id,
    firstName: 'Cliente',
    lastName: `Prueba ${customerSerial}`,
    email,
    zoneId: model.zoneId ?? 0,
    phone: null,
    birthDate: null,
    customerTypeId: null,
    state: null,
    city: null,
    postalCode: null,
    address: null,
    consumptionLevel: null,
    externalId: null,
  });
  if (points > 0) await givePoints(platform, Number(customer.id), points);
  return { id: Number(customer.id), session: await signIn(platform, email) };
}

/** A supertest parser that keeps a binary answer (a workbook, an image) as a Buffer. */
export function binary(res: Response, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** The first sheet of an .xlsx as rows of cell text (columns from A). */
export async function workbookRows(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]?.eachRow((row) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows.push(
      Array.from(values, (value) => (value === null || value === undefined ? '' : String(value))),
    );
  });
  return rows;
}
