import { Op } from 'sequelize';
import {
  createReward,
  deleteReward,
  findReward,
  rewardImage,
  setRewardImage,
  setRewardStatus,
  updateReward,
} from '../../commands/rewards';
import { contains } from '../../db/dialect';
import { Reward } from '../../db/models';
import { sendBytes } from '../../http/download';
import { defineRoute, idParams, pageOf } from '../../http/route';
import { presentReward } from '../../presenters/reward';
import { createRewardBody, listRewardsQuery, updateRewardBody } from './schema';

/** Staff read the catalog whether they manage it or follow redemptions. */
const catalogReaders = ['rewards.manage', 'redemptions.manage'] as const;

/** The catalog as staff administer it, and reward images for everyone signed in. */
export const rewardRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/rewards',
    access: catalogReaders,
    query: listRewardsQuery,
    async handler({ query, services }) {
      const filters = [
        ...(query.status === 'all' ? [] : [{ status: query.status }]),
        ...(query.category ? [{ category: query.category }] : []),
        ...(query.q
          ? [
              {
                [Op.or]: [
                  contains(services.sequelize, 'name', query.q),
                  contains(services.sequelize, 'code', query.q.toUpperCase()),
                ],
              },
            ]
          : []),
      ];
      const found = await Reward.findAndCountAll({
        where: { [Op.and]: filters },
        order: [
          ['name', 'asc'],
          ['id', 'asc'],
        ],
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      return { body: pageOf(found, query, presentReward) };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/rewards/categories',
    access: catalogReaders,
    async handler() {
      const rows = await Reward.findAll({
        attributes: ['category'],
        group: ['category'],
        order: [['category', 'asc']],
      });
      return { body: { items: rows.map((row) => row.category) } };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/rewards/:id',
    access: catalogReaders,
    params: idParams,
    async handler({ params }) {
      return { body: presentReward(await findReward(params.id)) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/rewards',
    access: 'rewards.manage',
    body: createRewardBody,
    async handler({ req, actor, body, services }) {
      const reward = await createReward(services, { actor, ip: req.ip ?? null }, body);
      return { status: 201, body: presentReward(reward) };
    },
  }),

  defineRoute({
    method: 'patch',
    path: '/api/rewards/:id',
    access: 'rewards.manage',
    params: idParams,
    body: updateRewardBody,
    async handler({ req, actor, params, body, services }) {
      const reward = await updateReward(services, { actor, ip: req.ip ?? null }, params.id, body);
      return { body: presentReward(reward) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/rewards/:id/retire',
    access: 'rewards.manage',
    params: idParams,
    async handler({ req, actor, params, services }) {
      const who = { actor, ip: req.ip ?? null };
      return { body: presentReward(await setRewardStatus(services, who, params.id, 'retired')) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/rewards/:id/restore',
    access: 'rewards.manage',
    params: idParams,
    async handler({ req, actor, params, services }) {
      const who = { actor, ip: req.ip ?? null };
      return { body: presentReward(await setRewardStatus(services, who, params.id, 'active')) };
    },
  }),

  defineRoute({
    method: 'delete',
    path: '/api/rewards/:id',
    access: 'rewards.manage',
    params: idParams,
    async handler({ req, actor, params, services }) {
      await deleteReward(services, { actor, ip: req.ip ?? null }, params.id);
      return undefined;
    },
  }),

  defineRoute({
    method: 'put',
    path: '/api/rewards/:id/image',
    access: 'rewards.manage',
    params: idParams,
    async handler({ req, actor, params, services }) {
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const reward = await setRewardImage(
        services,
        { actor, ip: req.ip ?? null },
        params.id,
        bytes,
      );
      return { body: presentReward(reward) };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/rewards/:id/image',
    access: 'signedIn',
    params: idParams,
    async handler({ res, params, services }) {
      return sendBytes(res, {
        ...(await rewardImage(services, params.id, 'image')),
        cacheable: true,
      });
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/rewards/:id/image/thumb',
    access: 'signedIn',
    params: idParams,
    async handler({ res, params, services }) {
      const thumbnail = await rewardImage(services, params.id, 'thumbnail');
      return sendBytes(res, { ...thumbnail, cacheable: true });
    },
  }),
];
