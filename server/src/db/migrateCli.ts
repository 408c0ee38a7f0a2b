import { loadConfig } from '../config';
import { connectDatabase } from '.';
import { runMigrations, runSeeds } from './migrate';

/** `npm run migrate`: applies pending migrations and seeds, then exits. */
const config = loadConfig();
const sequelize = await connectDatabase(config.database, { log: config.sqlLog });
const applied = await runMigrations(sequelize, console.log);
if (applied.length === 0) console.log('La base de datos ya está al día.');
await runSeeds(sequelize, config, console.log);
await sequelize.close();
