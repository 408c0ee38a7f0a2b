import { Engine } from 'json-rules-engine';
import type { CompiledRule, EngineCondition } from './compile';
import { isIsoDate } from './dates';
import {
  addOperators,
  applyOperator,
  operatorImplementation,
  type OperatorContext,
} from './operators';
import type { Condition, ConditionValue, FactValue, Facts, Operator } from './schema';

export type LeafResult = 'passed' | 'failed' | 'notEvaluated';

/** What one leaf condition saw and decided, named by its DSL id. */
export interface TraceEntry {
  id: string;
  fact: string;
  factValue: FactValue | undefined;
  operator: Operator;
  expected: ConditionValue;
  result: LeafResult;
}

export interface Evaluation {
  matched: boolean;
  /** Every leaf, in the order the rule lists them. */
  trace: TraceEntry[];
}

export function operatorContextOf(facts: Facts): OperatorContext {
  const today = facts['today.date'];
  return { today: isIsoDate(today) ? today : undefined };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isFactValue(value: unknown): value is FactValue {
  return (
    value === null ||
    ['string', 'number', 'boolean'].includes(typeof value) ||
    (Array.isArray(value) && value.every((item) => typeof item === 'string'))
  );
}

/** The child of a json-rules-engine result node under `key` (and `index` for all/any). */
function resultChild(node: unknown, key: 'all' | 'any' | 'not', index?: number): unknown {
  if (!isRecord(node)) return undefined;
  const child = node[key];
  return index === undefined ? child : Array.isArray(child) ? child[index] : undefined;
}

/**
 * Walks the compiled conditions (typed, ours) beside json-rules-engine's result tree (the same
 * shape, with `result` and `factResult` set on the leaves it evaluated).
 */
function traceCondition(
  condition: EngineCondition,
  result: unknown,
  facts: Facts,
  into: TraceEntry[],
): void {
  if ('all' in condition) {
    condition.all.forEach((child, i) =>
      traceCondition(child, resultChild(result, 'all', i), facts, into),
    );
  } else if ('any' in condition) {
    condition.any.forEach((child, i) =>
      traceCondition(child, resultChild(result, 'any', i), facts, into),
    );
  } else if ('not' in condition) {
    traceCondition(condition.not, resultChild(result, 'not'), facts, into);
  } else {
    const outcome = isRecord(result) ? result.result : undefined;
    const evaluated = typeof outcome === 'boolean';
    const factResult = isRecord(result) ? result.factResult : undefined;
    into.push({
      id: condition.name,
      fact: condition.fact,
      // Leaves json-rules-engine skipped show the value they would have read.
      factValue: evaluated && isFactValue(factResult) ? factResult : facts[condition.fact],
      operator: condition.operator,
      expected: condition.value,
      result: evaluated ? (outcome ? 'passed' : 'failed') : 'notEvaluated',
    });
  }
}

/**
 * Runs one compiled rule through json-rules-engine on a fresh Engine (a shared Engine loses
 * rules under concurrent run() calls: json-rules-engine issue #303) and returns whether it
 * matched, with the trace of every leaf.
 */
export async function evaluateRule(
  compiled: Pick<CompiledRule, 'engineRule'>,
  facts: Facts,
): Promise<Evaluation> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  addOperators(engine, operatorContextOf(facts));
  engine.addRule(compiled.engineRule);
  const presentFacts = Object.fromEntries(
    Object.entries(facts).filter(([, value]) => value !== undefined),
  );
  const { results, failureResults } = await engine.run(presentFacts);
  const ruleResult = results[0] ?? failureResults[0];
  const trace: TraceEntry[] = [];
  traceCondition(compiled.engineRule.conditions, ruleResult?.conditions, facts, trace);
  return { matched: results.length > 0, trace };
}

/** A rule's conditions as a plain function of the facts. */
export type Matcher = (facts: Facts, context: OperatorContext) => boolean;

const always: Matcher = () => true;
const never: Matcher = () => false;

/**
 * Compiles DSL conditions to nested closures calling the same operators json-rules-engine is
 * given: the runtime's fast path. The property tests hold it equal to evaluateRule, which stays
 * the reference (and the trace engine for simulations).
 */
export function compileMatcher(condition: Condition): Matcher {
  if ('all' in condition) {
    const children = condition.all.map(compileMatcher);
    if (children.length === 0) return always;
    if (children.length === 1) return children[0] as Matcher;
    return (facts, context) => {
      for (const child of children) if (!child(facts, context)) return false;
      return true;
    };
  }
  if ('any' in condition) {
    const children = condition.any.map(compileMatcher);
    if (children.length === 0) return never;
    return (facts, context) => {
      for (const child of children) if (child(facts, context)) return true;
      return false;
    };
  }
  if ('not' in condition) {
    const child = compileMatcher(condition.not);
    return (facts, context) => !child(facts, context);
  }
  const { fact, operator, value } = condition;
  const test = operatorImplementation(operator);
  return (facts, context) => test(facts[fact], value, context);
}

/** Reads the DSL conditions directly (through compileMatcher), with the operators of evaluateRule. */
export function matchesDirectly(condition: Condition, facts: Facts): boolean {
  return compileMatcher(condition)(facts, operatorContextOf(facts));
}

/**
 * The same evaluation as evaluateRule (json-rules-engine evaluates every leaf of a rule whose
 * conditions share one priority, as compiled rules do), without an Engine: what the runtime
 * keeps with each award.
 */
export function traceDirectly(condition: Condition, facts: Facts): Evaluation {
  const context = operatorContextOf(facts);
  const trace: TraceEntry[] = [];
  const visit = (node: Condition): boolean => {
    if ('all' in node) return node.all.map(visit).every(Boolean);
    if ('any' in node) return node.any.map(visit).some(Boolean);
    if ('not' in node) return !visit(node.not);
    const factValue = facts[node.fact];
    const passed = applyOperator(node.operator, factValue, node.value, context);
    trace.push({
      id: node.id,
      fact: node.fact,
      factValue,
      operator: node.operator,
      expected: node.value,
      result: passed ? 'passed' : 'failed',
    });
    return passed;
  };
  return { matched: visit(condition), trace };
}
