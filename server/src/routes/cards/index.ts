import { Op, QueryTypes } from 'sequelize';
import {
  activateCard,
  cardReportsOf,
  cardsOf,
  importCardStock,
  reportCard,
  updateCardReport,
} from '../../commands/cards';
import { normalizeCardNumber } from '../../cards/numbers';
import { contains } from '../../db/dialect';
import { Card, Customer } from '../../db/models';
import { cardStatuses, type CardStatus } from '../../db/models/card';
import { defineRoute, idParams, type Page } from '../../http/route';
import { findVisibleCustomer } from '../../policies/customers';
import { presentCard, presentCardBatch, presentCardReport } from '../../presenters/card';
import {
  activateCardBody,
  importStockBody,
  listCardsQuery,
  staffCardReportBody,
  updateCardReportBody,
} from './schema';

/** Card stock, activation, and lost/stolen reports with their follow-up. */
export const cardRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/cards',
    access: 'cards.manage',
    query: listCardsQuery,
    async handler({ query, services }) {
      const q = query.q ? normalizeCardNumber(query.q) : '';
      const filters = [
        ...(query.status ? [{ status: query.status }] : []),
        ...(q ? [contains(services.sequelize, 'Card.number', q)] : []),
      ];
      const { rows, count } = await Card.findAndCountAll({
        where: { [Op.and]: filters },
        include: [{ model: Customer, as: 'customer', attributes: ['id', 'firstName', 'lastName'] }],
        order: [['number', 'asc']],
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      // The whole stock by status, whatever the filters: the studio shows it as a summary.
      const grouped = await services.sequelize.query<{ status: CardStatus; n: number | string }>(
        'SELECT status, COUNT(*) AS n FROM cards GROUP BY status',
        { type: QueryTypes.SELECT },
      );
      const counts = Object.fromEntries(cardStatuses.map((status) => [status, 0])) as Record<
        CardStatus,
        number
      >;
      for (const row of grouped) counts[row.status] = Number(row.n);
      const page: Page<ReturnType<typeof presentCard>> & { counts: Record<CardStatus, number> } = {
        items: rows.map(presentCard),
        total: count,
        page: query.page,
        pageSize: query.pageSize,
        counts,
      };
      return { body: page };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/cards/stock',
    access: 'cards.manage',
    body: importStockBody,
    async handler({ req, actor, body, services }) {
      const result = await importCardStock(services, { actor, ip: req.ip ?? null }, body);
      return {
        status: 201,
        body: {
          batch: presentCardBatch(result.batch),
          imported: result.imported,
          skipped: result.skipped,
        },
      };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/cards/activate',
    access: ['cards.service', 'portal.self'],
    body: activateCardBody,
    async handler({ req, actor, body, services }) {
      const card = await activateCard(services, { actor, ip: req.ip ?? null }, body);
      return { body: presentCard(card) };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/customers/:id/cards',
    access: 'customers.read',
    params: idParams,
    async handler({ actor, params }) {
      const customer = await findVisibleCustomer(actor, params.id);
      const cards = await cardsOf(Number(customer.id));
      return { body: { items: cards.map(presentCard) } };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/customers/:id/card-reports',
    access: 'customers.read',
    params: idParams,
    async handler({ actor, params }) {
      const customer = await findVisibleCustomer(actor, params.id);
      const reports = await cardReportsOf(Number(customer.id), true);
      return { body: { items: reports.map((report) => presentCardReport(report, true)) } };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/customers/:id/card-reports',
    access: 'cards.service',
    params: idParams,
    body: staffCardReportBody,
    async handler({ req, actor, params, body, services }) {
      const report = await reportCard(
        services,
        { actor, ip: req.ip ?? null },
        { customerId: params.id, ...body },
      );
      return { status: 201, body: presentCardReport(report, true) };
    },
  }),

  defineRoute({
    method: 'patch',
    path: '/api/card-reports/:id',
    access: 'cards.service',
    params: idParams,
    body: updateCardReportBody,
    async handler({ req, actor, params, body, services }) {
      const report = await updateCardReport(
        services,
        { actor, ip: req.ip ?? null },
        params.id,
        body,
      );
      return { body: presentCardReport(report, true) };
    },
  }),
];
