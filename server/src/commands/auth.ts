import type { Request, Response } from 'express';
import { Op, type Transaction } from 'sequelize';
import { PasswordToken, User, Zone } from '../db/models';
import { AppError, badRequest, forbidden, tooManyRequests } from '../errors';
import type { Services } from '../http/services';
import { actorOf, type Actor } from '../policies/actor';
import { appOfRole, isStaffRole, type App } from '../policies/permissions';
import { passwordLinkMail } from '../mail/templates';
import { hashPassword, verifyPassword } from '../security/password';
import { createSession, endSessions } from '../security/sessions';
import { hashToken, randomToken } from '../security/tokens';
import { recordAudit } from './audit';

const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', 'Correo o contraseña incorrectos.');

const lockedOut = (until: Date) => {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return tooManyRequests(
    'account_locked',
    `Demasiados intentos fallidos. Intenta de nuevo en ${minutes} minuto${minutes === 1 ? '' : 's'}.`,
    (until.getTime() - Date.now()) / 1000,
  );
};

/** Counts a failed password and locks the account once the failures reach the limit. */
async function recordFailure(services: Services, user: User): Promise<void> {
  const { loginMaxFailures, lockoutMinutes } = services.config.security;
  await User.increment('failedLogins', { by: 1, where: { id: user.id } });
  await User.update(
    { lockedUntil: new Date(Date.now() + lockoutMinutes * 60_000), failedLogins: 0 },
    { where: { id: user.id, failedLogins: { [Op.gte]: loginMaxFailures } } },
  );
}

export async function signIn(
  services: Services,
  req: Request,
  res: Response,
  input: { email: string; password: string; app?: App },
): Promise<{ user: User; csrfToken: string }> {
  const user = await User.findOne({
    where: { email: input.email },
    include: [{ model: Zone, as: 'zone' }],
  });
  if (user?.lockedUntil && user.lockedUntil > new Date()) throw lockedOut(user.lockedUntil);
  const valid = await verifyPassword(input.password, user?.passwordHash ?? null);
  if (!user || !valid) {
    if (user) await recordFailure(services, user);
    throw invalidCredentials();
  }
  if (user.status !== 'active') {
    throw forbidden(
      'account_disabled',
      'Esta cuenta está deshabilitada. Consulta a tu administrador.',
    );
  }
  if (input.app && input.app !== appOfRole(user.role)) {
    throw forbidden(
      'wrong_app',
      appOfRole(user.role) === 'portal'
        ? 'Esta es una cuenta de cliente: entra desde el portal.'
        : 'Esta es una cuenta del personal: entra desde el estudio.',
    );
  }
  const session = await services.sequelize.transaction(async (transaction) => {
    await user.update(
      { failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() },
      { transaction },
    );
    const created = await createSession(user, req, res, services.config, transaction);
    if (isStaffRole(user.role)) {
      await recordAudit(
        transaction,
        { actor: actorOf(user), ip: req.ip ?? null },
        { action: 'auth.login', targetType: 'user', targetId: user.id, zoneId: user.zoneId },
      );
    }
    return created;
  });
  return { user, csrfToken: session.csrfToken };
}

const tokenLifetimeMs = { reset: 3_600_000, invite: 72 * 3_600_000 } as const;

/** Creates a single-use password link for the user and returns the URL to mail. */
export async function issuePasswordLink(
  services: Services,
  user: User,
  purpose: 'reset' | 'invite',
  transaction: Transaction,
): Promise<string> {
  const token = randomToken();
  await PasswordToken.create(
    {
      userId: user.id,
      purpose,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + tokenLifetimeMs[purpose]),
      usedAt: null,
    },
    { transaction },
  );
  return `${services.config.publicUrl}/${appOfRole(user.role)}/reset?token=${encodeURIComponent(token)}`;
}

/**
 * Answers the same whether or not the address exists; the mail goes out after the answer,
 * so the response time does not tell either.
 */
export async function requestPasswordReset(
  services: Services,
  input: { email: string },
): Promise<void> {
  await services.rateLimiter.hit(`forgot:${input.email}`, 5, 60 * 60_000);
  const user = await User.findOne({ where: { email: input.email, status: 'active' } });
  if (!user) return;
  const link = await services.sequelize.transaction((transaction) =>
    issuePasswordLink(services, user, 'reset', transaction),
  );
  services.mailer.send(passwordLinkMail('reset', user, link)).catch((err: unknown) => {
    console.error(`No se pudo enviar el correo de restablecimiento a ${user.email}:`, err);
  });
}

const invalidToken = () =>
  badRequest('invalid_token', 'El enlace no es válido, ya se usó o expiró. Solicita uno nuevo.');

/** The unused, unexpired link behind `token`, or `invalid_token`. */
async function usableToken(token: string, transaction?: Transaction): Promise<PasswordToken> {
  const found = await PasswordToken.findOne({
    where: { tokenHash: hashToken(token) },
    transaction,
  });
  if (!found || found.usedAt || found.expiresAt <= new Date()) throw invalidToken();
  return found;
}

/** What a link is for and whose it is, so the page can say so before a password is typed. */
export async function describePasswordLink(token: string) {
  const link = await usableToken(token);
  const user = await User.findByPk(link.userId);
  if (!user || user.status !== 'active') throw invalidToken();
  return { purpose: link.purpose, email: user.email, app: appOfRole(user.role) };
}

/** Sets a new password from a reset or invitation link, once, and ends all the user's sessions. */
export async function resetPassword(
  services: Services,
  ip: string | null,
  input: { token: string; password: string },
): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await services.sequelize.transaction(async (transaction) => {
    const token = await usableToken(input.token, transaction);
    // Conditional update: of two concurrent uses of one link, only one finds it unused.
    const [claimed] = await PasswordToken.update(
      { usedAt: new Date() },
      { where: { id: token.id, usedAt: null }, transaction },
    );
    const user = await User.findByPk(token.userId, { transaction });
    if (claimed !== 1 || !user || user.status !== 'active') throw invalidToken();
    await user.update({ passwordHash, failedLogins: 0, lockedUntil: null }, { transaction });
    await endSessions(user.id, transaction);
    if (isStaffRole(user.role)) {
      await recordAudit(
        transaction,
        { actor: actorOf(user), ip },
        {
          action: token.purpose === 'invite' ? 'auth.password_set' : 'auth.password_reset',
          targetType: 'user',
          targetId: user.id,
          zoneId: user.zoneId,
        },
      );
    }
  });
}

/** Changes the signed-in user's password; the other sessions end, this one stays. */
export async function changePassword(
  services: Services,
  actor: Actor,
  ip: string | null,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await User.findByPk(actor.userId);
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw badRequest('current_password_incorrect', 'La contraseña actual no es correcta.');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await services.sequelize.transaction(async (transaction) => {
    await user.update({ passwordHash }, { transaction });
    await endSessions(user.id, transaction, actor.session?.id);
    if (isStaffRole(user.role)) {
      await recordAudit(
        transaction,
        { actor, ip },
        {
          action: 'auth.password_changed',
          targetType: 'user',
          targetId: user.id,
          zoneId: user.zoneId,
        },
      );
    }
  });
}
