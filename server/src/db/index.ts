import sqlite3 from 'sqlite3';
import mysql from 'mysql2/promise';
import { Sequelize, Transaction } from 'sequelize';
import type { DatabaseConfig } from '../config';
import { initModels } from './models';

/**
 * Sequelize opens one SQLite connection per transaction; each must wait for the file lock
 * instead of failing at once with SQLITE_BUSY, so every connection gets a busy timeout.
 */
class WaitingDatabase extends sqlite3.Database {
  constructor(filename: string, mode: number, callback?: (err: Error | null) => void) {
    super(filename, mode, (err) => {
      if (!err) {
        this.configure('busyTimeout', 15_000);
        this.run('PRAGMA synchronous = NORMAL');
      }
      callback?.(err);
    });
  }
}

/**
 * SQLite lets one transaction write at a time. A transaction waiting for that lock waits inside
 * SQLite's busy handler, which holds one of libuv's four worker threads; enough waiters starve
 * the transaction holding the lock. So this process queues its own (managed) transactions.
 */
function queueTransactions(sequelize: Sequelize): void {
  let tail: Promise<unknown> = Promise.resolve();
  const start = sequelize.transaction.bind(sequelize) as (...args: unknown[]) => Promise<unknown>;
  Object.assign(sequelize, {
    transaction: (...args: unknown[]) => {
      const run = tail.then(() => start(...args));
      tail = run.catch(() => undefined);
      return run;
    },
  });
}

/** The URL as the mysql2 driver takes it (`mariadb://` is accepted in DATABASE_URL). */
export const driverUrl = (url: string) => url.replace(/^mariadb:/, 'mysql:');

/** Creates the MySQL database named in the URL when it does not exist yet. */
export async function ensureMysqlDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) {
    throw new Error(`Nombre de base de datos inválido en DATABASE_URL: "${name}"`);
  }
  target.pathname = '/';
  const connection = await mysql.createConnection(driverUrl(target.toString()));
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
}

export async function connectDatabase(
  config: DatabaseConfig,
  options: { log?: boolean } = {},
): Promise<Sequelize> {
  const logging = options.log ? (sql: string) => console.log(sql) : false;
  let sequelize: Sequelize;
  if (config.dialect === 'mysql') {
    await ensureMysqlDatabase(config.url);
    sequelize = new Sequelize(driverUrl(config.url), {
      dialect: 'mysql',
      logging,
      timezone: '+00:00',
      pool: { max: 20, min: 0, idle: 10_000, acquire: 30_000 },
      dialectOptions: { charset: 'utf8mb4', dateStrings: false },
      define: { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    });
  } else {
    sequelize = new Sequelize({
      dialect: 'sqlite',
      storage: config.storage,
      dialectModule: { ...sqlite3, Database: WaitingDatabase },
      logging,
      transactionType: Transaction.TYPES.IMMEDIATE,
    });
    await sequelize.query('PRAGMA journal_mode = WAL');
    queueTransactions(sequelize);
  }
  await sequelize.authenticate();
  initModels(sequelize);
  return sequelize;
}
