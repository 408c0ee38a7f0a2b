import { validateRule, summarizeRule } from '@lealtad/rules-schema';
import { createRule, publishRule, retireRule, rollbackRule, saveDraft } from '../../commands/rules';
import { defineRoute, idParams } from '../../http/route';
import {
  listRules,
  liveRuleMap,
  ruleDetail,
  ruleDiff,
  ruleReleases,
  ruleVersion,
  ruleVersions,
} from '../../rules/queries';
import { ruleChoices } from '../../rules/choices';
import { backtestRule, simulateRule, type RuleSource } from '../../rules/simulate';
import { recentPurchases, simulationCustomers } from '../../rules/simulationSources';
import {
  backtestBody,
  createRuleBody,
  diffQuery,
  listRulesQuery,
  publishBody,
  recentPurchasesQuery,
  releasesQuery,
  retireBody,
  rollbackBody,
  saveDraftBody,
  simulateBody,
  simulationCustomersQuery,
  validateRuleBody,
  versionParams,
} from './schema';

const access = 'rules.manage';

/** The rule a simulation or backtest tries: a stored rule (its draft, or a version), or a document. */
const sourceOf = (body: { document?: unknown; ruleId?: number; version?: number }): RuleSource =>
  body.ruleId !== undefined
    ? { ruleId: body.ruleId, version: body.version }
    : { document: body.document };

export const ruleRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/rules',
    access,
    query: listRulesQuery,
    async handler({ actor, query, services }) {
      return { body: await listRules(services.sequelize, actor, query) };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/rules/releases',
    access,
    query: releasesQuery,
    async handler({ query, services }) {
      return { body: await ruleReleases(services.sequelize, query.page, query.pageSize) };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/rules/live',
    access,
    async handler({ actor, services }) {
      return { body: await liveRuleMap(services.sequelize, actor, await services.rules.current()) };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/rules/simulation/customers',
    access,
    query: simulationCustomersQuery,
    async handler({ actor, query, services }) {
      return {
        body: { items: await simulationCustomers(services.sequelize, actor, query.q, query.limit) },
      };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/rules/simulation/customers/:id/purchases',
    access,
    params: idParams,
    query: recentPurchasesQuery,
    async handler({ actor, params, query, services }) {
      return {
        body: {
          items: await recentPurchases(services.sequelize, actor, params.id, query.limit),
        },
      };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/rules/choices',
    access,
    async handler({ actor, services }) {
      return { body: await ruleChoices(services.sequelize, actor) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/rules',
    access,
    body: createRuleBody,
    async handler({ req, actor, body, services }) {
      const id = await createRule(services, actor, req.ip ?? null, body.document);
      return { status: 201, body: await ruleDetail(services.sequelize, actor, id) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/rules/validate',
    access,
    body: validateRuleBody,
    async handler({ body }) {
      const { rule, issues } = validateRule(body.document);
      return {
        body: {
          valid: issues.every((issue) => issue.severity !== 'error'),
          issues,
          summary: rule ? summarizeRule(rule) : null,
        },
      };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/rules/simulate',
    access,
    body: simulateBody,
    async handler({ actor, body, services }) {
      return {
        body: await simulateRule(services, actor, {
          ...sourceOf(body),
          customerId: body.customerId,
          purchase: body.purchase,
          transactionId: body.transactionId,
        }),
      };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/rules/backtest',
    access,
    body: backtestBody,
    async handler({ actor, body, services }) {
      return {
        body: await backtestRule(services, actor, {
          ...sourceOf(body),
          from: body.from,
          to: body.to,
          limit: body.limit,
          samples: body.samples,
        }),
      };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/rules/:id',
    access,
    params: idParams,
    async handler({ actor, params, services }) {
      return { body: await ruleDetail(services.sequelize, actor, params.id) };
    },
  }),

  defineRoute({
    method: 'put',
    path: '/api/rules/:id/draft',
    access,
    params: idParams,
    body: saveDraftBody,
    async handler({ req, actor, params, body, services }) {
      await saveDraft(services, actor, req.ip ?? null, params.id, body);
      return { body: await ruleDetail(services.sequelize, actor, params.id) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/rules/:id/publish',
    access,
    params: idParams,
    body: publishBody,
    async handler({ req, actor, params, body, services }) {
      const published = await publishRule(services, actor, req.ip ?? null, params.id, body);
      return {
        status: 201,
        body: { ...published, rule: await ruleDetail(services.sequelize, actor, params.id) },
      };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/rules/:id/retire',
    access,
    params: idParams,
    body: retireBody,
    async handler({ req, actor, params, body, services }) {
      const retired = await retireRule(services, actor, req.ip ?? null, params.id, body);
      return { body: { ...retired, rule: await ruleDetail(services.sequelize, actor, params.id) } };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/rules/:id/rollback',
    access,
    params: idParams,
    body: rollbackBody,
    async handler({ req, actor, params, body, services }) {
      const rolled = await rollbackRule(services, actor, req.ip ?? null, params.id, body);
      return {
        status: 201,
        body: { ...rolled, rule: await ruleDetail(services.sequelize, actor, params.id) },
      };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/rules/:id/versions',
    access,
    params: idParams,
    async handler({ actor, params, services }) {
      return { body: await ruleVersions(services.sequelize, actor, params.id) };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/rules/:id/versions/:version',
    access,
    params: versionParams,
    async handler({ actor, params, services }) {
      return { body: await ruleVersion(services.sequelize, actor, params.id, params.version) };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/rules/:id/diff',
    access,
    params: idParams,
    query: diffQuery,
    async handler({ actor, params, query, services }) {
      return {
        body: await ruleDiff(services.sequelize, actor, params.id, query.from, query.to),
      };
    },
  }),
];
