import { z } from 'zod';
import { cardReportsOf, cardsOf, reportCard } from '../../commands/cards';
import { defineRoute } from '../../http/route';
import { findOwnCustomer } from '../../policies/customers';
import { presentCard, presentCardReport } from '../../presenters/card';
import { cardNote, cardReportKind } from '../cards/schema';

const ownReportBody = z.strictObject({ kind: cardReportKind, note: cardNote.optional() });

/**
 * The portal's card routes: a customer's own cards and lost/stolen reports. Activation is
 * POST /api/cards/activate, shared with staff.
 */
export const myCardRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/me/cards',
    access: 'portal.self',
    async handler({ actor }) {
      const customer = await findOwnCustomer(actor);
      const cards = await cardsOf(Number(customer.id));
      return { body: { items: cards.map(presentCard) } };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/me/card-reports',
    access: 'portal.self',
    async handler({ actor }) {
      const customer = await findOwnCustomer(actor);
      const reports = await cardReportsOf(Number(customer.id), false);
      return { body: { items: reports.map((report) => presentCardReport(report, false)) } };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/me/card-reports',
    access: 'portal.self',
    body: ownReportBody,
    async handler({ req, actor, body, services }) {
      const report = await reportCard(
        services,
        { actor, ip: req.ip ?? null },
        { customerId: null, ...body },
      );
      return { status: 201, body: presentCardReport(report, false) };
    },
  }),
];
