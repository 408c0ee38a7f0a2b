import type {
  Evaluation,
  RuleChange,
  RuleDocumentInput,
  RuleIssue,
  TriggerType,
  Validity,
} from '@lealtad/rules-schema';

/** The shapes of `/api/rules` as the studio reads them (dates are ISO strings). */
export const ruleStates = ['draft', 'published', 'retired'] as const;
export type RuleState = (typeof ruleStates)[number];

export interface RuleSummary {
  id: number;
  key: string;
  name: string;
  trigger: TriggerType;
  state: RuleState;
  zoneId: number | null;
  liveVersion: number | null;
  latestVersion: number | null;
  draftRevision: number;
  hasUnpublishedChanges: boolean;
  summary: string | null;
  validity: Validity | null;
  pointsLast30Days: number;
  awardsLast30Days: number;
  updatedAt: string;
  updatedBy: { id: number; name: string } | null;
}

export interface RuleDetail extends RuleSummary {
  draft: RuleDocumentInput;
  issues: RuleIssue[];
}

export interface RuleVersion {
  version: number;
  hash: string;
  comment: string | null;
  author: { id: number; name: string } | null;
  createdAt: string;
  live: boolean;
}

/** One published version with its document. */
export interface RuleVersionDocument extends Omit<RuleVersion, 'live'> {
  definition: RuleDocumentInput;
}

export interface RuleVersions {
  liveVersion: number | null;
  items: RuleVersion[];
}

export interface RuleDiff {
  from: number;
  to: number | 'draft';
  changes: RuleChange[];
}

export interface AudienceCheck {
  field: 'zones' | 'customerTypes' | 'segments' | 'tags';
  expected: string[];
  actual: string | string[] | null;
  passed: boolean;
}

export interface Simulation {
  inForce: boolean;
  audience: AudienceCheck[];
  conditions: Evaluation;
  matched: boolean;
  baseEarn: number;
  pointsBeforeCaps: number;
  points: number;
  capOutcome: 'full' | 'truncated' | 'skipped' | null;
}

/** A customer to simulate with, as rule designers see it: no contact data. */
export interface SimulationCustomer {
  id: number;
  name: string;
  zone: { id: number; code: string; name: string } | null;
  customerType: { code: string; name: string } | null;
  balance: number;
}

/** One of the customer's stored purchases, replayed by its partner id. */
export interface SimulationPurchase {
  transactionId: string;
  amount: number;
  category: string;
  storeId: string;
  occurredAt: string;
  pointsAwarded: number;
  status: string;
}

export interface BacktestTotals {
  matched: number;
  customers: number;
  points: number;
  budget: { used: number; maxPoints: number } | null;
}

export interface Backtest {
  from: string;
  to: string;
  purchases: number;
  truncated: boolean;
  draft: BacktestTotals | null;
  published: (BacktestTotals & { version: number }) | null;
}

/** A value a rule may name: `value` is what the rule stores, `label` what a person reads. */
export interface Choice {
  value: string;
  label: string;
}

/** `/api/rules/choices`: the platform's values the studio offers for rules. */
export interface RuleChoices {
  zones: Choice[];
  customerTypes: Choice[];
  states: Choice[];
  cities: (Choice & { state: string })[];
  categories: Choice[];
  stores: Choice[];
  tags: Choice[];
  rewards: Choice[];
}
