import { loadConfig } from '../config';
import { connectDatabase } from '.';
import { migrateAndSeed } from './migrate';

/** `npm run migrate`: applies pending migrations and seeds, then exits. */
const config = loadConfig();
const sequelize = await connectDatabase(config.database, { log: config.sqlLog });
const { applied } = await migrateAndSeed(sequelize, config, console.log);
if (applied.length === 0) console.log('La base de datos ya está al día.');
await sequelize.close();
