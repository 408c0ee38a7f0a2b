import { customerRefs, updateOwnProfile } from '../../commands/customers';
import { defineRoute } from '../../http/route';
import { statement } from '../../ledger/statement';
import { findOwnCustomer } from '../../policies/customers';
import { presentCustomer } from '../../presenters/customer';
import { statementQuery, updateOwnProfileBody } from '../customers/schema';

/** The signed-in customer's own profile and statement (portal). */
export const meProfileRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/me/profile',
    access: 'portal.self',
    async handler({ actor }) {
      return { body: presentCustomer(await findOwnCustomer(actor, customerRefs)) };
    },
  }),

  defineRoute({
    method: 'patch',
    path: '/api/me/profile',
    access: 'portal.self',
    body: updateOwnProfileBody,
    async handler({ req, actor, body, services }) {
      return {
        body: presentCustomer(await updateOwnProfile(services, actor, req.ip ?? null, body)),
      };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/me/statement',
    access: 'portal.self',
    query: statementQuery,
    async handler({ actor, query, services }) {
      const customer = await findOwnCustomer(actor);
      return { body: await statement(services.sequelize, Number(customer.id), query) };
    },
  }),
];
