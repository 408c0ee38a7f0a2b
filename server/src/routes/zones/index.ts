import { createZone, renameZone } from '../../commands/zones';
import { Zone } from '../../db/models';
import { defineRoute, idParams } from '../../http/route';
import { presentZone } from '../../presenters/zone';
import { createZoneBody, renameZoneBody } from './schema';

export const zoneRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/zones',
    access: 'zones.read',
    async handler() {
      const zones = await Zone.findAll({ order: [['name', 'asc']] });
      return { body: { items: zones.map(presentZone) } };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/zones',
    access: 'zones.manage',
    body: createZoneBody,
    async handler({ req, actor, body, services }) {
      const zone = await createZone(services, actor, req.ip ?? null, body);
      return { status: 201, body: presentZone(zone) };
    },
  }),

  defineRoute({
    method: 'patch',
    path: '/api/zones/:id',
    access: 'zones.manage',
    params: idParams,
    body: renameZoneBody,
    async handler({ req, actor, params, body, services }) {
      const zone = await renameZone(services, actor, req.ip ?? null, params.id, body);
      return { body: presentZone(zone) };
    },
  }),
];
