import {
  findFact,
  formatMoney,
  type Evaluation,
  type FactValue,
  type RuleDocument,
} from '@lealtad/rules-schema';
import type { AudienceCheck } from '../rulesApi';
import type { RulesT } from '../rulesText';
import { ruleGraph } from './graph';
import type { TracePaint } from './store';

/** A fact's value as a person reads it: pesos for money, "—" for a value that is not there. */
function factValueWords(factId: string, value: FactValue | undefined, t: RulesT): string {
  if (value === undefined || value === null) return t('trace.missing');
  if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : t('trace.emptyList');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'number' && findFact(factId)?.type === 'money') return formatMoney(value);
  return String(value);
}

/** What the canvas paints for an evaluation: each leaf's node by its DSL id. */
export function tracePaint(
  rule: RuleDocument,
  evaluation: Evaluation,
  audience: AudienceCheck[],
  t: RulesT,
  inForce?: boolean,
): TracePaint {
  const nodes = ruleGraph(rule).nodes;
  const leaves: TracePaint['leaves'] = {};
  for (const entry of evaluation.trace) {
    const node = nodes.find((candidate) => candidate.leafId === entry.id);
    if (!node) continue;
    leaves[node.id] = {
      result: entry.result,
      actual: factValueWords(entry.fact, entry.factValue, t),
    };
  }
  return { leaves, audience, ...(inForce === undefined ? {} : { inForce }) };
}
