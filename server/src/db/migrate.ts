import {
  migrations,
  seedDemo,
  seedRequired,
  type MigrationContext,
  type SeedContext,
} from '@lealtad/migrations';
import mysql from 'mysql2/promise';
import type { Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { Config, DatabaseConfig } from '../config';
import { rangeNumbers } from '../cards/numbers';
import { indexCustomerNames } from '../customers/searchIndex';
import { seedRules } from '../commands/rules';
import { postPurchases } from '../ledger/purchases';
import { RulesRuntime } from '../rules/runtime';
import { hashPassword } from '../security/password';
import { driverUrl } from '.';

/** Applies every pending migration, in order, recording them in `schema_migrations`. */
export async function runMigrations(sequelize: Sequelize, log: (line: string) => void = () => {}) {
  const umzug = new Umzug<MigrationContext>({
    migrations: migrations.map((migration) => ({
      name: migration.name,
      up: ({ context }) => migration.up(context),
      down: ({ context }) => migration.down(context),
    })),
    context: { queryInterface: sequelize.getQueryInterface(), sequelize },
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  });
  const applied = await umzug.up();
  for (const migration of applied) log(`Migración aplicada: ${migration.name}`);
  return applied.map((migration) => migration.name);
}

/** Seeds what production needs, then the demo data set unless SEED_DEMO=false (which has a superadmin). */
export async function runSeeds(
  sequelize: Sequelize,
  config: Config,
  log: (line: string) => void = () => {},
): Promise<{ hasSuperadmin: boolean }> {
  await seedRules(sequelize, log);
  const rules = new RulesRuntime(sequelize, null);
  const context: SeedContext = {
    sequelize,
    hashPassword,
    log,
    cardNumbers: rangeNumbers,
    indexCustomers: (customerIds, transaction) =>
      indexCustomerNames(sequelize, customerIds, transaction),
    recordPurchases: async (purchases) => {
      await postPurchases(
        sequelize,
        rules,
        purchases,
        purchases.map(() => null),
      );
    },
  };
  const hasSuperadmin = await seedRequired(context, config.bootstrapSuperadmin);
  if (config.seedDemo) {
    await seedDemo(context, { password: config.demoPassword, customerCount: config.demoCustomers });
  }
  await rules.close();
  return { hasSuperadmin: hasSuperadmin || config.seedDemo };
}

/**
 * Migrations, then seeds, by one process at a time: processes starting together on one MySQL
 * database take turns through a named lock, so the first migrates and the others find it done.
 * (A SQLite file belongs to one process.)
 */
export async function migrateAndSeed(
  sequelize: Sequelize,
  config: Config,
  log: (line: string) => void = () => {},
): Promise<{ applied: string[]; hasSuperadmin: boolean }> {
  return inTurn(config.database, async () => {
    const applied = await runMigrations(sequelize, log);
    const { hasSuperadmin } = await runSeeds(sequelize, config, log);
    return { applied, hasSuperadmin };
  });
}

async function inTurn<T>(database: DatabaseConfig, work: () => Promise<T>): Promise<T> {
  if (database.dialect !== 'mysql') return work();
  const connection = await mysql.createConnection(driverUrl(database.url));
  try {
    const lockName = `lealtad-migrate:${new URL(database.url).pathname.slice(1)}`.slice(0, 64);
    const [rows] = await connection.query<mysql.RowDataPacket[]>(
      'SELECT GET_LOCK(?, 600) AS granted',
      [lockName],
    );
    if (Number(rows[0]?.granted) !== 1) {
      throw new Error(
        'Otro proceso lleva 10 minutos migrando la base de datos; reintenta después.',
      );
    }
    return await work();
  } finally {
    // Ending the session releases the lock.
    await connection.end();
  }
}
