import { UniqueConstraintError } from 'sequelize';
import { User, Zone } from '../db/models';
import type { Locale } from '../db/models/user';
import { badRequest, conflict } from '../errors';
import type { Services } from '../http/services';
import type { Actor } from '../policies/actor';
import type { StaffRole } from '../policies/permissions';
import {
  assertCanView,
  authorizeCreate,
  authorizeUpdate,
  type UserChanges,
} from '../policies/users';
import { passwordLinkMail } from '../mail/templates';
import { endSessions } from '../security/sessions';
import { recordAudit, userSnapshot } from './audit';
import { issuePasswordLink } from './auth';

const emailTaken = () => conflict('email_taken', 'Ya existe una cuenta con ese correo.');

async function assertZoneExists(zoneId: number | null): Promise<void> {
  if (zoneId !== null && !(await Zone.findByPk(zoneId))) {
    throw badRequest('zone_not_found', 'La zona indicada no existe.');
  }
}

const withZone = (id: number) => User.findByPk(id, { include: [{ model: Zone, as: 'zone' }] });

/**
 * Creates a staff account without a password and mails it an invitation link to set one
 * (valid 72 hours). The mail leaves after the commit.
 */
export async function createStaffUser(
  services: Services,
  actor: Actor,
  ip: string | null,
  input: { email: string; name: string; role: StaffRole; zoneId?: number | null; locale?: Locale },
): Promise<User> {
  const { zoneId } = authorizeCreate(actor, input);
  await assertZoneExists(zoneId);
  if (await User.findOne({ where: { email: input.email } })) throw emailTaken();
  let link = '';
  const created = await services.sequelize
    .transaction(async (transaction) => {
      const user = await User.create(
        {
          email: input.email,
          passwordHash: null,
          name: input.name,
          role: input.role,
          zoneId,
          locale: input.locale ?? 'es',
          lockedUntil: null,
          lastLoginAt: null,
        },
        { transaction },
      );
      link = await issuePasswordLink(services, user, 'invite', transaction);
      await recordAudit(
        transaction,
        { actor, ip },
        {
          action: 'user.created',
          targetType: 'user',
          targetId: user.id,
          zoneId,
          after: userSnapshot(user),
        },
      );
      return user;
    })
    .catch((err: unknown) => {
      if (err instanceof UniqueConstraintError) throw emailTaken();
      throw err;
    });
  services.mailer.send(passwordLinkMail('invite', created, link)).catch((err: unknown) => {
    console.error(`No se pudo enviar la invitación a ${created.email}:`, err);
  });
  return (await withZone(created.id)) ?? created;
}

export async function updateStaffUser(
  services: Services,
  actor: Actor,
  ip: string | null,
  id: number,
  changes: UserChanges & { name?: string; locale?: Locale },
): Promise<User> {
  const target = await User.findByPk(id);
  assertCanView(actor, target);
  const { zoneId } = authorizeUpdate(actor, target, changes);
  await assertZoneExists(zoneId);
  await services.sequelize.transaction(async (transaction) => {
    const before = userSnapshot(target);
    await target.update(
      {
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.locale !== undefined && { locale: changes.locale }),
        ...(changes.role !== undefined && { role: changes.role }),
        ...(changes.status !== undefined && { status: changes.status }),
        zoneId,
      },
      { transaction },
    );
    if (changes.status === 'disabled') await endSessions(target.id, transaction);
    const statusChanged = before?.status !== target.status;
    await recordAudit(
      transaction,
      { actor, ip },
      {
        action: statusChanged
          ? `user.${target.status === 'disabled' ? 'disabled' : 'enabled'}`
          : 'user.updated',
        targetType: 'user',
        targetId: target.id,
        // Recorded under the new zone; a zone move is also visible in before/after.
        zoneId: target.zoneId,
        before,
        after: userSnapshot(target),
      },
    );
  });
  return (await withZone(target.id)) ?? target;
}
