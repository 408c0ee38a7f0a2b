import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import request from 'supertest';
import type { Sequelize } from 'sequelize';
import { createApp, createServices } from '@lealtad/server';
import { loadConfig, type Config, type DatabaseConfig } from '@lealtad/server/config';
import { connectDatabase } from '@lealtad/server/db/index';
import { migrateAndSeed } from '@lealtad/server/db/migrate';
import type { Services } from '@lealtad/server/http/services';

export type Dialect = 'mysql' | 'sqlite';

export const dialect: Dialect = process.env.TEST_DIALECT === 'sqlite' ? 'sqlite' : 'mysql';

const mysqlServer = () =>
  (process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/$/, '');

export interface Platform {
  app: ReturnType<typeof createApp>;
  services: Services;
  sequelize: Sequelize;
  config: Config;
  dataDir: string;
  password: string;
  close: () => Promise<void>;
}

/**
 * A database of its own for the suite's dialect (a new MySQL/MariaDB database or SQLite file,
 * created on first connection) and a data folder; `drop` removes both.
 */
export async function freshDatabase(): Promise<{
  database: DatabaseConfig;
  dataDir: string;
  drop: () => Promise<void>;
}> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lealtad-test-'));
  const dbName = `lealtad_test_${randomBytes(6).toString('hex')}`;
  return {
    database:
      dialect === 'mysql'
        ? { dialect: 'mysql', url: `${mysqlServer()}/${dbName}` }
        : { dialect: 'sqlite', storage: path.join(dataDir, 'test.sqlite') },
    dataDir,
    async drop() {
      if (dialect === 'mysql') {
        const connection = await mysql.createConnection(mysqlServer());
        await connection.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
        await connection.end();
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh platform for one test file: its own database (dropped in `close`), migrated and
 * seeded with a small demo set.
 */
export async function createPlatform(env: Record<string, string> = {}): Promise<Platform> {
  const { database, dataDir, drop } = await freshDatabase();
  const config: Config = {
    ...loadConfig({ DATA_DIR: dataDir, DEMO_CUSTOMERS: '8', ...env }),
    database,
  };
  const sequelize = await connectDatabase(database);
  await migrateAndSeed(sequelize, config);
  // Suites start from an empty card stock and make the cards they need; the demo's cards are
  // for people trying the platform.
  await sequelize.query('DELETE FROM cards');
  await sequelize.query('DELETE FROM card_batches');
  const services = createServices(config, sequelize);
  return {
    app: createApp(services),
    services,
    sequelize,
    config,
    dataDir,
    password: config.demoPassword,
    async close() {
      const broken = await ledgerInconsistencies(sequelize);
      await services.rules.close();
      await services.redis?.quit();
      await sequelize.close();
      await drop();
      if (broken.length > 0) {
        throw new Error(
          `Ledger inconsistent after the suite: ${JSON.stringify(broken.slice(0, 5))}`,
        );
      }
    },
  };
}

/**
 * Customers whose cached balance differs from the sum of their ledger or of their unspent
 * lots, or is negative. Every suite checks this when it closes its platform.
 */
export async function ledgerInconsistencies(sequelize: Sequelize) {
  const [rows] = await sequelize.query(
    `SELECT c.id, c.balance, COALESCE(l.total, 0) AS ledger, COALESCE(p.total, 0) AS lots
       FROM customers c
       LEFT JOIN (SELECT customer_id, SUM(points) AS total FROM ledger_entries GROUP BY customer_id) l
         ON l.customer_id = c.id
       LEFT JOIN (SELECT customer_id, SUM(remaining) AS total FROM point_lots GROUP BY customer_id) p
         ON p.customer_id = c.id
      WHERE c.balance <> COALESCE(l.total, 0) OR c.balance <> COALESCE(p.total, 0) OR c.balance < 0`,
  );
  return rows as { id: number; balance: number; ledger: number; lots: number }[];
}

export type Agent = ReturnType<typeof request.agent>;

export interface SignedIn {
  agent: Agent;
  csrf: string;
  userId: number;
}

/** Signs in through the API and returns a cookie-keeping agent plus the CSRF token for writes. */
export async function signIn(
  platform: Platform,
  email: string,
  password = platform.password,
): Promise<SignedIn> {
  const agent = request.agent(platform.app);
  const res = await agent.post('/api/auth/login').send({ email, password });
  if (res.status !== 200) {
    throw new Error(`Sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { agent, csrf: res.body.csrfToken as string, userId: res.body.user.id as number };
}

/** Counts the rows of a table, to show that a refused request wrote nothing. */
export async function countRows(platform: Platform, table: string): Promise<number> {
  const [rows] = await platform.sequelize.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number((rows as { n: number | string }[])[0]?.n);
}

export const demo = {
  superadmin: 'superadmin@demo.lealtad.mx',
  adminNorte: 'admin.norte@demo.lealtad.mx',
  adminSur: 'admin.sur@demo.lealtad.mx',
  callcenter: 'callcenter@demo.lealtad.mx',
  marketing: 'marketing@demo.lealtad.mx',
  customer: (n: number) => `cliente${n}@demo.lealtad.mx`,
} as const;
