import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { Op, type Transaction } from 'sequelize';
import type { Config } from '../config';
import { Session, User } from '../db/models';
import { badRequest, forbidden } from '../errors';
import type { Actor } from '../policies/actor';
import { appOfRole, apps, type App } from '../policies/permissions';
import { hashToken, randomToken } from './tokens';

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor | null;
  }
}

/**
 * Each app has its own session cookie, so a person signed in to the studio and to the portal in
 * one browser keeps both. The web apps name theirs in the `X-Lealtad-App` header.
 */
export const sessionCookie = (app: App) => `lealtad_${app}`;

function sessionToken(req: Request): { app: App; token: string } | undefined {
  const named = req.get('x-lealtad-app');
  if (named !== undefined && !(apps as readonly string[]).includes(named)) {
    throw badRequest('invalid_app_header', 'X-Lealtad-App debe ser "studio" o "portal".');
  }
  for (const app of apps.filter((candidate) => named === undefined || named === candidate)) {
    const token: unknown = req.cookies?.[sessionCookie(app)];
    if (typeof token === 'string' && token.length > 0) return { app, token };
  }
  return undefined;
}

/** How stale `last_seen_at` may get before a request refreshes it (saves a write per request). */
const touchEveryMs = 5 * 60_000;

export async function createSession(
  user: User,
  req: Request,
  res: Response,
  config: Config,
  transaction?: Transaction,
): Promise<Session> {
  const token = randomToken();
  const now = new Date();
  const session = await Session.create(
    {
      id: hashToken(token),
      userId: user.id,
      csrfToken: randomToken(),
      ip: req.ip ?? null,
      userAgent: req.get('user-agent')?.slice(0, 255) ?? null,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + config.sessionTtlHours * 3_600_000),
    },
    { transaction },
  );
  res.cookie(sessionCookie(appOfRole(user.role)), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    path: '/',
    maxAge: config.sessionTtlHours * 3_600_000,
  });
  return session;
}

export function clearSessionCookie(res: Response, config: Config, app: App): void {
  res.clearCookie(sessionCookie(app), {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    path: '/',
  });
}

/** Ends every session of a user, except `keepSessionId` when given. */
export async function endSessions(
  userId: number,
  transaction: Transaction,
  keepSessionId?: string,
): Promise<number> {
  return Session.destroy({
    where: { userId, ...(keepSessionId ? { id: { [Op.ne]: keepSessionId } } : {}) },
    transaction,
  });
}

/** The actor behind a session token, or null when it is unknown, expired or its user disabled. */
export async function actorForToken(token: string): Promise<Actor | null> {
  const session = await Session.findByPk(hashToken(token), {
    include: [{ model: User, as: 'user' }],
  });
  const now = new Date();
  if (!session?.user || session.expiresAt <= now || session.user.status !== 'active') {
    if (session) await session.destroy();
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > touchEveryMs) {
    await Session.update({ lastSeenAt: now }, { where: { id: session.id } });
  }
  return {
    userId: session.user.id,
    role: session.user.role,
    zoneId: session.user.zoneId,
    session: { id: session.id, csrfToken: session.csrfToken },
  };
}

/** Authentication: turns the session cookie into `req.actor` (or null) for every request. */
export function authenticate(config: Config) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      req.actor = null;
      const presented = sessionToken(req);
      if (!presented) return next();
      req.actor = await actorForToken(presented.token);
      if (!req.actor) clearSessionCookie(res, config, presented.app);
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** CSRF: a cookie-authenticated write must echo the session's token in `X-CSRF-Token`. */
export function checkCsrf(session: { csrfToken: string }, header: string | undefined): void {
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(header ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw forbidden(
      'csrf_failed',
      'La solicitud no trae el token de seguridad de la sesión. Recarga la página e intenta de nuevo.',
    );
  }
}
