import { createApiKey, revokeApiKey } from '../../commands/apiKeys';
import { ApiKey } from '../../db/models';
import { defineRoute, idParams } from '../../http/route';
import { presentApiKey } from '../../presenters/apiKey';
import { createApiKeyBody } from './schema';

export const apiKeyRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/api-keys',
    access: 'apiKeys.manage',
    async handler() {
      const keys = await ApiKey.findAll({ order: [['id', 'desc']] });
      return { body: { items: keys.map(presentApiKey) } };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/api-keys',
    access: 'apiKeys.manage',
    body: createApiKeyBody,
    async handler({ req, actor, body, services }) {
      const { apiKey, key } = await createApiKey(services, actor, req.ip ?? null, body);
      return { status: 201, body: { ...presentApiKey(apiKey), key } };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/api-keys/:id/revoke',
    access: 'apiKeys.manage',
    params: idParams,
    async handler({ req, actor, params, services }) {
      const apiKey = await revokeApiKey(services, actor, req.ip ?? null, params.id);
      return { body: presentApiKey(apiKey) };
    },
  }),
];
