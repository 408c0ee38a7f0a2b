import type { Transaction } from 'sequelize';
import { AuditEvent, type User } from '../db/models';
import type { AuditSnapshot } from '../db/models/auditEvent';
import type { Actor } from '../policies/actor';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string | number | null;
  zoneId: number | null;
  before?: AuditSnapshot;
  after?: AuditSnapshot;
}

/** Records a staff write inside the transaction that makes it, so the log and the data agree. */
export async function recordAudit(
  transaction: Transaction,
  who: { actor: Actor | null; ip: string | null },
  entry: AuditEntry,
): Promise<void> {
  await AuditEvent.create(
    {
      actorUserId: who.actor?.userId ?? null,
      actorRole: who.actor?.role ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId === null ? null : String(entry.targetId),
      zoneId: entry.zoneId,
      before: entry.before ?? null,
      after: entry.after ?? null,
      ip: who.ip,
    },
    { transaction },
  );
}

/** The audited fields of an account (never its password hash). */
export const userSnapshot = (user: User): AuditSnapshot => ({
  email: user.email,
  name: user.name,
  role: user.role,
  zoneId: user.zoneId,
  locale: user.locale,
  status: user.status,
});
