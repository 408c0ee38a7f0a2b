import {
  migrations,
  seedDemo,
  seedRequired,
  type MigrationContext,
  type SeedContext,
} from '@lealtad/migrations';
import type { Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { Config } from '../config';
import { rangeNumbers } from '../cards/numbers';
import { indexCustomerNames } from '../customers/searchIndex';
import { postPurchases } from '../ledger/purchases';
import { hashPassword } from '../security/password';

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
        purchases,
        purchases.map(() => null),
      );
    },
  };
  const hasSuperadmin = await seedRequired(context, config.bootstrapSuperadmin);
  if (config.seedDemo) {
    await seedDemo(context, { password: config.demoPassword, customerCount: config.demoCustomers });
  }
  return { hasSuperadmin: hasSuperadmin || config.seedDemo };
}
