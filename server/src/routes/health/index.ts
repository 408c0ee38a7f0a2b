import { defineRoute } from '../../http/route';

export const healthRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/health',
    access: 'public',
    async handler({ services }) {
      await services.sequelize.query('SELECT 1');
      return { body: { status: 'ok', db: 'ok' } };
    },
  }),
];
