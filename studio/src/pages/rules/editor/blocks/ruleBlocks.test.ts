// @vitest-environment jsdom
import * as Blockly from 'blockly/core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  canonicalJson,
  findFact,
  SEED_RULES,
  type ConditionGroup,
  type FactDefinition,
} from '@lealtad/rules-schema';
import { conditionsArbitrary } from '../../../../../../rules-schema/src/test-support/arbitraries';
import type { Choice } from '../../rulesApi';
import {
  blockToGroup,
  codesOfWritten,
  conditionToBlock,
  defineRuleBlocks,
  factBlockType,
} from './ruleBlocks';

// Choices as the platform would give them. A name that is also a value of the random trees
// ("A") shows that values drawn from a rule are never read as names.
const choices: Record<string, Choice[]> = {
  'customer.zone': [
    { value: 'NORTE', label: 'Norte' },
    { value: 'SUR', label: 'Sur' },
  ],
  'customer.tags': [
    { value: 'VIP', label: 'Cliente VIP' },
    { value: 'ORO', label: 'A' },
  ],
  'purchase.category': [{ value: 'electrónica', label: 'electrónica' }],
};

const words = {
  fact: (fact: { id: string }) => fact.id,
  operator: (operator: string) => operator,
  group: (kind: string) => kind,
  and: 'y',
  yes: 'sí',
  no: 'no',
  today: 'hoy',
  pick: 'Elige…',
  choices: (fact: FactDefinition) => choices[fact.id] ?? null,
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

/** The value field of the first condition of a group drawn on a headless workspace. */
function firstValueField(group: ConditionGroup, workspace: Blockly.Workspace) {
  const field = conditionToBlock(group, workspace).getInputTargetBlock('CHILDREN')?.getField('V');
  if (!field) throw new Error('no value field');
  return field;
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

  it('pick platform values by name and keep their codes', () => {
    const workspace = new Blockly.Workspace();
    const zone: ConditionGroup = {
      all: [{ id: 'zona', fact: 'customer.zone', operator: 'equal', value: 'SUR' }],
    };
    const field = firstValueField(zone, workspace);
    expect(field).toBeInstanceOf(Blockly.FieldDropdown);
    expect(field.getText()).toBe('Sur');
    expect(field.getValue()).toBe('SUR');
    expect(blockToGroup(conditionToBlock(zone, workspace))).toEqual(zone);
    const tags: ConditionGroup = {
      all: [{ id: 'tags', fact: 'customer.tags', operator: 'containsAny', value: ['VIP', 'ORO'] }],
    };
    expect(firstValueField(tags, workspace).getText()).toBe('Cliente VIP, A');
    expect(blockToGroup(conditionToBlock(tags, workspace))).toEqual(tags);
    workspace.dispose();
  });

  it('start a dropped choice block empty, with the empty option first', () => {
    const workspace = new Blockly.Workspace();
    const zone = findFact('customer.zone');
    if (!zone) throw new Error('no zone fact');
    const field = workspace.newBlock(factBlockType(zone)).getField('V');
    if (!(field instanceof Blockly.FieldDropdown)) throw new Error('not a dropdown');
    expect(field.getValue()).toBe('');
    expect(field.getOptions(false)).toEqual([
      ['Elige…', ''],
      ['Norte', 'NORTE'],
      ['Sur', 'SUR'],
    ]);
    workspace.dispose();
  });

  it('keep a value that is not among the choices, offered as an option of its own', () => {
    const group: ConditionGroup = {
      all: [
        { id: 'zona', fact: 'customer.zone', operator: 'equal', value: 'PONIENTE' },
        {
          id: 'cat',
          fact: 'purchase.category',
          operator: 'in',
          value: ['juguetes', 'electrónica'],
        },
      ],
    };
    expect(throughBlocks(group)).toEqual(group);
    expect(throughSavedBlocks(group)).toEqual(group);
    const workspace = new Blockly.Workspace();
    const field = firstValueField(group, workspace);
    if (!(field instanceof Blockly.FieldDropdown)) throw new Error('not a dropdown');
    expect(field.getOptions(false)).toContainEqual(['PONIENTE', 'PONIENTE']);
    expect(field.getText()).toBe('PONIENTE');
    workspace.dispose();
  });

  it('read a written list of names or codes as codes', () => {
    const tags = choices['customer.tags'] ?? [];
    expect(codesOfWritten(tags, 'cliente vip, ORO, nuevos')).toBe('VIP, ORO, nuevos');
    expect(codesOfWritten(tags, ' Cliente  VIP ,a')).toBe('VIP, ORO');
  });

  it('take a typed beginning for "starts with", even where the fact has choices', () => {
    const workspace = new Blockly.Workspace();
    const group: ConditionGroup = {
      all: [{ id: 'zona', fact: 'customer.zone', operator: 'startsWith', value: 'NOR' }],
    };
    const field = firstValueField(group, workspace);
    expect(field).toBeInstanceOf(Blockly.FieldTextInput);
    expect(field).not.toBeInstanceOf(Blockly.FieldDropdown);
    expect(blockToGroup(conditionToBlock(group, workspace))).toEqual(group);
    const block = workspace.getAllBlocks(false).find((candidate) => candidate.data === 'zona');
    block?.setFieldValue('equal', 'OP');
    expect(block?.getField('V')).toBeInstanceOf(Blockly.FieldDropdown);
    workspace.dispose();
  });
});
