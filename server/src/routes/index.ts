import type { Route } from '../http/route';
import { apiKeyRoutes } from './apiKeys';
import { auditRoutes } from './audit';
import { customerRoutes } from './customers';
import { authRoutes } from './auth';
import { cardRoutes } from './cards';
import { healthRoutes } from './health';
import { jobRoutes } from './jobs';
import { myCardRoutes } from './me/cards';
import { meProfileRoutes } from './me/profile';
import { myRewardRoutes } from './me/rewards';
import { partnerRoutes } from './partner';
import { ruleRoutes } from './rules';
import { redemptionImportRoutes } from './redemptionImports';
import { redemptionRoutes } from './redemptions';
import { rewardRoutes } from './rewards';
import { userRoutes } from './users';
import { zoneRoutes } from './zones';

/** The route table: every API route, each with its access rule. Tests walk it. */
export const apiRoutes: readonly Route[] = [
  // The partner feed is the hot path: its routes are matched first.
  ...partnerRoutes,
  ...healthRoutes,
  ...authRoutes,
  ...userRoutes,
  ...zoneRoutes,
  ...auditRoutes,
  ...apiKeyRoutes,
  ...cardRoutes,
  ...myCardRoutes,
  ...customerRoutes,
  ...meProfileRoutes,
  ...ruleRoutes,
  ...jobRoutes,
  ...rewardRoutes,
  ...myRewardRoutes,
  ...redemptionRoutes,
  ...redemptionImportRoutes,
];
