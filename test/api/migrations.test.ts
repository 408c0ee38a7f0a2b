import { QueryTypes, type Sequelize } from 'sequelize';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '@lealtad/migrations';
import { loadConfig } from '@lealtad/server/config';
import { connectDatabase } from '@lealtad/server/db/index';
import { migrateAndSeed } from '@lealtad/server/db/migrate';
import { dialect, freshDatabase } from '../helpers/platform';

const count = async (sequelize: Sequelize, table: string) => {
  const [row] = await sequelize.query<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM ${table}`,
    { type: QueryTypes.SELECT },
  );
  return Number(row?.n);
};

describe('first start of several processes', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('migrates and seeds the database once', async () => {
    const { database, dataDir, drop } = await freshDatabase();
    cleanups.push(drop);
    const config = { ...loadConfig({ DATA_DIR: dataDir, DEMO_CUSTOMERS: '5' }), database };
    const processes = await Promise.all([1, 2, 3].map(() => connectDatabase(database)));
    cleanups.push(async () => {
      await Promise.all(processes.map((sequelize) => sequelize.close()));
    });
    // MySQL processes start at the same moment; a SQLite file belongs to one process, whose
    // restarts come one after another.
    const results =
      dialect === 'mysql'
        ? await Promise.all(processes.map((sequelize) => migrateAndSeed(sequelize, config)))
        : await processes.reduce<Promise<{ applied: string[] }[]>>(
            async (done, sequelize) => [...(await done), await migrateAndSeed(sequelize, config)],
            Promise.resolve([]),
          );
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, migrations.length]);
    const [first] = processes;
    if (!first) throw new Error('no process');
    expect(await count(first, 'schema_migrations')).toBe(migrations.length);
    expect(await count(first, 'customers')).toBe(5);
    expect(await count(first, 'customer_types')).toBeGreaterThan(0);
  });
});
