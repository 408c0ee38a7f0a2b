import { col, fn, Op, type Sequelize, type WhereOptions } from 'sequelize';
import {
  bulkChangeStatus,
  changeRedemptionStatus,
  findVisibleRedemption,
  redeem,
  redemptionRefs,
  statusWords,
} from '../../commands/redemptions';
import { type Customer, Redemption } from '../../db/models';
import { redemptionStatuses, type RedemptionStatus } from '../../db/models/redemption';
import { addHeader, streamWorkbook } from '../../http/download';
import { defineRoute, idParams, pageOf, type Page } from '../../http/route';
import type { Actor } from '../../policies/actor';
import { presentRedemption, type PresentedRedemption } from '../../presenters/redemption';
import { businessWallClock } from '../../rewards/availability';
import { redemptionConditions, type RedemptionFilter } from '../../rewards/redemptionFilter';
import {
  bulkStatusBody,
  queueQuery,
  redeemForCustomerBody,
  reportExportQuery,
  reportQuery,
  statusChangeBody,
} from './schema';

/** What the presenter needs loaded, with the customer join limited to `customerWhere`. */
const refsWhere = (customerWhere: WhereOptions<Customer>) => ({
  include: redemptionRefs(false).include.map((part) =>
    part.association === 'customer' ? { ...part, where: customerWhere, required: true } : part,
  ),
});

/** One page of redemptions matching a filter, in the actor's scope, with what the presenter shows. */
async function redemptionPage(
  sequelize: Sequelize,
  actor: Actor,
  filter: RedemptionFilter,
  paging: { page: number; pageSize: number; newestFirst: boolean },
): Promise<Page<PresentedRedemption>> {
  const { where, customerWhere } = redemptionConditions(sequelize, actor, filter);
  const found = await Redemption.findAndCountAll({
    ...refsWhere(customerWhere),
    where,
    order: [['id', paging.newestFirst ? 'desc' : 'asc']],
    limit: paging.pageSize,
    offset: (paging.page - 1) * paging.pageSize,
  });
  return pageOf(found, paging, presentRedemption);
}

/** Count and points of the redemptions matching a filter, per status. */
async function reportTotals(sequelize: Sequelize, actor: Actor, filter: RedemptionFilter) {
  const { where, customerWhere } = redemptionConditions(sequelize, actor, filter);
  const rows = (await Redemption.findAll({
    attributes: [
      'status',
      [fn('COUNT', col('Redemption.id')), 'n'],
      [fn('SUM', col('Redemption.points')), 'points'],
    ],
    include: [{ association: 'customer', attributes: [], where: customerWhere, required: true }],
    where,
    group: ['Redemption.status'],
    raw: true,
  })) as unknown as { status: RedemptionStatus; n: number | string; points: number | string }[];
  const byStatus = Object.fromEntries(redemptionStatuses.map((status) => [status, 0])) as Record<
    RedemptionStatus,
    number
  >;
  let redemptions = 0;
  let points = 0;
  for (const row of rows) {
    byStatus[row.status] = Number(row.n);
    redemptions += Number(row.n);
    points += Number(row.points);
  }
  return { redemptions, points, byStatus };
}

/** Rows read per query while an export streams. */
const exportChunk = 1000;

const reportColumns = [
  { header: 'Folio', width: 12 },
  { header: 'Fecha', width: 18, numFmt: 'yyyy-mm-dd hh:mm' },
  { header: 'Cliente', width: 32 },
  { header: 'Id externo', width: 16 },
  { header: 'Premio', width: 32 },
  { header: 'Clave del premio', width: 18 },
  { header: 'Cantidad', width: 10 },
  { header: 'Puntos', width: 10 },
  { header: 'Estado', width: 20 },
  { header: 'Paquetería', width: 18 },
  { header: 'Guía', width: 22 },
];

/** The redemption queue, detail and status changes for staff, and the redeemed-rewards report. */
export const redemptionRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/redemptions',
    access: 'redemptions.manage',
    query: queueQuery,
    async handler({ actor, query, services }) {
      const { page, pageSize, order, ...filter } = query;
      return {
        body: await redemptionPage(services.sequelize, actor, filter, {
          page,
          pageSize,
          newestFirst: order === 'newest',
        }),
      };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/redemptions/:id',
    access: 'redemptions.manage',
    params: idParams,
    async handler({ actor, params }) {
      return { body: presentRedemption(await findVisibleRedemption(actor, params.id, true)) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/redemptions/:id/status',
    access: 'redemptions.manage',
    params: idParams,
    body: statusChangeBody,
    async handler({ req, actor, params, body, services }) {
      await changeRedemptionStatus(services, { actor, ip: req.ip ?? null }, params.id, {
        status: body.status,
        note: body.note ?? null,
        carrier: body.carrier ?? null,
        trackingNumber: body.trackingNumber ?? null,
      });
      return { body: presentRedemption(await findVisibleRedemption(actor, params.id, true)) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/redemptions/bulk-status',
    access: 'redemptions.manage',
    body: bulkStatusBody,
    async handler({ req, actor, body, services }) {
      const results = await bulkChangeStatus(services, { actor, ip: req.ip ?? null }, body.ids, {
        status: body.status,
        note: body.note ?? null,
      });
      return { body: { results } };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/customers/:id/redemptions',
    access: 'redemptions.manage',
    params: idParams,
    body: redeemForCustomerBody,
    async handler({ req, actor, params, body, services }) {
      const { redemption, created } = await redeem(
        services,
        { actor, ip: req.ip ?? null },
        {
          customerId: params.id,
          rewardId: body.rewardId,
          quantity: body.quantity,
          deliveryAddress: body.deliveryAddress ?? null,
          idempotencyKey: null,
          note: body.note,
        },
      );
      return {
        status: created ? 201 : 200,
        body: presentRedemption(await findVisibleRedemption(actor, redemption.id, true)),
      };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/reports/redemptions',
    access: 'redemptions.manage',
    query: reportQuery,
    async handler({ actor, query, services }) {
      const { page, pageSize, ...filter } = query;
      const [list, totals] = await Promise.all([
        redemptionPage(services.sequelize, actor, filter, { page, pageSize, newestFirst: true }),
        reportTotals(services.sequelize, actor, filter),
      ]);
      return { body: { ...list, totals } };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/reports/redemptions.xlsx',
    access: 'redemptions.manage',
    query: reportExportQuery,
    async handler({ res, actor, query, services }) {
      const { where, customerWhere } = redemptionConditions(services.sequelize, actor, query);
      return streamWorkbook(res, 'premios-canjeados.xlsx', async (workbook) => {
        const sheet = workbook.addWorksheet('Canjes');
        addHeader(sheet, reportColumns);
        // Pages by id, so each query reads one chunk and rows leave memory as they are written.
        let afterId = 0;
        for (;;) {
          const rows = await Redemption.findAll({
            ...refsWhere(customerWhere),
            where: { [Op.and]: [where, { id: { [Op.gt]: afterId } }] },
            order: [['id', 'asc']],
            limit: exportChunk,
          });
          for (const row of rows.map(presentRedemption)) {
            sheet
              .addRow([
                row.folio,
                businessWallClock(new Date(row.createdAt)),
                row.customer.name,
                row.customer.externalId,
                row.reward.name,
                row.reward.code,
                row.quantity,
                row.points,
                statusWords[row.status],
                row.carrier,
                row.trackingNumber,
              ])
              .commit();
          }
          const last = rows.at(-1);
          if (!last || rows.length < exportChunk) break;
          afterId = last.id;
        }
        sheet.commit();
      });
    },
  }),
];
