import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { Op, type Transaction } from 'sequelize';
import type { Config } from '../config';
import { Session, User } from '../db/models';
import { forbidden } from '../errors';
import type { Actor } from '../policies/actor';
import { hashToken, randomToken } from './tokens';

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor | null;
  }
}

export const sessionCookie = 'lealtad_session';

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
  res.cookie(sessionCookie, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    path: '/',
    maxAge: config.sessionTtlHours * 3_600_000,
  });
  return session;
}

export function clearSessionCookie(res: Response, config: Config): void {
  res.clearCookie(sessionCookie, {
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

/** Authentication: turns the session cookie into `req.actor` (or null) for every request. */
export function authenticate(config: Config) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      req.actor = null;
      const token: unknown = req.cookies?.[sessionCookie];
      if (typeof token !== 'string' || token.length === 0) return next();
      const session = await Session.findByPk(hashToken(token), {
        include: [{ model: User, as: 'user' }],
      });
      const now = new Date();
      if (!session?.user || session.expiresAt <= now || session.user.status !== 'active') {
        if (session) await session.destroy();
        clearSessionCookie(res, config);
        return next();
      }
      if (now.getTime() - session.lastSeenAt.getTime() > touchEveryMs) {
        await Session.update({ lastSeenAt: now }, { where: { id: session.id } });
      }
      req.actor = {
        userId: session.user.id,
        role: session.user.role,
        zoneId: session.user.zoneId,
        session: { id: session.id, csrfToken: session.csrfToken },
      };
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
