import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { SEED_RULES } from '@lealtad/rules-schema';
import {
  benchRules,
  benchRuleSet,
  installBenchRules,
  naiveEvaluationsPerSecond,
  releaseOwnRulesOnly,
  runtimeEvaluationsPerSecond,
} from './rules';
import { benchCustomer, seedBench } from './seed';

/**
 * `npm run bench`: seeds MariaDB/MySQL with a million customers and five million ledger lines,
 * then measures through real HTTP, each server in its own process: a trivial Express POST (the
 * ceiling), customer search, single purchases at 64 connections and batches of 1,000. Part two
 * puts 1,000 rules live: evaluations per second in process on one core against json-rules-engine
 * running all of them per purchase, then the same ingest with those rules live.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const server = (process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/$/, '');
const databaseUrl = process.env.BENCH_DATABASE_URL ?? `${server}/lealtad_bench`;
const customers = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const ledgerLines = Number(process.env.BENCH_LEDGER_LINES ?? 5_000_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
/** Which measures to run (comma-separated: search, single, batch, rules); all by default. */
const only = new Set((process.env.BENCH_ONLY ?? 'search,single,batch,rules').split(','));
/** Live rules in part two, the four seeded ones included. */
const liveRules = Number(process.env.BENCH_RULES ?? 1_000);
const skipped: Measure = { requestsPerSecond: 0, p50: 0, p99: 0, errors: 0 };
const log = (line: string) => console.log(line);
const tsx = path.join(root, 'node_modules/.bin/tsx');

function start(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /ready (\d+)|Lealtad está en http:\/\/localhost:(\d+)/.exec(output);
      if (ready) resolve({ child, port: Number(ready[1] ?? ready[2]) });
    });
    child.once('exit', (code) =>
      reject(new Error(`${command} ${args.join(' ')} terminó (${code}):\n${output}`)),
    );
  });
}

interface Measure {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(options: autocannon.Options): Promise<Measure> {
  const result = await autocannon({ duration: seconds, ...options });
  return {
    // Completed requests over the run: a per-second average rounds a few batches a second away.
    requestsPerSecond: Math.round((result.requests.total / result.duration) * 10) / 10,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

async function main() {
  log(`Base de datos: ${databaseUrl.replace(/\/\/[^@]*@/, '//…@')}`);
  await seedBench(databaseUrl, { customers, ledgerLines }, log);
  // A previous run's bench rules may still be live: part one runs with the seeded ones.
  await releaseOwnRulesOnly(databaseUrl);

  const ceilingServer = await start(tsx, ['test/bench/ceiling.ts'], {
    PORT: '0',
    NODE_ENV: 'production',
  });
  const sampleBody = JSON.stringify({
    id: 'X',
    customerExternalId: 'B1',
    amount: 12_345,
    currency: 'MXN',
    occurredAt: new Date().toISOString(),
    storeId: 'T1',
    category: 'ropa',
  });
  log('Techo: POST trivial de Express, 64 conexiones…');
  const ceiling = await measure({
    url: `http://127.0.0.1:${ceilingServer.port}/echo`,
    method: 'POST',
    connections: 64,
    headers: { 'content-type': 'application/json' },
    body: sampleBody,
  });
  ceilingServer.child.kill();

  const password = 'Bench-Clave-2026';
  const lealtad = await start(tsx, ['server/src/start.ts', '--no-ui-build'], {
    DATABASE_URL: databaseUrl,
    PORT: '0',
    NODE_ENV: 'production',
    COOKIE_SECURE: 'false',
    SEED_DEMO: 'false',
    SUPERADMIN_EMAIL: 'bench@lealtad.mx',
    SUPERADMIN_PASSWORD: password,
    AUTH_RATE_LIMIT: '1000',
  });
  const base = `http://127.0.0.1:${lealtad.port}`;
  try {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@lealtad.mx', password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const made = await fetch(`${base}/api/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({
        name: `Bench ${Date.now()}`,
        scopes: ['transactions.write', 'customers.read'],
      }),
    });
    const { key } = (await made.json()) as { key: string };

    const samples = Array.from({ length: 200 }, (_, i) =>
      benchCustomer(1 + ((i * 4_999) % customers)),
    );
    const queries = samples.flatMap((c, i) => [
      c.lastName.split(' ')[0] ?? '',
      `${c.firstName} ${c.lastName.split(' ')[1] ?? ''}`,
      i % 2 ? c.email : c.phone,
      c.externalId,
    ]);
    let q = 0;
    log('Búsqueda de clientes (nombre, correo, teléfono, id externo), 8 conexiones…');
    const search = !only.has('search')
      ? skipped
      : await measure({
          url: base,
          connections: 8,
          headers: { cookie, 'x-lealtad-app': 'studio' },
          requests: [
            {
              method: 'GET',
              setupRequest: (request) => ({
                ...request,
                path: `/api/customers?q=${encodeURIComponent(queries[q++ % queries.length] ?? '')}`,
              }),
            },
          ],
        });

    const runId = Date.now().toString(36);
    let serial = 0;
    const purchase = () => ({
      id: `${runId}-${(serial += 1)}`,
      customerExternalId: `B${1 + ((serial * 7_919) % customers)}`,
      amount: 10_000 + (serial % 90_000),
      currency: 'MXN',
      occurredAt: new Date().toISOString(),
      storeId: 'T1',
      category: 'ropa',
    });
    const partnerHeaders = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const ingestSingle = () =>
      measure({
        url: base,
        connections: 64,
        headers: partnerHeaders,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/transactions',
            setupRequest: (request) => ({ ...request, body: JSON.stringify(purchase()) }),
          },
        ],
      });
    const ingestBatch = () =>
      measure({
        url: base,
        connections: 4,
        headers: partnerHeaders,
        timeout: 60,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/transactions/batch',
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify({ transactions: Array.from({ length: 1000 }, purchase) }),
            }),
          },
        ],
      });
    log('Ingesta: POST /api/v1/transactions, 64 conexiones…');
    const single = only.has('single') ? await ingestSingle() : skipped;
    log('Ingesta por lotes: POST /api/v1/transactions/batch (1,000 por lote), 4 conexiones…');
    const batch = only.has('batch') ? await ingestBatch() : skipped;

    const partTwo = async () => {
      const extra = liveRules - SEED_RULES.length;
      log(
        `Parte dos: ${liveRules.toLocaleString('es-MX')} reglas vivas, evaluación en proceso (un núcleo)…`,
      );
      const inProcess = runtimeEvaluationsPerSecond(benchRuleSet(extra), seconds / 2);
      log('json-rules-engine con todas las reglas por compra (la forma ingenua)…');
      const naive = await naiveEvaluationsPerSecond(
        [...SEED_RULES, ...benchRules(extra)],
        seconds / 4,
      );
      const installed = await installBenchRules(databaseUrl, benchRules(extra));
      // The server notices a new release within five seconds by itself.
      await new Promise((resolve) => setTimeout(resolve, 7_000));
      log(`Ingesta con ${installed.toLocaleString('es-MX')} reglas vivas: compra individual…`);
      const ruledSingle = await ingestSingle();
      log(`Ingesta con ${installed.toLocaleString('es-MX')} reglas vivas: lotes de 1,000…`);
      const ruledBatch = await ingestBatch();
      return {
        live: installed,
        inProcessPerSecond: Math.round(inProcess),
        naivePerSecond: Math.round(naive * 10) / 10,
        speedup: Math.round(inProcess / naive),
        single: {
          ...ruledSingle,
          ofCeiling: Number((ruledSingle.requestsPerSecond / ceiling.requestsPerSecond).toFixed(2)),
        },
        batch: {
          ...ruledBatch,
          transactionsPerSecond: Math.round(ruledBatch.requestsPerSecond * 1000),
        },
      };
    };
    const rules = only.has('rules') ? await partTwo() : null;

    const results = {
      machine: `${(await import('node:os')).cpus().length} núcleos`,
      data: { customers, ledgerLines },
      seconds,
      ceiling,
      search,
      single: {
        ...single,
        ofCeiling: Number((single.requestsPerSecond / ceiling.requestsPerSecond).toFixed(2)),
      },
      batch: { ...batch, transactionsPerSecond: Math.round(batch.requestsPerSecond * 1000) },
      rules,
    };
    const row = (name: string, m: Measure, extra = '') =>
      `${name.padEnd(34)} ${String(m.requestsPerSecond).padStart(8)} req/s   p50 ${String(m.p50).padStart(4)} ms   p99 ${String(m.p99).padStart(4)} ms   errores ${m.errors}${extra}`;
    log('');
    log(row('Techo (Express trivial)', ceiling));
    log(row('Búsqueda de clientes', search));
    log(
      row(
        'Compra individual',
        single,
        `   ${Math.round(results.single.ofCeiling * 100)}% del techo`,
      ),
    );
    log(
      row(
        'Lote de 1,000 compras',
        batch,
        `   ${results.batch.transactionsPerSecond.toLocaleString('es-MX')} compras/s`,
      ),
    );
    if (rules) {
      log(
        `${'Evaluación en proceso'.padEnd(34)} ${String(rules.inProcessPerSecond).padStart(8)} compras/s con ${rules.live} reglas`,
      );
      log(
        `${'json-rules-engine ingenuo'.padEnd(34)} ${String(rules.naivePerSecond).padStart(8)} compras/s   (${rules.speedup}× más lento)`,
      );
      log(
        row(
          `Compra individual, ${rules.live} reglas`,
          rules.single,
          `   ${Math.round(rules.single.ofCeiling * 100)}% del techo`,
        ),
      );
      log(
        row(
          `Lote de 1,000, ${rules.live} reglas`,
          rules.batch,
          `   ${rules.batch.transactionsPerSecond.toLocaleString('es-MX')} compras/s`,
        ),
      );
    }
    mkdirSync(path.join(root, 'test-results'), { recursive: true });
    writeFileSync(
      path.join(root, 'test-results/bench.json'),
      `${JSON.stringify(results, null, 2)}\n`,
    );
  } finally {
    lealtad.child.kill();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
