import { QueryTypes, type Transaction } from 'sequelize';
import type { SeedContext } from '../types';
import { firstNames, lastNames } from './names';

const zones = [
  { code: 'NORTE', name: 'Norte' },
  { code: 'CENTRO', name: 'Centro' },
  { code: 'SUR', name: 'Sur' },
  { code: 'OCCIDENTE', name: 'Occidente' },
] as const;

const domain = 'demo.lealtad.mx';

const customerTypes = [
  { code: 'FRECUENTE', name: 'Frecuente' },
  { code: 'VIP', name: 'VIP' },
  { code: 'EMPRESARIAL', name: 'Empresarial' },
] as const;

/** A state and city per zone, so reports by place have something to show. */
const places: Record<string, [string, string][]> = {
  NORTE: [
    ['Nuevo León', 'Monterrey'],
    ['Chihuahua', 'Ciudad Juárez'],
    ['Sonora', 'Hermosillo'],
  ],
  CENTRO: [
    ['Ciudad de México', 'Ciudad de México'],
    ['Puebla', 'Puebla'],
    ['Querétaro', 'Querétaro'],
  ],
  SUR: [
    ['Yucatán', 'Mérida'],
    ['Oaxaca', 'Oaxaca'],
    ['Chiapas', 'Tuxtla Gutiérrez'],
  ],
  OCCIDENTE: [
    ['Jalisco', 'Guadalajara'],
    ['Michoacán', 'Morelia'],
    ['Colima', 'Colima'],
  ],
};

const categories = ['abarrotes', 'electrónica', 'ropa', 'farmacia', 'hogar'];

/** The demo catalog: every delivery mode, limited and unlimited stock, one offer per audience. */
const demoRewards: {
  code: string;
  name: string;
  description: string;
  pointsCost: number;
  stock: number | null;
  category: string;
  deliveryMode: 'shipping' | 'pickup' | 'digital';
  onlyNorte?: boolean;
  onlyVip?: boolean;
}[] = [
  {
    code: 'CAFE-GRATIS',
    name: 'Café americano',
    description: 'Un café americano grande en cualquier tienda.',
    pointsCost: 60,
    stock: null,
    category: 'alimentos',
    deliveryMode: 'digital',
  },
  {
    code: 'VALE-100',
    name: 'Vale de $100',
    description: 'Vale de compra por $100 MXN; se envía por correo como código.',
    pointsCost: 150,
    stock: null,
    category: 'vales',
    deliveryMode: 'digital',
  },
  {
    code: 'TERMO-ACERO',
    name: 'Termo de acero',
    description: 'Termo de acero inoxidable de 500 ml. Recógelo en tu tienda.',
    pointsCost: 350,
    stock: 120,
    category: 'hogar',
    deliveryMode: 'pickup',
  },
  {
    code: 'VALE-500',
    name: 'Vale de $500',
    description: 'Vale de compra por $500 MXN.',
    pointsCost: 700,
    stock: null,
    category: 'vales',
    deliveryMode: 'digital',
  },
  {
    code: 'AUDIFONOS-BT',
    name: 'Audífonos inalámbricos',
    description: 'Audífonos Bluetooth con estuche de carga. Envío a domicilio.',
    pointsCost: 1_500,
    stock: 40,
    category: 'electrónica',
    deliveryMode: 'shipping',
  },
  {
    code: 'CENA-DOS',
    name: 'Cena para dos',
    description: 'Cena para dos personas en restaurantes participantes de Monterrey.',
    pointsCost: 2_200,
    stock: 15,
    category: 'experiencias',
    deliveryMode: 'digital',
    onlyNorte: true,
  },
  {
    code: 'BOCINA-VIP',
    name: 'Bocina inteligente',
    description: 'Exclusiva para clientes VIP. Envío a domicilio.',
    pointsCost: 3_000,
    stock: 10,
    category: 'electrónica',
    deliveryMode: 'shipping',
    onlyVip: true,
  },
  {
    code: 'TABLETA-10',
    name: 'Tableta de 10"',
    description: 'Tableta de 10 pulgadas y 64 GB. Envío a domicilio.',
    pointsCost: 6_000,
    stock: 5,
    category: 'electrónica',
    deliveryMode: 'shipping',
  },
];

export const demoExternalId = (n: number) => `DEMO-${String(n).padStart(6, '0')}`;

/** The demo staff sign-ins, in the order they are printed at start. */
export const demoAccounts: readonly { email: string; name: string; role: string; zone?: string }[] =
  [
    { email: `superadmin@${domain}`, name: 'Sara Superadmin', role: 'superadmin' },
    ...zones.map((zone) => ({
      email: `admin.${zone.code.toLowerCase()}@${domain}`,
      name: `Admin ${zone.name}`,
      role: 'admin',
      zone: zone.code,
    })),
    { email: `callcenter@${domain}`, name: 'Carlos Call Center', role: 'callcenter' },
    { email: `marketing@${domain}`, name: 'Mariana Marketing', role: 'marketing' },
  ];

export const demoCustomerEmail = (n: number) => `cliente${n}@${domain}`;

const customersFor = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

const chunk = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, i * size + size),
  );

/**
 * The demo data set: zones, one account per staff role (an admin per zone) and `customerCount`
 * customers with portal accounts. Runs once: a database that has the demo superadmin is left alone.
 * All demo accounts share one password, hashed once.
 */
export async function seedDemo(
  { sequelize, hashPassword, recordPurchases, indexCustomers, cardNumbers, log }: SeedContext,
  options: { password: string; customerCount: number },
): Promise<boolean> {
  const [marker] = await sequelize.query<{ id: number }>('SELECT id FROM users WHERE email = ?', {
    replacements: [demoAccounts[0]?.email],
    type: QueryTypes.SELECT,
  });
  if (marker) return false;

  const qi = sequelize.getQueryInterface();
  const now = new Date();
  const passwordHash = await hashPassword(options.password);

  await sequelize.transaction(async (transaction) => {
    const known = await sequelize.query<{ code: string }>('SELECT code FROM zones', {
      type: QueryTypes.SELECT,
      transaction,
    });
    const missing = zones.filter((zone) => !known.some((row) => row.code === zone.code));
    if (missing.length > 0) {
      await qi.bulkInsert(
        'zones',
        missing.map((zone) => ({ ...zone, created_at: now, updated_at: now })),
        { transaction },
      );
    }
    const zoneRows = await sequelize.query<{ id: number; code: string }>(
      'SELECT id, code FROM zones',
      {
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    const zoneId = (code: string) => zoneRows.find((row) => row.code === code)?.id ?? null;
    await qi.bulkInsert(
      'customer_types',
      customerTypes.map((type) => ({ ...type, created_at: now, updated_at: now })),
      { transaction },
    );
    const typeRows = await sequelize.query<{ id: number; code: string }>(
      'SELECT id, code FROM customer_types',
      {
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    // Most customers are general; every fifth frequent, every 25th VIP, every 40th a company.
    const typeOf = (n: number) =>
      typeRows.find(
        (row) =>
          row.code ===
          (n % 40 === 0
            ? 'EMPRESARIAL'
            : n % 25 === 0
              ? 'VIP'
              : n % 5 === 0
                ? 'FRECUENTE'
                : 'GENERAL'),
      )?.id ?? null;

    const account = (email: string, name: string, role: string, zone: number | null) => ({
      email,
      password_hash: passwordHash,
      name,
      role,
      zone_id: zone,
      locale: 'es',
      status: 'active',
      failed_logins: 0,
      created_at: now,
      updated_at: now,
    });
    await qi.bulkInsert(
      'users',
      demoAccounts.map((a) => account(a.email, a.name, a.role, a.zone ? zoneId(a.zone) : null)),
      { transaction },
    );

    const customers = Array.from({ length: options.customerCount }, (_, i) => {
      const n = i + 1;
      const first = firstNames[(i * 7) % firstNames.length] ?? 'Cliente';
      const last = `${lastNames[(i * 5) % lastNames.length]} ${lastNames[(i * 11 + 3) % lastNames.length]}`;
      const zone = zones[i % zones.length]?.code ?? 'NORTE';
      return { n, first, last, zone };
    });
    for (const part of chunk(customers, 500)) {
      await qi.bulkInsert(
        'users',
        part.map((c) =>
          account(demoCustomerEmail(c.n), `${c.first} ${c.last}`, 'customer', zoneId(c.zone)),
        ),
        { transaction },
      );
      const ids = await sequelize.query<{ id: number; email: string }>(
        'SELECT id, email FROM users WHERE email IN (?)',
        {
          replacements: [part.map((c) => demoCustomerEmail(c.n))],
          type: QueryTypes.SELECT,
          transaction,
        },
      );
      const idByEmail = new Map(ids.map((row) => [row.email, row.id]));
      await qi.bulkInsert(
        'customers',
        part.map((c) => {
          const [state, city] = places[c.zone]?.[c.n % 3] ?? ['', ''];
          return {
            user_id: idByEmail.get(demoCustomerEmail(c.n)),
            first_name: c.first,
            last_name: c.last,
            email: demoCustomerEmail(c.n),
            zone_id: zoneId(c.zone),
            phone: `55${String(10_000_000 + c.n * 7919).slice(0, 8)}`,
            birth_date: `${1960 + (c.n % 45)}-${String((c.n % 12) + 1).padStart(2, '0')}-${String((c.n % 28) + 1).padStart(2, '0')}`,
            customer_type_id: typeOf(c.n),
            state,
            city,
            postal_code: String(10_000 + ((c.n * 37) % 89_999)),
            status: 'active',
            external_id: demoExternalId(c.n),
            signup_channel: c.n % 3 === 0 ? 'portal' : 'partner',
            balance: 0,
            created_at: now,
            updated_at: now,
          };
        }),
        { transaction },
      );
    }
    const customerIds = await sequelize.query<{ id: number }>('SELECT id FROM customers', {
      type: QueryTypes.SELECT,
      transaction,
    });
    await indexCustomers(
      customerIds.map((row) => Number(row.id)),
      transaction,
    );
    await seedCards(options.customerCount, transaction);
    await seedRewards(transaction, {
      norte: zoneId('NORTE'),
      vip: typeRows.find((row) => row.code === 'VIP')?.id ?? null,
    });
  });
  /**
   * Card stock for every customer plus fifty spare, demo prefix 6011. Nine in ten customers
   * carry their card active; the rest have none yet, to try activation with the spares.
   */
  async function seedCards(customerCount: number, transaction: Transaction) {
    const numbers = cardNumbers('6011', 1, customerCount + 50);
    await qi.bulkInsert(
      'card_batches',
      [
        {
          name: 'Demostración',
          source: 'range',
          card_count: numbers.length,
          created_by: null,
          created_at: now,
        },
      ],
      { transaction },
    );
    const [batch] = await sequelize.query<{ id: number }>(
      'SELECT MAX(id) AS id FROM card_batches',
      {
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    const customerIdByEmail = new Map(
      (
        await sequelize.query<{ id: number; email: string }>('SELECT id, email FROM customers', {
          type: QueryTypes.SELECT,
          transaction,
        })
      ).map((row) => [row.email, Number(row.id)]),
    );
    const rows = numbers.map((number, i) => {
      const n = i + 1;
      const customerId =
        n <= customerCount && n % 10 !== 0
          ? customerIdByEmail.get(demoCustomerEmail(n))
          : undefined;
      return {
        number,
        status: customerId ? 'active' : 'available',
        batch_id: batch?.id ?? null,
        customer_id: customerId ?? null,
        assigned_at: customerId ? now : null,
        activated_at: customerId ? now : null,
        created_at: now,
        updated_at: now,
      };
    });
    for (const part of chunk(rows, 500)) await qi.bulkInsert('cards', part, { transaction });
  }

  /**
   * A small catalog, priced around the demo balances (tens to a couple of thousand points) so the
   * portal shows both what a customer can take now and what it still lacks.
   */
  async function seedRewards(
    transaction: Transaction,
    ids: { norte: number | null; vip: number | null },
  ) {
    await qi.bulkInsert(
      'rewards',
      demoRewards.map((reward) => ({
        code: reward.code,
        name: reward.name,
        description: reward.description,
        points_cost: reward.pointsCost,
        stock: reward.stock,
        category: reward.category,
        available_from: null,
        available_to: null,
        zone_ids: JSON.stringify(reward.onlyNorte && ids.norte ? [ids.norte] : []),
        customer_type_ids: JSON.stringify(reward.onlyVip && ids.vip ? [ids.vip] : []),
        delivery_mode: reward.deliveryMode,
        status: 'active',
        redeemed_count: 0,
        image_version: 0,
        created_by: null,
        created_at: now,
        updated_at: now,
      })),
      { transaction },
    );
  }

  // Some history: up to six purchases per customer over the last half year, through the ledger.
  const day = 86_400_000;
  const purchases = customersFor(options.customerCount).flatMap((n) =>
    Array.from({ length: n % 7 }, (_, k) => ({
      id: `DEMO-T${n}-${k}`,
      customerExternalId: demoExternalId(n),
      amount: 5_000 + ((n * 131 + k * 977) % 300_000),
      currency: 'MXN',
      occurredAt: new Date(now.getTime() - ((n * 13 + k * 29) % 180) * day - k * 3_600_000),
      storeId: `T${(n + k) % 12}`,
      category: categories[(n + k) % categories.length] ?? 'abarrotes',
    })),
  );
  await recordPurchases(purchases);
  log(
    `Datos de demostración creados: ${zones.length} zonas, ${demoAccounts.length} cuentas de personal, ${options.customerCount} clientes, ${purchases.length} compras.`,
  );
  return true;
}
