import { Op } from 'sequelize';
import { AuditEvent, User } from '../../db/models';
import { defineRoute, type Page } from '../../http/route';
import { scoped } from '../../policies/scope';
import { presentAuditEvent } from '../../presenters/auditEvent';
import { listAuditQuery } from './schema';

export const auditRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/audit',
    access: 'audit.read',
    query: listAuditQuery,
    async handler({ actor, query }) {
      const filters = {
        ...(query.actorId && { actorUserId: query.actorId }),
        ...(query.action && { action: query.action }),
        ...(query.targetType && { targetType: query.targetType }),
        ...(query.targetId && { targetId: query.targetId }),
        ...(query.zoneId && { zoneId: query.zoneId }),
        ...((query.from || query.to) && {
          createdAt: {
            ...(query.from && { [Op.gte]: query.from }),
            ...(query.to && { [Op.lte]: query.to }),
          },
        }),
      };
      const { rows, count } = await AuditEvent.findAndCountAll({
        where: scoped(actor, filters),
        include: [{ model: User, as: 'actor', attributes: ['id', 'name', 'email'] }],
        order: [['id', 'desc']],
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      const page: Page<ReturnType<typeof presentAuditEvent>> = {
        items: rows.map(presentAuditEvent),
        total: count,
        page: query.page,
        pageSize: query.pageSize,
      };
      return { body: page };
    },
  }),
];
