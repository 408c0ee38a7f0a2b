// @vitest-environment jsdom
import * as Blockly from 'blockly/core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, SEED_RULES, type ConditionGroup } from '@lealtad/rules-schema';
import { conditionsArbitrary } from '../../../../../../rules-schema/src/test-support/arbitraries';
import { blockToGroup, conditionToBlock, defineRuleBlocks } from './ruleBlocks';

const words = {
  fact: (fact: { id: string }) => fact.id,
  operator: (operator: string) => operator,
  group: (kind: string) => kind,
  and: 'y',
  yes: 'sí',
  no: 'no',
  today: 'hoy',
};

beforeAll(() => defineRuleBlocks(words));

/** DSL → blocks on a headless workspace → DSL. */
function throughBlocks(group: ConditionGroup): ConditionGroup {
  const workspace = new Blockly.Workspace();
  try {
    return blockToGroup(conditionToBlock(group, workspace));
  } finally {
    workspace.dispose();
  }
}

/** Through Blockly's own save and load too, as copies and undo do. */
function throughSavedBlocks(group: ConditionGroup): ConditionGroup {
  const first = new Blockly.Workspace();
  const second = new Blockly.Workspace();
  try {
    const saved = Blockly.serialization.blocks.save(conditionToBlock(group, first));
    if (!saved) throw new Error('nothing saved');
    return blockToGroup(Blockly.serialization.blocks.append(saved, second));
  } finally {
    first.dispose();
    second.dispose();
  }
}

describe('conditions as blocks', () => {
  it('lose nothing for every seeded rule', () => {
    for (const rule of SEED_RULES) {
      expect(canonicalJson(throughBlocks(rule.conditions))).toBe(canonicalJson(rule.conditions));
      expect(canonicalJson(throughSavedBlocks(rule.conditions))).toBe(
        canonicalJson(rule.conditions),
      );
    }
  });

  it('lose nothing for random condition trees', () => {
    fc.assert(
      fc.property(conditionsArbitrary, (conditions) => {
        expect(canonicalJson(throughBlocks(conditions))).toBe(canonicalJson(conditions));
        expect(canonicalJson(throughSavedBlocks(conditions))).toBe(canonicalJson(conditions));
      }),
      { numRuns: 200 },
    );
  });

  it('keep money in cents while the block shows pesos', () => {
    const workspace = new Blockly.Workspace();
    const block = conditionToBlock(
      {
        all: [
          { id: 'monto', fact: 'purchase.amount', operator: 'greaterThanInclusive', value: 49_999 },
        ],
      },
      workspace,
    );
    expect(block.getInputTargetBlock('CHILDREN')?.getFieldValue('V')).toBe(499.99);
    expect(blockToGroup(block)).toEqual({
      all: [
        { id: 'monto', fact: 'purchase.amount', operator: 'greaterThanInclusive', value: 49_999 },
      ],
    });
    workspace.dispose();
  });
});
