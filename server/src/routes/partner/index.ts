import { QueryTypes } from 'sequelize';
import { findPartnerCustomer, upsertPartnerCustomer } from '../../commands/partnerCustomers';
import { defineRoute } from '../../http/route';
import { postPurchaseBatch } from '../../ledger/purchaseBatch';
import type { PurchaseResult } from '../../ledger/purchases';
import { reversePurchase } from '../../ledger/reversal';
import { presentPartnerCustomer } from '../../presenters/partnerCustomer';
import { announceLines, announcePurchases } from '../../realtime';
import type { Customer } from '../../db/models';
import {
  batchBody,
  externalIdParams,
  ledgerQuery,
  purchaseSchema,
  transactionParams,
  upsertCustomerBody,
} from './schema';

const present = (customer: Customer) =>
  presentPartnerCustomer(customer, {
    zone: customer.zone?.code ?? '',
    customerType: customer.customerType?.code ?? null,
  });

const resultBody = (result: PurchaseResult) =>
  'receipt' in result ? result.receipt : { error: result.error };

/** The partner platform's API: customers and purchases in, balances and ledger out. */
export const partnerRoutes = [
  defineRoute({
    method: 'put',
    path: '/api/v1/customers/:externalId',
    access: 'partner:customers.write',
    params: externalIdParams,
    body: upsertCustomerBody,
    async handler({ params, body, services }) {
      const { created } = await upsertPartnerCustomer(services, params.externalId, body);
      return {
        status: created ? 201 : 200,
        body: present(await findPartnerCustomer(params.externalId)),
      };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/v1/customers/:externalId',
    access: 'partner:customers.read',
    params: externalIdParams,
    async handler({ params }) {
      return { body: present(await findPartnerCustomer(params.externalId)) };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/v1/customers/:externalId/ledger',
    access: 'partner:customers.read',
    params: externalIdParams,
    query: ledgerQuery,
    async handler({ params, query, services }) {
      const customer = await findPartnerCustomer(params.externalId);
      const rows = await services.sequelize.query<{
        id: number | string;
        kind: string;
        points: number;
        balance_after: number | string;
        external_id: string | null;
        rule_key: string | null;
        rule_version: number | null;
        note: string | null;
        created_at: Date | string;
      }>(
        `SELECT l.id, l.kind, l.points, l.balance_after, t.external_id, l.rule_key, l.rule_version, l.note, l.created_at
           FROM ledger_entries l LEFT JOIN partner_transactions t ON t.id = l.transaction_id
          WHERE l.customer_id = ? AND l.id > ? ORDER BY l.id LIMIT ?`,
        { replacements: [customer.id, query.after ?? 0, query.limit], type: QueryTypes.SELECT },
      );
      const items = rows.map((row) => ({
        id: Number(row.id),
        kind: row.kind,
        points: Number(row.points),
        balance: Number(row.balance_after),
        transactionId: row.external_id,
        rule: row.rule_key ? { key: row.rule_key, version: Number(row.rule_version) } : null,
        note: row.note,
        createdAt: new Date(row.created_at).toISOString(),
      }));
      const last = items.at(-1);
      return {
        body: { items, next: items.length === query.limit && last ? String(last.id) : null },
      };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/v1/transactions',
    access: 'partner:transactions.write',
    body: purchaseSchema,
    async handler({ body, partner, services }) {
      const result = await services.ingest.submit(body, partner.id);
      return { status: result.status, body: resultBody(result) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/v1/transactions/batch',
    access: 'partner:transactions.write',
    body: batchBody,
    async handler({ body, partner, services }) {
      const parsed = body.transactions.map((item) => purchaseSchema.safeParse(item));
      const valid = parsed.flatMap((p) => (p.success ? [p.data] : []));
      const { results, lines } = await postPurchaseBatch(
        services.sequelize,
        services.rules,
        valid,
        partner.id,
      );
      announcePurchases(services.realtime, services.sequelize, lines);
      let next = 0;
      const items = parsed.map((p, index) => {
        if (!p.success) {
          return {
            index,
            status: 400,
            error: {
              id: 'validation_failed',
              message: 'Los datos de esta transacción no son válidos.',
              details: p.error.issues.map((issue) => ({
                path: issue.path.join('.'),
                code: issue.code,
                message: issue.message,
              })),
            },
          };
        }
        const result = results[next++] as PurchaseResult;
        return { index, status: result.status, ...resultBody(result) };
      });
      const count = (test: (status: number) => boolean) =>
        items.filter((i) => test(i.status)).length;
      return {
        body: {
          results: items,
          summary: {
            created: count((s) => s === 201),
            repeated: count((s) => s === 200),
            failed: count((s) => s >= 400),
          },
        },
      };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/v1/transactions/:id/reverse',
    access: 'partner:transactions.write',
    params: transactionParams,
    async handler({ params, services }) {
      const { receipt, customerId, line } = await reversePurchase(services, params.id);
      if (line) {
        void announceLines(services.realtime, services.sequelize, customerId, {
          transactionId: params.id,
          kind: 'reverse',
        });
      }
      return { body: receipt };
    },
  }),
];
