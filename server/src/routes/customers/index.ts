import { adjustCustomerPoints, customerRefs, updateCustomer } from '../../commands/customers';
import { searchCustomers } from '../../customers/search';
import { CustomerType } from '../../db/models';
import { announceLines } from '../../realtime';
import { defineRoute, idParams } from '../../http/route';
import { statement } from '../../ledger/statement';
import { findVisibleCustomer } from '../../policies/customers';
import { presentCustomer } from '../../presenters/customer';
import { adjustmentBody, searchCustomersQuery, statementQuery, updateCustomerBody } from './schema';

export const customerRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/customers',
    access: 'customers.read',
    query: searchCustomersQuery,
    async handler({ actor, query, services }) {
      const { customers, hasMore } = await searchCustomers(services.sequelize, actor, query);
      return {
        body: {
          items: customers.map(presentCustomer),
          page: query.page,
          pageSize: query.pageSize,
          hasMore,
        },
      };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/customers/:id',
    access: 'customers.read',
    params: idParams,
    async handler({ actor, params }) {
      return { body: presentCustomer(await findVisibleCustomer(actor, params.id, customerRefs)) };
    },
  }),

  defineRoute({
    method: 'patch',
    path: '/api/customers/:id',
    access: 'customers.write',
    params: idParams,
    body: updateCustomerBody,
    async handler({ req, actor, params, body, services }) {
      const customer = await updateCustomer(services, actor, req.ip ?? null, params.id, body);
      return { body: presentCustomer(customer) };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/customers/:id/statement',
    access: 'customers.read',
    params: idParams,
    query: statementQuery,
    async handler({ actor, params, query, services }) {
      const customer = await findVisibleCustomer(actor, params.id);
      return { body: await statement(services.sequelize, Number(customer.id), query) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/customers/:id/adjustments',
    access: 'ledger.adjust',
    params: idParams,
    body: adjustmentBody,
    async handler({ req, actor, params, body, services }) {
      const line = await adjustCustomerPoints(services, actor, req.ip ?? null, params.id, body);
      void announceLines(services.realtime, services.sequelize, params.id, { id: line.id });
      return { status: 201, body: line };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/customer-types',
    // Marketing needs the types to say whom a reward is offered to.
    access: ['customers.read', 'rewards.manage'],
    async handler() {
      const types = await CustomerType.findAll({ order: [['name', 'asc']] });
      return { body: { items: types.map((t) => ({ id: t.id, code: t.code, name: t.name })) } };
    },
  }),
];
