import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@lealtad/server/config';
import { startServer } from '@lealtad/server/main';
import { ensureUiBuilt } from '@lealtad/server/ui/build';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
    demoPassword: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Builds the UI when stale and runs the platform on a fresh SQLite database with demo data. */
export default async function setup(project: TestProject) {
  ensureUiBuilt();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lealtad-e2e-'));
  // A fixed free port, so the links in mails (PUBLIC_URL) point at this server.
  const port = await freePort();
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: String(port),
    DEMO_CUSTOMERS: '20',
    // Every browser test signs in from this one address; the limit itself is tested in the API suite.
    AUTH_RATE_LIMIT: '1000',
  });
  const running = await startServer(config, () => {});
  project.provide('baseUrl', running.url);
  project.provide('dataDir', dataDir);
  project.provide('demoPassword', config.demoPassword);
  return async () => {
    await running.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}
