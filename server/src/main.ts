import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoAccounts } from '@lealtad/migrations';
import { createApp, createServices } from './app';
import type { Config } from './config';
import { connectDatabase } from './db';
import { migrateAndSeed } from './db/migrate';
import { resumeStalledImports } from './commands/redemptionImports';
import { updateConsumptionLevels } from './jobs/consumptionLevels';
import { expirePoints } from './jobs/expirePoints';
import { purgeExpired } from './jobs/purgeExpired';
import { runTimeTriggers } from './jobs/ruleTriggers';
import { every } from './jobs/schedule';

export interface RunningServer {
  server: Server;
  url: string;
  close: () => Promise<void>;
}

function printSignIns(config: Config, url: string, log: (line: string) => void) {
  log(`Lealtad está en ${url}`);
  log(`  Estudio (personal): ${url}/studio`);
  log(`  Portal (clientes):  ${url}/portal`);
  log(`  API:                ${url}/api`);
  if (!config.seedDemo) return;
  log(`Cuentas de demostración, todas con la contraseña ${config.demoPassword}`);
  for (const account of demoAccounts) log(`  ${account.email.padEnd(34)} ${account.role}`);
  if (config.demoCustomers > 0) {
    log(
      `  cliente1@demo.lealtad.mx … cliente${config.demoCustomers}@demo.lealtad.mx   clientes (portal)`,
    );
  }
}

/** config → database → migrations → seeds → app → jobs → listen → socket.io. */
export async function startServer(
  config: Config,
  log: (line: string) => void = console.log,
): Promise<RunningServer> {
  const sequelize = await connectDatabase(config.database, { log: config.sqlLog });
  const { hasSuperadmin } = await migrateAndSeed(sequelize, config, log);
  if (!hasSuperadmin) {
    log(
      'Aviso: no hay ningún superadministrador. Define SUPERADMIN_EMAIL y SUPERADMIN_PASSWORD y reinicia.',
    );
  }
  const services = createServices(config, sequelize);
  await services.rules.start(log);
  const app = createApp(services);
  const stopJobs = [
    every('purgar sesiones', 3_600_000, () => purgeExpired(), log),
    every('vencer puntos', 24 * 3_600_000, () => expirePoints(sequelize), log),
    every('nivel de consumo', 24 * 3_600_000, () => updateConsumptionLevels(sequelize), log),
    // Hourly: the first run after local midnight awards the day; later runs find it done.
    every('premios por fecha', 3_600_000, () => runTimeTriggers(services), log),
    // Status spreadsheets whose apply stopped half-way (a restart) go on soon after a start.
    every('cargas de Excel', 60_000, () => resumeStalledImports(services), log, 5_000),
  ];
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, (err?: Error) =>
      err ? reject(err) : resolve(listening),
    );
  });
  services.realtime.attach(server);
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  printSignIns(config, url, log);
  return {
    server,
    url,
    close: async () => {
      for (const stop of stopJobs) stop();
      // Closing socket.io closes its HTTP server too. Requests in flight get a moment to
      // finish; connections still open after it (a browser's kept-alive ones) are cut.
      const cut = setTimeout(() => server.closeAllConnections(), 2_000);
      await services.realtime.close();
      clearTimeout(cut);
      await services.rules.close();
      await services.redis?.quit();
      await sequelize.close();
    },
  };
}
