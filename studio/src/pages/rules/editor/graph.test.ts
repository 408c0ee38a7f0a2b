import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  diffRules,
  isLeaf,
  parseRule,
  SEED_RULES,
  validateRule,
  type Condition,
  type RuleDocument,
} from '@lealtad/rules-schema';
import { conditionsArbitrary } from '../../../../../rules-schema/src/test-support/arbitraries';
import { childrenOf, conditionAt } from './conditions';
import { changedNodes, nodeForIssue, ruleGraph } from './graph';
import { addPart, moveCondition, removeNode } from './parts';

function leaves(condition: Condition): Condition[] {
  if (isLeaf(condition)) return [condition];
  return childrenOf(condition, []).flatMap(({ child }) => leaves(child));
}

/** Every part of the rule has its node, and each node's path leads back to that part. */
function expectDrawnWhole(rule: RuleDocument) {
  const { nodes, edges } = ruleGraph(rule);
  const ids = nodes.map((node) => node.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const leaf of leaves(rule.conditions)) {
    const node = nodes.find((candidate) => candidate.leafId === leaf.id);
    expect(node && conditionAt(rule, node.path)).toEqual(leaf);
  }
  expect(nodes.filter((node) => node.kind === 'effect')).toHaveLength(rule.effects.length);
  expect(nodes.filter((node) => node.kind === 'cap')).toHaveLength(rule.caps.perCustomer.length);
  // Connected: every node but the trigger is some edge's target.
  const targets = new Set(edges.map((edge) => edge.target));
  expect(ids.filter((id) => id !== 'trigger' && !targets.has(id))).toEqual([]);
}

const base = (conditions: RuleDocument['conditions']): RuleDocument =>
  parseRule({
    key: 'prueba',
    name: 'Prueba',
    trigger: { type: 'purchase' },
    conditions,
    effects: [{ id: 'puntos', type: 'fixedPoints', points: 10 }],
  });

describe('the rule as a graph', () => {
  it('draws every seeded rule whole', () => {
    for (const rule of SEED_RULES) expectDrawnWhole(rule);
  });

  it('draws random condition trees whole', () => {
    fc.assert(fc.property(conditionsArbitrary, (conditions) => expectDrawnWhole(base(conditions))));
  });

  it("pins each check's issue to the node that causes it", () => {
    const rule = structuredClone(base({ all: [] }));
    addPart(rule, 'condition', ['conditions']);
    const leaf = conditionAt(rule, ['conditions', 'all', 0]);
    if (!leaf || !isLeaf(leaf)) throw new Error('no leaf');
    leaf.value = 'mucho';
    rule.effects = [];
    const { issues } = validateRule(rule);
    const { nodes } = ruleGraph(rule);
    const pinned = issues.map((issue) => [issue.code, nodeForIssue(issue, nodes)]);
    expect(pinned).toContainEqual(['value_wrong_type', 'conditions.all.0']);
    expect(pinned).toContainEqual(['no_effects', 'conditions']);
  });
});

describe('editing the graph', () => {
  it('adds, moves and removes parts and keeps a rule of the right shape', () => {
    const rule = structuredClone(base({ all: [] }));
    expect(addPart(rule, 'condition', ['conditions'])).toBe('conditions.all.0');
    expect(addPart(rule, 'any', ['conditions'])).toBe('conditions.all.1');
    expect(addPart(rule, 'multiplier', ['conditions'])).toBe('effects.1');
    expect(addPart(rule, 'cap', ['conditions'])).toBe('caps.perCustomer.0');
    expect(addPart(rule, 'budget', ['conditions'])).toBe('caps.budget');

    // The condition connected into the "any" group moves there.
    moveCondition(rule, ['conditions', 'all', 0], ['conditions', 'all', 1]);
    expect(rule.conditions).toMatchObject({ all: [{ any: [{ id: 'condicion-1' }] }] });
    // A group never moves into itself.
    moveCondition(rule, ['conditions', 'all', 0], ['conditions', 'all', 0, 'any', 0]);
    expect(rule.conditions).toMatchObject({ all: [{ any: [{ id: 'condicion-1' }] }] });
    expect(validateRule(rule).rule).toBeDefined();

    for (const node of ruleGraph(rule)
      .nodes.filter((candidate) => candidate.kind !== 'trigger')
      .reverse()) {
      removeNode(rule, node);
    }
    expect(rule.conditions).toEqual({ all: [] });
    expect(rule.effects).toEqual([]);
    expect(rule.caps.perCustomer).toEqual([]);
    expect(rule.caps.budget).toBeUndefined();
    expect(validateRule(rule).rule).toBeDefined();
  });
});

describe('two versions compared', () => {
  const sides = (before: RuleDocument, after: RuleDocument) => {
    const changes = diffRules(before, after);
    const sorted = ({ changed, only }: { changed: string[]; only: string[] }) => ({
      changed: [...changed].sort(),
      only: [...only].sort(),
    });
    return {
      before: sorted(changedNodes(changes, ruleGraph(before).nodes, 'before')),
      after: sorted(changedNodes(changes, ruleGraph(after).nodes, 'after')),
    };
  };

  it('outlines changed nodes on both sides, added ones on the right, removed ones on the left', () => {
    const before = structuredClone(base({ all: [] }));
    addPart(before, 'cap', ['conditions']);
    const after = structuredClone(before);
    addPart(after, 'condition', ['conditions']);
    after.effects[0] = { id: 'puntos', type: 'fixedPoints', points: 150 };
    after.caps.perCustomer = [];

    expect(sides(before, after)).toEqual({
      // The group gained a condition, the effect's points changed, the limit went away.
      before: { changed: ['conditions', 'effects.0'], only: ['caps.perCustomer.0'] },
      after: { changed: ['conditions', 'effects.0'], only: ['conditions.all.0'] },
    });
  });

  it('marks a group taken out as removed with every condition it held', () => {
    const after = structuredClone(base({ all: [] }));
    addPart(after, 'condition', ['conditions']);
    const before = structuredClone(after);
    addPart(before, 'any', ['conditions']);
    addPart(before, 'condition', ['conditions', 'all', 1]);
    addPart(before, 'condition', ['conditions', 'all', 1]);

    expect(sides(before, after)).toEqual({
      before: {
        changed: ['conditions'],
        only: ['conditions.all.1', 'conditions.all.1.any.0', 'conditions.all.1.any.1'],
      },
      after: { changed: ['conditions'], only: [] },
    });
  });

  it('marks nothing when the versions are the same, and only nodes one side alone draws', () => {
    fc.assert(
      fc.property(conditionsArbitrary, conditionsArbitrary, (first, second) => {
        const before = base(first);
        const after = base(second);
        expect(sides(before, structuredClone(before))).toEqual({
          before: { changed: [], only: [] },
          after: { changed: [], only: [] },
        });
        const marked = sides(before, after);
        const drawn = (rule: RuleDocument) => new Set(ruleGraph(rule).nodes.map((node) => node.id));
        const [beforeIds, afterIds] = [drawn(before), drawn(after)];
        for (const id of marked.before.only) expect(afterIds.has(id)).toBe(false);
        for (const id of marked.after.only) expect(beforeIds.has(id)).toBe(false);
        for (const id of marked.before.changed) expect(beforeIds.has(id)).toBe(true);
        for (const id of marked.after.changed) expect(afterIds.has(id)).toBe(true);
      }),
    );
  });
});
