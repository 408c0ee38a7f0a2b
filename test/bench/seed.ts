import mysql from 'mysql2/promise';
import { firstNames, lastNames } from '@lealtad/migrations';
import { loadConfig } from '@lealtad/server/config';
import { connectDatabase } from '@lealtad/server/db/index';
import { runMigrations, runSeeds } from '@lealtad/server/db/migrate';
import { nameTokens, searchName, wordPairs } from '@lealtad/server/customers/searchIndex';

/** A deterministic spread, so every run seeds the same data. */
const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;

export interface BenchData {
  customers: number;
  ledgerLines: number;
}

export const benchCustomer = (n: number) => ({
  externalId: `B${n}`,
  firstName: pick(firstNames, n * 7),
  lastName: `${pick(lastNames, n * 13)} ${pick(lastNames, Math.floor(n / 3) * 17 + 5)}`,
  email: `c${n}@bench.lealtad.mx`,
  phone: `55${String(10_000_000 + ((n * 7919) % 89_999_999))}`,
});

/**
 * Seeds the bench database (migrated, no demo) with `customers` customers, five purchases each
 * and their ledger lines and lots, with multi-row inserts. A database already holding that many
 * customers is left as it is, so later runs start at once.
 */
export async function seedBench(url: string, data: BenchData, log: (line: string) => void) {
  const config = {
    ...loadConfig({ SEED_DEMO: 'false' }),
    database: { dialect: 'mysql' as const, url },
  };
  const sequelize = await connectDatabase(config.database);
  await runMigrations(sequelize);
  await runSeeds(sequelize, config);
  await sequelize.close();

  const db = await mysql.createConnection({ uri: url, timezone: 'Z' });
  const [[count]] = (await db.query('SELECT COUNT(*) AS n FROM customers')) as unknown as [
    [{ n: number }],
  ];
  if (Number(count?.n) === data.customers) {
    log(`Datos ya sembrados: ${data.customers.toLocaleString('es-MX')} clientes.`);
    await db.end();
    return;
  }
  for (const table of [
    'customer_name_pairs',
    'customer_name_words',
    'point_lots',
    'ledger_entries',
    'partner_transactions',
    'customers',
  ]) {
    await db.query(`DELETE FROM ${table}`);
  }
  const [zones] = (await db.query('SELECT id FROM zones')) as unknown as [{ id: number }[]];
  if (zones.length === 0) {
    await db.query(
      "INSERT INTO zones (code, name, created_at, updated_at) VALUES ('NORTE','Norte',NOW(),NOW()),('CENTRO','Centro',NOW(),NOW()),('SUR','Sur',NOW(),NOW()),('OCCIDENTE','Occidente',NOW(),NOW())",
    );
  }
  const [zoneRows] = (await db.query('SELECT id FROM zones ORDER BY id')) as unknown as [
    { id: number }[],
  ];
  const perCustomer = Math.max(1, Math.round(data.ledgerLines / data.customers));
  const started = Date.now();
  const now = new Date();
  const chunk = 2_000;
  for (let start = 1; start <= data.customers; start += chunk) {
    const customers: unknown[][] = [];
    const tokens: unknown[][] = [];
    const pairs: unknown[][] = [];
    const transactions: unknown[][] = [];
    const lines: unknown[][] = [];
    const lots: unknown[][] = [];
    for (let n = start; n < Math.min(start + chunk, data.customers + 1); n += 1) {
      const c = benchCustomer(n);
      let balance = 0;
      for (let k = 0; k < perCustomer; k += 1) {
        const points = 5 + ((n * 31 + k * 17) % 300);
        balance += points;
        const txId = (n - 1) * perCustomer + k + 1;
        transactions.push([
          txId,
          `BT${txId}`,
          '0'.repeat(64),
          n,
          points * 1000,
          'MXN',
          now,
          'T1',
          'ropa',
          points,
          `[{"rule":"tasa-base","version":1,"points":${points}}]`,
          balance,
          now,
        ]);
        lines.push([n, 'earn', points, balance, txId, 'tasa-base', 1, now]);
      }
      lots.push([n, balance, balance, new Date(now.getTime() + 365 * 86_400_000), now]);
      customers.push([
        n,
        c.firstName,
        c.lastName,
        c.email,
        pick(zoneRows, n).id,
        c.phone,
        'active',
        c.externalId,
        'partner',
        balance,
        searchName(c.firstName, c.lastName),
        now,
        now,
      ]);
      const name = searchName(c.firstName, c.lastName);
      const words = nameTokens(c.firstName, c.lastName);
      for (const word of words) tokens.push([word, name, n]);
      for (const [word, other] of wordPairs(words)) pairs.push([word, other, name, n]);
    }
    await db.beginTransaction();
    await db.query(
      'INSERT INTO customers (id, first_name, last_name, email, zone_id, phone, status, external_id, signup_channel, balance, search_name, created_at, updated_at) VALUES ?',
      [customers],
    );
    await db.query('INSERT INTO customer_name_words (word, search_name, customer_id) VALUES ?', [
      tokens,
    ]);
    await db.query(
      'INSERT INTO customer_name_pairs (word, other, search_name, customer_id) VALUES ?',
      [pairs],
    );
    await db.query(
      'INSERT INTO partner_transactions (id, external_id, payload_hash, customer_id, amount_cents, currency, occurred_at, store_id, category, points_awarded, awards, balance_after, created_at) VALUES ?',
      [transactions],
    );
    await db.query(
      'INSERT INTO ledger_entries (customer_id, kind, points, balance_after, transaction_id, rule_key, rule_version, created_at) VALUES ?',
      [lines],
    );
    await db.query(
      'INSERT INTO point_lots (customer_id, points, remaining, expires_at, created_at) VALUES ?',
      [lots],
    );
    await db.commit();
    if ((start - 1) % 100_000 === 0) log(`  ${(start - 1).toLocaleString('es-MX')} clientes…`);
  }
  log(
    `Sembrados ${data.customers.toLocaleString('es-MX')} clientes y ${(data.customers * perCustomer).toLocaleString('es-MX')} movimientos en ${((Date.now() - started) / 1000).toFixed(0)} s.`,
  );
  await db.end();
}
