import {
  cancelOwnRedemption,
  findVisibleRedemption,
  redeem,
  redemptionRefs,
} from '../../commands/redemptions';
import { rewardNotFound } from '../../commands/rewards';
import { Redemption, Reward } from '../../db/models';
import { defineRoute, idParams, pageOf } from '../../http/route';
import type { Actor } from '../../policies/actor';
import { findOwnCustomer } from '../../policies/customers';
import { presentRedemption } from '../../presenters/redemption';
import { presentCatalogItem } from '../../presenters/reward';
import { businessDay, isAvailableTo } from '../../rewards/availability';
import { myRedemptionsQuery, redeemOwnBody } from '../redemptions/schema';
import { myRewardsQuery } from '../rewards/schema';

/**
 * The rewards this customer may redeem today, with its balance: a catalog is small (hundreds
 * at most), so it is read whole and filtered by the offer's zones, types and window here.
 */
async function ownCatalog(actor: Actor) {
  const customer = await findOwnCustomer(actor);
  const day = businessDay();
  const rewards = (await Reward.findAll({ where: { status: 'active' } })).filter((reward) =>
    isAvailableTo(reward, customer, day),
  );
  return { balance: Number(customer.balance), rewards };
}

/** The portal's catalog and the customer's own redemptions. */
export const myRewardRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/me/rewards',
    access: 'portal.self',
    query: myRewardsQuery,
    async handler({ actor, query }) {
      const { balance, rewards } = await ownCatalog(actor);
      const items = rewards
        .filter((reward) => !query.category || reward.category === query.category)
        .map((reward) => presentCatalogItem(reward, balance))
        .filter((item) => !query.affordable || item.affordable === (query.affordable === 'true'))
        .sort(
          (a, b) =>
            Number(b.affordable) - Number(a.affordable) ||
            a.pointsCost - b.pointsCost ||
            a.id - b.id,
        );
      return { body: { balance, items } };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/me/rewards/:id',
    access: 'portal.self',
    params: idParams,
    async handler({ actor, params }) {
      const { balance, rewards } = await ownCatalog(actor);
      const reward = rewards.find((candidate) => candidate.id === params.id);
      if (!reward) throw rewardNotFound();
      return { body: presentCatalogItem(reward, balance) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/me/redemptions',
    access: 'portal.self',
    body: redeemOwnBody,
    async handler({ req, actor, body, services }) {
      const { redemption, created } = await redeem(
        services,
        { actor, ip: req.ip ?? null },
        {
          customerId: null,
          rewardId: body.rewardId,
          quantity: body.quantity,
          deliveryAddress: body.deliveryAddress ?? null,
          idempotencyKey: body.idempotencyKey ?? null,
          note: null,
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
    path: '/api/me/redemptions',
    access: 'portal.self',
    query: myRedemptionsQuery,
    async handler({ actor, query }) {
      const customer = await findOwnCustomer(actor);
      const found = await Redemption.findAndCountAll({
        ...redemptionRefs(false),
        where: { customerId: customer.id },
        order: [['id', 'desc']],
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      return { body: pageOf(found, query, presentRedemption) };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/me/redemptions/:id',
    access: 'portal.self',
    params: idParams,
    async handler({ actor, params }) {
      return { body: presentRedemption(await findVisibleRedemption(actor, params.id, true)) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/me/redemptions/:id/cancel',
    access: 'portal.self',
    params: idParams,
    async handler({ req, actor, params, services }) {
      await cancelOwnRedemption(services, { actor, ip: req.ip ?? null }, params.id);
      return { body: presentRedemption(await findVisibleRedemption(actor, params.id, true)) };
    },
  }),
];
