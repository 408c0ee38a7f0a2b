import { canonicalJson, sortedKeysCopy } from './json';
import {
  ruleDocumentSchema,
  type Condition,
  type ConditionGroup,
  type ConditionLeaf,
  type ConditionValue,
  type RuleDocument,
} from './schema';
import { sha256Hex } from './sha256';

// DSL → json-rules-engine rule JSON. Output is canonical (sorted keys, fixed shapes), so the
// same rule always compiles to the same bytes and the same hash.

export interface EngineLeaf {
  fact: string;
  /** The DSL leaf id, so a trace maps back to the block the user drew. */
  name: string;
  operator: ConditionLeaf['operator'];
  value: ConditionValue;
}
export type EngineGroup =
  | { all: EngineCondition[]; name?: string }
  | { any: EngineCondition[]; name?: string }
  | { not: EngineCondition; name?: string };
export type EngineCondition = EngineLeaf | EngineGroup;

/** A json-rules-engine rule (its RuleProperties), as plain JSON. */
export interface EngineRule {
  name: string;
  priority: 1;
  conditions: EngineGroup;
  event: { type: 'rule-matched'; params: { key: string } };
}

export interface CompiledRule {
  key: string;
  engineRule: EngineRule;
  /** SHA-256 (hex) of the rule's meaning: the parsed DSL without the studio layout, and the engine rule. */
  hash: string;
  /** The facts the conditions read, sorted, so the runtime resolves only these. */
  factsUsed: string[];
}

export function isLeaf(condition: Condition): condition is ConditionLeaf {
  return 'fact' in condition;
}

function compileGroup(group: ConditionGroup): EngineGroup {
  const name = group.id;
  if ('all' in group) return { all: group.all.map(compileCondition), name };
  if ('any' in group) {
    // json-rules-engine counts an empty `any` as passing; in the DSL none of nothing passes.
    return group.any.length === 0
      ? { not: { all: [] }, name }
      : { any: group.any.map(compileCondition), name };
  }
  return { not: compileCondition(group.not), name };
}

function compileCondition(condition: Condition): EngineCondition {
  if (!isLeaf(condition)) return compileGroup(condition);
  return {
    fact: condition.fact,
    name: condition.id,
    operator: condition.operator,
    value: condition.value,
  };
}

function collectFacts(condition: Condition, into: Set<string>): Set<string> {
  if (isLeaf(condition)) into.add(condition.fact);
  else if ('all' in condition) for (const child of condition.all) collectFacts(child, into);
  else if ('any' in condition) for (const child of condition.any) collectFacts(child, into);
  else collectFacts(condition.not, into);
  return into;
}

/**
 * Compiles a rule (as written or parsed; it is parsed again so defaults are filled in the same
 * way). Throws a ZodError when the document's shape is wrong; the static checks are separate.
 */
export function compileRule(input: unknown): CompiledRule {
  const rule: RuleDocument = ruleDocumentSchema.parse(input);
  const engineRule = sortedKeysCopy<EngineRule>({
    name: rule.key,
    priority: 1,
    conditions: compileGroup(rule.conditions),
    event: { type: 'rule-matched', params: { key: rule.key } },
  });
  const meaning = { ...rule, meta: { ...rule.meta, layout: {} } };
  return {
    key: rule.key,
    engineRule,
    hash: sha256Hex(canonicalJson({ definition: meaning, engineRule })),
    factsUsed: [...collectFacts(rule.conditions, new Set())].sort(),
  };
}
