import { Redis } from 'ioredis';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from './config';
import { AppError, notFound } from './errors';
import { errorHandler } from './http/errorHandler';
import { createMemoryRateLimiter, createRedisRateLimiter } from './http/rateLimit';
import { toExpress } from './http/route';
import type { Services } from './http/services';
import { createApiKeyAuthenticator } from './integrations/apiKeys';
import { IngestQueue } from './ledger/ingestQueue';
import { createMailer } from './mail/mailer';
import { announcePurchases, createRealtime } from './realtime';
import { apiRoutes } from './routes';
import { RulesRuntime } from './rules/runtime';
import { authenticate } from './security/sessions';
import { isUiBuilt, uiApps, uiDistDir } from './ui/apps';

/**
 * Only our own scripts run and only our origin is reached (socket.io included). Styles may be
 * inline: editors such as Blockly inject their own style elements.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(_req: Request, res: Response, next: NextFunction) {
  res.set({
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
  });
  next();
}

/** Writes must say they carry JSON (files uploaded raw aside); anything else is refused. */
function requireJson(req: Request, _res: Response, next: NextFunction) {
  if (Buffer.isBuffer(req.body)) return next();
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding');
  if (hasBody && req.method !== 'GET' && !req.is('application/json')) {
    return next(
      new AppError(415, 'unsupported_media_type', 'Envía los datos como application/json.'),
    );
  }
  next();
}

export function createServices(config: Config, sequelize: Sequelize): Services {
  const realtime = createRealtime();
  // A request fails soon when Redis is down rather than waiting for it to come back.
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2 }) : null;
  const rules = new RulesRuntime(sequelize, redis);
  return {
    config,
    sequelize,
    redis,
    mailer: createMailer(config),
    rateLimiter: redis ? createRedisRateLimiter(redis) : createMemoryRateLimiter(),
    apiKeys: createApiKeyAuthenticator(),
    ingest: new IngestQueue(sequelize, rules, (lines) =>
      announcePurchases(realtime, sequelize, lines),
    ),
    realtime,
    rules,
  };
}

/** Builds the Express app (no listen), so tests can mount it with supertest. */
export function createApp(services: Services): express.Express {
  const app = express();
  app.set('trust proxy', services.config.trustProxy);
  app.disable('x-powered-by');
  app.use(securityHeaders);

  // Only these bodies may be large: a batch of up to 1,000 purchases…
  app.use('/api/v1/transactions/batch', requireJson, express.json({ limit: '2mb' }));
  // A stock import carries up to 10,000 card numbers read from a file.
  app.use('/api/cards/stock', requireJson, express.json({ limit: '1mb' }));
  // Files sent as they are (any Content-Type: their type is told by their bytes): a reward's
  // image, and a spreadsheet of redemption statuses.
  const rawFile = (limit: string) => express.raw({ type: () => true, limit });
  app.put('/api/rewards/:id/image', rawFile('5mb'));
  app.post('/api/redemption-imports', rawFile('20mb'));
  app.use(
    '/api',
    requireJson,
    express.json({ limit: '100kb' }),
    cookieParser(),
    authenticate(services.config),
    services.apiKeys.middleware,
  );
  for (const route of apiRoutes) app[route.method](route.path, toExpress(route, services));
  app.use('/api', (_req, _res, next) => next(notFound('Esta ruta de la API no existe.')));

  for (const name of uiApps) {
    const dir = uiDistDir(name);
    app.use(`/${name}`, express.static(dir, { index: false, maxAge: '1h' }));
    app.get(`/${name}{/*splat}`, (_req, res) => {
      if (!isUiBuilt(name)) {
        res
          .status(503)
          .type('text/plain')
          .send(`La interfaz "${name}" no está construida: ejecuta npm run build.`);
        return;
      }
      res.sendFile('index.html', { root: dir, headers: { 'Cache-Control': 'no-cache' } });
    });
  }
  app.get('/', (_req, res) => res.redirect('/portal/'));

  app.use(errorHandler);
  return app;
}
