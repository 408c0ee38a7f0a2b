import {
  FACT_CATALOG,
  findFact,
  isLeaf,
  operatorsFor,
  valueKindOf,
  type Condition,
  type ConditionGroup,
  type ConditionLeaf,
  type ConditionValue,
  type FactDefinition,
  type Operator,
  type RuleDocument,
  type TriggerType,
  type ValueKind,
} from '@lealtad/rules-schema';
import { today } from '../../../shared/dates';

// The condition tree addressed by paths into the document (['conditions', 'all', 0, …]):
// the same paths the rule checks report, so an issue finds its node by its path.

export type Path = (string | number)[];
export type GroupKind = 'all' | 'any' | 'not';

export const groupKind = (group: ConditionGroup): GroupKind =>
  'all' in group ? 'all' : 'any' in group ? 'any' : 'not';

/** The children of a group with the path of each. */
export function childrenOf(group: ConditionGroup, path: Path): { child: Condition; path: Path }[] {
  if ('not' in group) return [{ child: group.not, path: [...path, 'not'] }];
  const kind = 'all' in group ? 'all' : 'any';
  const list = 'all' in group ? group.all : group.any;
  return list.map((child, index) => ({ child, path: [...path, kind, index] }));
}

export function conditionAt(rule: RuleDocument, path: Path): Condition | undefined {
  let current: unknown = rule;
  for (const step of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current as Condition | undefined;
}

/** Replaces the condition at `path` (the document is a draft copy being changed). */
export function setConditionAt(rule: RuleDocument, path: Path, condition: Condition): void {
  if (path.length === 1) {
    rule.conditions = condition as ConditionGroup;
    return;
  }
  const parent = conditionAt(rule, path.slice(0, -1)) as unknown as Record<
    string | number,
    Condition
  >;
  parent[path[path.length - 1] as string | number] = condition;
}

/** Removes the condition at `path` from its group; the root group cannot be removed. */
export function removeConditionAt(rule: RuleDocument, path: Path): Condition | undefined {
  const last = path[path.length - 1];
  const holder = conditionAt(rule, path.slice(0, -1));
  if (Array.isArray(holder) && typeof last === 'number') return holder.splice(last, 1)[0];
  if (last === 'not') {
    // A "not" needs one child: it becomes an empty "all" group, which always holds.
    const group = conditionAt(rule, path.slice(0, -1)) as { not: Condition };
    const removed = group.not;
    group.not = { all: [] };
    return removed;
  }
  return undefined;
}

/** Appends `condition` to the group at `groupPath` ("not" groups replace their one child). */
export function addToGroup(rule: RuleDocument, groupPath: Path, condition: Condition): Path {
  const group = conditionAt(rule, groupPath) as ConditionGroup;
  if ('not' in group) {
    group.not = condition;
    return [...groupPath, 'not'];
  }
  const list = 'all' in group ? group.all : group.any;
  list.push(condition);
  return [...groupPath, 'all' in group ? 'all' : 'any', list.length - 1];
}

/** Whether `inner` is `outer` or lies inside it. */
export const isWithin = (inner: Path, outer: Path): boolean =>
  outer.length <= inner.length && outer.every((step, index) => inner[index] === step);

/** The same group with its children under another kind ("all" ↔ "any" ↔ "not"). */
export function regroup(group: ConditionGroup, kind: GroupKind): ConditionGroup {
  const children = 'not' in group ? [group.not] : 'all' in group ? group.all : group.any;
  const id = group.id === undefined ? {} : { id: group.id };
  if (kind === 'not') return { ...id, not: children[0] ?? { all: [] } };
  return kind === 'all' ? { ...id, all: children } : { ...id, any: children };
}

/** Every id already used by a leaf, group or effect, so a new one can be told apart. */
function usedIds(rule: RuleDocument): Set<string> {
  const ids = new Set<string>();
  const walk = (condition: Condition) => {
    if (condition.id) ids.add(condition.id);
    if (!isLeaf(condition)) childrenOf(condition, []).forEach(({ child }) => walk(child));
  };
  walk(rule.conditions);
  rule.effects.forEach((effect) => effect.id && ids.add(effect.id));
  return ids;
}

export function newId(rule: RuleDocument, prefix: string): string {
  const ids = usedIds(rule);
  let n = 1;
  while (ids.has(`${prefix}-${n}`)) n += 1;
  return `${prefix}-${n}`;
}

/** The facts a rule on `trigger` may ask about. */
export const factsFor = (trigger: TriggerType): FactDefinition[] =>
  FACT_CATALOG.filter((fact) => !fact.triggers || fact.triggers.includes(trigger));

/** A value of the right shape to start from, so a new condition is whole from the start. */
function defaultValue(kind: ValueKind, fact: FactDefinition): ConditionValue {
  const day = today();
  const options = fact.options ?? [];
  switch (kind) {
    case 'number':
      return 1;
    case 'money':
      return 50_000;
    case 'numberRange':
      return { min: 1, max: 10 };
    case 'moneyRange':
      return { min: 10_000, max: 100_000 };
    case 'text':
      return '';
    case 'textList':
      return [];
    case 'option':
      return options[0] ?? '';
    case 'optionList':
      return options.slice(0, 1);
    case 'date':
      return day;
    case 'dateRange':
      return { from: day, to: day };
    case 'weekdayList':
      return ['sat', 'sun'];
    case 'true':
      return true;
    case 'days':
      return 30;
    case 'boolean':
      return true;
  }
}

/** A leaf on `factId` with its type's first operator and a starting value. */
export function newLeaf(id: string, factId: string): ConditionLeaf {
  const fact = findFact(factId) ?? FACT_CATALOG[0];
  const operator = operatorsFor(fact.type)[0] ?? 'equal';
  return { id, fact: fact.id, operator, value: defaultValue(kindOf(fact, operator), fact) };
}

export function kindOf(fact: FactDefinition, operator: Operator): ValueKind {
  return valueKindOf(fact.type, operator) ?? 'text';
}

/** The leaf with another operator: the value is kept when it still fits the new shape. */
export function withOperator(leaf: ConditionLeaf, operator: Operator): ConditionLeaf {
  const fact = findFact(leaf.fact);
  if (!fact) return { ...leaf, operator };
  const before = kindOf(fact, leaf.operator);
  const after = kindOf(fact, operator);
  return { ...leaf, operator, value: before === after ? leaf.value : defaultValue(after, fact) };
}
