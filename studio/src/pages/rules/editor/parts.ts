import type { Condition, Effect, RuleDocument } from '@lealtad/rules-schema';
import {
  addToGroup,
  conditionAt,
  factsFor,
  isWithin,
  newId,
  newLeaf,
  removeConditionAt,
  type Path,
} from './conditions';
import { nodeIdOf, type RuleNode } from './graph';

/** What the palette adds: a condition, a group, an effect or a limit. */
const PARTS = [
  'condition',
  'all',
  'any',
  'not',
  'fixedPoints',
  'pointsPerAmount',
  'multiplier',
  'reward',
  'message',
  'tag',
  'cap',
  'budget',
] as const;
export type Part = (typeof PARTS)[number];

/** The drag-and-drop type of palette items. */
export const PART_MIME = 'application/x-lealtad-rule-part';

export const partOf = (value: string): Part | undefined => PARTS.find((part) => part === value);

function newEffect(rule: RuleDocument, type: Effect['type']): Effect {
  const id = newId(rule, 'efecto');
  switch (type) {
    case 'fixedPoints':
      return { id, type, points: 100 };
    case 'pointsPerAmount':
      return { id, type, points: 1, perAmountCents: 1000, rounding: 'floor' };
    case 'multiplier':
      return { id, type, factor: 2, rounding: 'floor' };
    case 'reward':
      return { id, type, rewardId: '' };
    case 'message':
      return { id, type, subject: '', body: '' };
    case 'tag':
      return { id, type, tag: '' };
  }
}

/** Adds `part` (conditions into the group at `groupPath`); gives the new node's id. */
export function addPart(rule: RuleDocument, part: Part, groupPath: Path): string | null {
  switch (part) {
    case 'condition': {
      const fact = factsFor(rule.trigger.type)[0];
      if (!fact) return null;
      return nodeIdOf(addToGroup(rule, groupPath, newLeaf(newId(rule, 'condicion'), fact.id)));
    }
    case 'all':
    case 'any':
    case 'not': {
      const id = newId(rule, 'grupo');
      const group: Condition =
        part === 'not'
          ? { id, not: { all: [] } }
          : part === 'all'
            ? { id, all: [] }
            : { id, any: [] };
      return nodeIdOf(addToGroup(rule, groupPath, group));
    }
    case 'cap':
      rule.caps.perCustomer.push({ period: 'month', maxTimes: 1 });
      return nodeIdOf(['caps', 'perCustomer', rule.caps.perCustomer.length - 1]);
    case 'budget':
      rule.caps.budget ??= { maxPoints: 10_000, period: 'month' };
      return nodeIdOf(['caps', 'budget']);
    default:
      rule.effects.push(newEffect(rule, part));
      return nodeIdOf(['effects', rule.effects.length - 1]);
  }
}

/** Takes a node out of the rule; the trigger stays, the audience and root group are emptied. */
export function removeNode(rule: RuleDocument, node: RuleNode): void {
  const [head, second, index] = node.path;
  switch (node.kind) {
    case 'trigger':
      return;
    case 'audience':
      rule.audience = { zones: [], customerTypes: [], segments: [], tags: [] };
      return;
    case 'group':
    case 'condition':
      if (node.path.length === 1) rule.conditions = { all: [] };
      else removeConditionAt(rule, node.path);
      return;
    case 'effect':
      if (head === 'effects' && typeof second === 'number') rule.effects.splice(second, 1);
      return;
    case 'cap':
      if (typeof index === 'number') rule.caps.perCustomer.splice(index, 1);
      return;
    case 'budget':
      delete rule.caps.budget;
      return;
  }
}

/** Moves the condition at `from` into the group at `toGroup` (never into itself). */
export function moveCondition(rule: RuleDocument, from: Path, toGroup: Path): void {
  if (from.length === 1 || isWithin(toGroup, from)) return;
  // Held by reference: removing `from` may shift the indices in `toGroup`'s path.
  const target = conditionAt(rule, toGroup);
  const moved = conditionAt(rule, from);
  if (!target || !moved || 'fact' in target) return;
  removeConditionAt(rule, from);
  if ('not' in target) target.not = moved;
  else if ('all' in target) target.all.push(moved);
  else target.any.push(moved);
}
