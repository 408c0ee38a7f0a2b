import type { AuditEvent } from '../db/models';

/** Expects `actor` to be loaded (null once the acting account is gone or for system writes). */
export const presentAuditEvent = (event: AuditEvent) => ({
  id: Number(event.id),
  action: event.action,
  actor: event.actor
    ? { id: event.actor.id, name: event.actor.name, email: event.actor.email }
    : null,
  actorRole: event.actorRole,
  targetType: event.targetType,
  targetId: event.targetId,
  zoneId: event.zoneId,
  before: event.before,
  after: event.after,
  ip: event.ip,
  createdAt: event.createdAt.toISOString(),
});
