import { defineRoute } from '../../http/route';
import { updateConsumptionLevels } from '../../jobs/consumptionLevels';
import { expirePoints } from '../../jobs/expirePoints';
import { runTimeTriggers } from '../../jobs/ruleTriggers';
import { jobParams } from '../rules/schema';

export const jobRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/jobs/:name/run',
    access: 'jobs.run',
    params: jobParams,
    async handler({ params, services }) {
      const started = new Date();
      const result = await (() => {
        switch (params.name) {
          case 'birthday':
          case 'anniversary':
          case 'inactivity':
            return runTimeTriggers(services, params.name);
          case 'points-expiring':
            return runTimeTriggers(services, 'points_expiring');
          case 'expire-points':
            return expirePoints(services.sequelize);
          case 'consumption-levels':
            return updateConsumptionLevels(services.sequelize);
        }
      })();
      return {
        body: {
          job: params.name,
          startedAt: started.toISOString(),
          finishedAt: new Date().toISOString(),
          result,
        },
      };
    },
  }),
];
