import * as Blockly from 'blockly/core';
import {
  FACT_CATALOG,
  isLeaf,
  operatorsFor,
  valueKindOf,
  type Condition,
  type ConditionGroup,
  type ConditionLeaf,
  type ConditionValue,
  type FactDefinition,
  type Operator,
  type ValueKind,
} from '@lealtad/rules-schema';
import { foldText } from '../../../../shared/text';
import type { Choice } from '../../rulesApi';
import { offersChoices, withChosen } from '../ruleChoices';
import { cents, pesos } from './money';

// The condition logic as Blockly blocks: one block per fact of the catalog, so a fact brings
// the comparisons and the value fields of its own type (a money fact takes pesos, an option
// fact a list of its options), and group blocks for "all", "any" and "not". Each block keeps
// the DSL id of its condition in `data`, so traces and issues still find it.

/** Words the blocks show; the studio passes them in the person's language. */
interface BlockWords {
  fact: (fact: FactDefinition) => string;
  operator: (operator: Operator) => string;
  group: (kind: 'all' | 'any' | 'not') => string;
  and: string;
  yes: string;
  no: string;
  today: string;
  /** The first option of a choice dropdown, which leaves the value empty: "Elige…". */
  pick: string;
  /** The platform's values a fact may take (zones, cities…), or null when it takes free text. */
  choices: (fact: FactDefinition) => readonly Choice[] | null;
}

export const GROUP_BLOCKS = {
  all: 'grupo_todas',
  any: 'grupo_alguna',
  not: 'grupo_ninguna',
} as const;
const FACT_BLOCK_PREFIX = 'dato:';
export const factBlockType = (fact: FactDefinition) => `${FACT_BLOCK_PREFIX}${fact.id}`;
const CONDITION = 'condicion';

export const COLOURS = {
  group: '#b45309',
  fact: '#0f766e',
  money: '#15803d',
  date: '#6d28d9',
};

/** A fact block's own colour: by the type of its value. */
const factColour = (fact: FactDefinition): string =>
  fact.type === 'money' ? COLOURS.money : fact.type === 'date' ? COLOURS.date : COLOURS.fact;

/** A block of the condition logic (a group or a comparison), which traces paint. */
export const isConditionBlock = (block: Blockly.Block): boolean =>
  isFactBlock(block) || Object.values<string>(GROUP_BLOCKS).includes(block.type);

/** A block's own colour, to come back to after a trace painted it. */
export const blockColour = (block: Blockly.Block): string =>
  isFactBlock(block) ? factColour(block.fact) : COLOURS.group;

/**
 * A dropdown of a fact's choices that starts empty and keeps a value not among them (the data
 * changed, or the choices were not loaded yet) as an option of its own, so it is never dropped.
 */
export function choiceDropdown(choices: readonly Choice[], pick: string): Blockly.FieldDropdown {
  const kept: string[] = [];
  const known = new Set(choices.map((choice) => choice.value));
  // A generated (not fixed) list: Blockly would otherwise cut words common to every label.
  const options = (): Blockly.MenuOption[] => [
    [pick, ''],
    ...withChosen(choices, kept).map((choice): Blockly.MenuOption => [choice.label, choice.value]),
  ];
  class KeepingDropdown extends Blockly.FieldDropdown {
    protected override doClassValidation_(value?: string): string | null {
      if (typeof value === 'string' && value && !known.has(value) && !kept.includes(value)) {
        kept.push(value);
        this.getOptions(false);
      }
      return super.doClassValidation_(value);
    }
  }
  return new KeepingDropdown(options);
}

/**
 * What a person wrote in a list of choices, as the codes a rule stores: each item is a code, a
 * name (accents and case aside), or kept as written when it is neither.
 */
export function codesOfWritten(choices: readonly Choice[], text: string): string {
  const codes = new Set(choices.map((choice) => choice.value));
  const byName = new Map(choices.map((choice) => [foldText(choice.label), choice.value]));
  return unlist(text)
    .map((item) => (codes.has(item) ? item : (byName.get(foldText(item)) ?? item)))
    .join(', ');
}

/**
 * Several of a fact's choices written with commas: shows and takes names, keeps the codes. Only
 * what the person types is read as names; values drawn from the rule stay codes as they are.
 */
function choiceListField(choices: readonly Choice[]): Blockly.FieldTextInput {
  const names = new Map(choices.map((choice) => [choice.value, choice.label]));
  const named = (value: unknown) =>
    unlist(String(value ?? ''))
      .map((code) => names.get(code) ?? code)
      .join(', ');
  class ChoiceListField extends Blockly.FieldTextInput {
    protected override getText_(): string {
      return named(this.getValue());
    }
    protected override getEditorText_(value: unknown): string {
      return named(value);
    }
    protected override getValueFromEditorText_(text: string): string {
      return codesOfWritten(choices, text);
    }
  }
  return new ChoiceListField('');
}

/** What decides a comparison's value fields: the value's kind, and whether choices are offered. */
const fieldsShape = (fact: FactDefinition, operator: Operator) =>
  `${kindOf(fact, operator)}:${offersChoices(operator)}`;

/** The value fields of a comparison; lists are written with commas, money in pesos. */
function valueFields(
  input: Blockly.Input,
  fact: FactDefinition,
  operator: Operator,
  words: BlockWords,
) {
  const number = () => new Blockly.FieldNumber(0);
  const kind = kindOf(fact, operator);
  const choices = offersChoices(operator) ? words.choices(fact) : null;
  if (choices && kind === 'text') {
    input.appendField(choiceDropdown(choices, words.pick), 'V');
    return;
  }
  if (choices && kind === 'textList') {
    input.appendField(choiceListField(choices), 'V');
    return;
  }
  switch (kind) {
    case 'number':
    case 'days':
      input.appendField(number(), 'V');
      return;
    case 'money':
      input.appendField('$').appendField(number(), 'V');
      return;
    case 'numberRange':
      input.appendField(number(), 'V').appendField(words.and).appendField(number(), 'V2');
      return;
    case 'moneyRange':
      input
        .appendField('$')
        .appendField(number(), 'V')
        .appendField(`${words.and} $`)
        .appendField(number(), 'V2');
      return;
    case 'option':
      input.appendField(
        new Blockly.FieldDropdown((fact.options ?? ['']).map((option) => [option, option])),
        'V',
      );
      return;
    case 'boolean':
      input.appendField(
        new Blockly.FieldDropdown([
          [words.yes, 'true'],
          [words.no, 'false'],
        ]),
        'V',
      );
      return;
    case 'true':
      input.appendField(words.today);
      return;
    case 'dateRange':
      input
        .appendField(new Blockly.FieldTextInput('2026-01-01'), 'V')
        .appendField(words.and)
        .appendField(new Blockly.FieldTextInput('2026-12-31'), 'V2');
      return;
    case 'text':
    case 'textList':
    case 'optionList':
    case 'weekdayList':
    case 'date':
      input.appendField(new Blockly.FieldTextInput(''), 'V');
      return;
  }
}

interface FactBlock extends Blockly.Block {
  operator: Operator;
  fact: FactDefinition;
  setOperator: (operator: Operator) => void;
}

const isFactBlock = (block: Blockly.Block): block is FactBlock =>
  'fact' in block && 'operator' in block;

const kindOf = (fact: FactDefinition, operator: Operator): ValueKind =>
  valueKindOf(fact.type, operator) ?? 'text';

/** Defines every block; call once, with the words of the language shown. */
export function defineRuleBlocks(words: BlockWords): void {
  for (const kind of ['all', 'any', 'not'] as const) {
    Blockly.Blocks[GROUP_BLOCKS[kind]] = {
      init(this: Blockly.Block) {
        this.appendDummyInput().appendField(words.group(kind));
        this.appendStatementInput('CHILDREN').setCheck(CONDITION);
        this.setPreviousStatement(true, CONDITION);
        this.setNextStatement(true, CONDITION);
        this.setColour(COLOURS.group);
      },
    };
  }
  for (const fact of FACT_CATALOG) {
    const operators = operatorsFor(fact.type);
    Blockly.Blocks[factBlockType(fact)] = {
      init(this: FactBlock) {
        this.fact = fact;
        this.operator = operators[0] ?? 'equal';
        this.appendDummyInput('HEAD')
          .appendField(words.fact(fact))
          .appendField(
            new Blockly.FieldDropdown(
              operators.map((operator) => [words.operator(operator), operator]),
              (operator: string) => {
                const chosen = operators.find((candidate) => candidate === operator);
                if (chosen) this.setOperator(chosen);
                return operator;
              },
            ),
            'OP',
          );
        valueFields(this.appendDummyInput('VALUE'), fact, this.operator, words);
        this.setPreviousStatement(true, CONDITION);
        this.setNextStatement(true, CONDITION);
        this.setInputsInline(true);
        this.setColour(factColour(fact));
      },
      /** A comparison of another shape takes other value fields. */
      setOperator(this: FactBlock, operator: Operator) {
        const before = fieldsShape(fact, this.operator);
        this.operator = operator;
        if (fieldsShape(fact, operator) === before) return;
        this.removeInput('VALUE');
        valueFields(this.appendDummyInput('VALUE'), fact, operator, words);
      },
      // The operator travels with copies and saves, so the value fields exist before their values.
      saveExtraState(this: FactBlock) {
        return { operator: this.operator };
      },
      loadExtraState(this: FactBlock, state: { operator?: Operator }) {
        if (state.operator) this.setOperator(state.operator);
      },
    };
  }
}

const list = (value: ConditionValue): string => (Array.isArray(value) ? value.join(', ') : '');
const unlist = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

function setValue(block: Blockly.Block, kind: ValueKind, value: ConditionValue): void {
  const range = typeof value === 'object' && !Array.isArray(value) ? value : null;
  switch (kind) {
    case 'number':
    case 'days':
    case 'option':
    case 'text':
    case 'date':
      block.setFieldValue(value, 'V');
      return;
    case 'money':
      block.setFieldValue(typeof value === 'number' ? pesos(value) : 0, 'V');
      return;
    case 'numberRange':
    case 'moneyRange': {
      const scale = kind === 'moneyRange' ? pesos : (n: number) => n;
      if (range && 'min' in range) {
        block.setFieldValue(scale(range.min), 'V');
        block.setFieldValue(scale(range.max), 'V2');
      }
      return;
    }
    case 'dateRange':
      if (range && 'from' in range) {
        block.setFieldValue(range.from, 'V');
        block.setFieldValue(range.to, 'V2');
      }
      return;
    case 'boolean':
      block.setFieldValue(value === true ? 'true' : 'false', 'V');
      return;
    case 'textList':
    case 'optionList':
    case 'weekdayList':
      block.setFieldValue(list(value), 'V');
      return;
    case 'true':
      return;
  }
}

function valueOf(block: Blockly.Block, kind: ValueKind): ConditionValue {
  const field = (name: string): unknown => block.getFieldValue(name);
  const numberField = (name: string) => Number(field(name));
  switch (kind) {
    case 'number':
    case 'days':
      return numberField('V');
    case 'money':
      return cents(numberField('V'));
    case 'numberRange':
      return { min: numberField('V'), max: numberField('V2') };
    case 'moneyRange':
      return { min: cents(numberField('V')), max: cents(numberField('V2')) };
    case 'option':
    case 'text':
    case 'date':
      return String(field('V'));
    case 'dateRange':
      return { from: String(field('V')), to: String(field('V2')) };
    case 'boolean':
      return field('V') === 'true';
    case 'true':
      return true;
    case 'textList':
    case 'optionList':
    case 'weekdayList':
      return unlist(String(field('V')));
  }
}

/** Stacks `blocks` into the statement input `input` of `parent`, in order. */
export function stackInto(parent: Blockly.Block, input: string, blocks: Blockly.Block[]): void {
  let previous: Blockly.Connection | null = parent.getInput(input)?.connection ?? null;
  for (const block of blocks) {
    if (previous && block.previousConnection) previous.connect(block.previousConnection);
    previous = block.nextConnection;
  }
}

/** The blocks stacked in the statement input `input` of `parent`, in order. */
export function stackedIn(parent: Blockly.Block, input: string): Blockly.Block[] {
  const blocks: Blockly.Block[] = [];
  for (let block = parent.getInputTargetBlock(input); block; block = block.getNextBlock()) {
    blocks.push(block);
  }
  return blocks;
}

/** Builds the blocks of a condition (and its children) on `workspace`. */
export function conditionToBlock(
  condition: Condition,
  workspace: Blockly.Workspace,
): Blockly.Block {
  if (isLeaf(condition)) {
    const fact = FACT_CATALOG.find((candidate) => candidate.id === condition.fact);
    if (!fact) throw new Error(`Unknown fact ${condition.fact}`);
    const block = workspace.newBlock(factBlockType(fact)) as FactBlock;
    block.data = condition.id;
    block.setFieldValue(condition.operator, 'OP');
    block.setOperator(condition.operator);
    setValue(block, kindOf(fact, condition.operator), condition.value);
    return block;
  }
  const kind = 'all' in condition ? 'all' : 'any' in condition ? 'any' : 'not';
  const block = workspace.newBlock(GROUP_BLOCKS[kind]);
  block.data = condition.id ?? null;
  const children =
    'all' in condition ? condition.all : 'any' in condition ? condition.any : [condition.not];
  stackInto(
    block,
    'CHILDREN',
    children.map((child) => conditionToBlock(child, workspace)),
  );
  return block;
}

/** Reads a condition back from its blocks. */
function blockToCondition(block: Blockly.Block): Condition {
  if (isFactBlock(block)) {
    const leaf: ConditionLeaf = {
      // A block dragged from the toolbox has no condition id yet: its own id serves.
      id: block.data ?? block.id,
      fact: block.fact.id,
      operator: block.operator,
      value: valueOf(block, kindOf(block.fact, block.operator)),
    };
    return leaf;
  }
  const id = block.data ? { id: block.data } : {};
  const children = stackedIn(block, 'CHILDREN').map(blockToCondition);
  if (block.type === GROUP_BLOCKS.not) {
    // "Not" holds one condition; several dropped in are read as all of them.
    const [only] = children;
    return { ...id, not: children.length === 1 && only ? only : { all: children } };
  }
  return block.type === GROUP_BLOCKS.any ? { ...id, any: children } : { ...id, all: children };
}

/** Reads a group back: the workspace's root block is always a group block. */
export function blockToGroup(block: Blockly.Block): ConditionGroup {
  const condition = blockToCondition(block);
  return isLeaf(condition) ? { all: [condition] } : condition;
}
