import { Op } from 'sequelize';
import { createStaffUser, updateStaffUser } from '../../commands/users';
import { contains } from '../../db/dialect';
import { User, Zone } from '../../db/models';
import { defineRoute, idParams, type Page } from '../../http/route';
import { staffRoles } from '../../policies/permissions';
import { scoped } from '../../policies/scope';
import { assertCanView } from '../../policies/users';
import { presentUser } from '../../presenters/user';
import { createUserBody, listUsersQuery, updateUserBody } from './schema';

export const userRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/users',
    access: 'users.read',
    query: listUsersQuery,
    async handler({ actor, query, services }) {
      const filters = [
        { role: query.role ?? { [Op.in]: staffRoles } },
        ...(query.zoneId ? [{ zoneId: query.zoneId }] : []),
        ...(query.status ? [{ status: query.status }] : []),
        ...(query.q
          ? [
              {
                [Op.or]: [
                  contains(services.sequelize, 'User.name', query.q),
                  contains(services.sequelize, 'User.email', query.q),
                ],
              },
            ]
          : []),
      ];
      const { rows, count } = await User.findAndCountAll({
        where: scoped(actor, { [Op.and]: filters }),
        include: [{ model: Zone, as: 'zone' }],
        order: [
          [query.sort, query.order],
          ['id', 'asc'],
        ],
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      const page: Page<ReturnType<typeof presentUser>> = {
        items: rows.map(presentUser),
        total: count,
        page: query.page,
        pageSize: query.pageSize,
      };
      return { body: page };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/users',
    access: 'users.write',
    body: createUserBody,
    async handler({ req, actor, body, services }) {
      const user = await createStaffUser(services, actor, req.ip ?? null, body);
      return { status: 201, body: presentUser(user) };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/users/:id',
    access: 'users.read',
    params: idParams,
    async handler({ actor, params }) {
      const user = await User.findByPk(params.id, { include: [{ model: Zone, as: 'zone' }] });
      assertCanView(actor, user);
      return { body: presentUser(user) };
    },
  }),

  defineRoute({
    method: 'patch',
    path: '/api/users/:id',
    access: 'users.write',
    params: idParams,
    body: updateUserBody,
    async handler({ req, actor, params, body, services }) {
      const user = await updateStaffUser(services, actor, req.ip ?? null, params.id, body);
      return { body: presentUser(user) };
    },
  }),
];
