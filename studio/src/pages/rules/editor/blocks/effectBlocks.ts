import * as Blockly from 'blockly/core';
import { ROUNDINGS, type Effect, type Rounding } from '@lealtad/rules-schema';
import type { Choice } from '../../rulesApi';
import { cents, pesos } from './money';
import { choiceDropdown, stackedIn, stackInto } from './ruleBlocks';

// What a rule gives, as Blockly blocks: a "then" block holding one block per effect, in order.
// Each block keeps the DSL id of its effect in `data`, so checks and traces still find it.

/** Words the effect blocks show, in the person's language. */
export interface EffectBlockWords {
  then: string;
  give: string;
  points: string;
  perEvery: string;
  ofPurchase: string;
  multiply: string;
  rounding: string;
  roundings: Record<Rounding, string>;
  reward: string;
  message: string;
  subject: string;
  body: string;
  tag: string;
  /** The empty first option of the reward dropdown. */
  pick: string;
}

export const EFFECTS_ROOT = 'efectos_entonces';
const EFFECT = 'efecto';
export const EFFECT_BLOCKS: Record<Effect['type'], string> = {
  fixedPoints: 'efecto_puntos_fijos',
  pointsPerAmount: 'efecto_puntos_por_monto',
  multiplier: 'efecto_multiplicador',
  reward: 'efecto_premio',
  message: 'efecto_mensaje',
  tag: 'efecto_etiqueta',
};
export const EFFECTS_COLOUR = '#15803d';
const COLOURS = { root: EFFECTS_COLOUR, points: EFFECTS_COLOUR, other: '#0e7490' };

const typeOfBlock = new Map(
  Object.entries(EFFECT_BLOCKS).map(([type, block]) => [block, type as Effect['type']]),
);

const roundingField = (words: EffectBlockWords) =>
  new Blockly.FieldDropdown(ROUNDINGS.map((rounding) => [words.roundings[rounding], rounding]));

/** Defines the effect blocks; call once per language and list of catalog rewards (by code). */
export function defineEffectBlocks(words: EffectBlockWords, rewards: readonly Choice[]): void {
  Blockly.Blocks[EFFECTS_ROOT] = {
    init(this: Blockly.Block) {
      this.appendDummyInput().appendField(words.then);
      this.appendStatementInput('EFFECTS').setCheck(EFFECT);
      this.setColour(COLOURS.root);
    },
  };
  const effect = (
    type: Effect['type'],
    colour: string,
    fields: (block: Blockly.Block) => void,
  ): void => {
    Blockly.Blocks[EFFECT_BLOCKS[type]] = {
      init(this: Blockly.Block) {
        fields(this);
        this.setPreviousStatement(true, EFFECT);
        this.setNextStatement(true, EFFECT);
        this.setInputsInline(true);
        this.setColour(colour);
      },
    };
  };
  const whole = () => new Blockly.FieldNumber(100, 1, 100_000_000, 1);
  effect('fixedPoints', COLOURS.points, (block) =>
    block
      .appendDummyInput()
      .appendField(words.give)
      .appendField(whole(), 'POINTS')
      .appendField(words.points),
  );
  effect('pointsPerAmount', COLOURS.points, (block) =>
    block
      .appendDummyInput()
      .appendField(words.give)
      .appendField(whole(), 'POINTS')
      .appendField(`${words.points} ${words.perEvery}`)
      .appendField(new Blockly.FieldNumber(10, 0.01, 1_000_000, 0.01), 'PER')
      .appendField(`${words.ofPurchase}, ${words.rounding}`)
      .appendField(roundingField(words), 'ROUNDING'),
  );
  effect('multiplier', COLOURS.points, (block) =>
    block
      .appendDummyInput()
      .appendField(words.multiply)
      .appendField(new Blockly.FieldNumber(2, 1.01, 100, 0.01), 'FACTOR')
      .appendField(words.rounding)
      .appendField(roundingField(words), 'ROUNDING'),
  );
  effect('reward', COLOURS.other, (block) =>
    block
      .appendDummyInput()
      .appendField(words.reward)
      .appendField(choiceDropdown(rewards, words.pick), 'REWARD'),
  );
  effect('message', COLOURS.other, (block) => {
    block.appendDummyInput().appendField(words.message);
    block
      .appendDummyInput()
      .appendField(words.subject)
      .appendField(new Blockly.FieldTextInput(''), 'SUBJECT');
    block
      .appendDummyInput()
      .appendField(words.body)
      .appendField(new Blockly.FieldTextInput(''), 'BODY');
  });
  effect('tag', COLOURS.other, (block) =>
    block
      .appendDummyInput()
      .appendField(words.tag)
      .appendField(new Blockly.FieldTextInput(''), 'TAG'),
  );
}

function effectToBlock(effect: Effect, workspace: Blockly.Workspace): Blockly.Block {
  const block = workspace.newBlock(EFFECT_BLOCKS[effect.type]);
  block.data = effect.id ?? null;
  switch (effect.type) {
    case 'fixedPoints':
      block.setFieldValue(effect.points, 'POINTS');
      break;
    case 'pointsPerAmount':
      block.setFieldValue(effect.points, 'POINTS');
      block.setFieldValue(pesos(effect.perAmountCents), 'PER');
      block.setFieldValue(effect.rounding, 'ROUNDING');
      break;
    case 'multiplier':
      block.setFieldValue(effect.factor, 'FACTOR');
      block.setFieldValue(effect.rounding, 'ROUNDING');
      break;
    case 'reward':
      block.setFieldValue(effect.rewardId, 'REWARD');
      break;
    case 'message':
      block.setFieldValue(effect.subject, 'SUBJECT');
      block.setFieldValue(effect.body, 'BODY');
      break;
    case 'tag':
      block.setFieldValue(effect.tag, 'TAG');
      break;
  }
  return block;
}

/** Builds the "then" block holding the rule's effects on `workspace`. */
export function effectsToBlock(
  effects: readonly Effect[],
  workspace: Blockly.Workspace,
): Blockly.Block {
  const root = workspace.newBlock(EFFECTS_ROOT);
  stackInto(
    root,
    'EFFECTS',
    effects.map((effect) => effectToBlock(effect, workspace)),
  );
  return root;
}

const roundingOf = (block: Blockly.Block): Rounding =>
  ROUNDINGS.find((rounding) => rounding === block.getFieldValue('ROUNDING')) ?? 'floor';

function blockToEffect(block: Blockly.Block): Effect | null {
  const type = typeOfBlock.get(block.type);
  // A block dragged from the toolbox has no effect id yet: its own id serves.
  const id = block.data ?? block.id;
  const text = (name: string) => String(block.getFieldValue(name) ?? '');
  const number = (name: string) => Number(block.getFieldValue(name));
  switch (type) {
    case 'fixedPoints':
      return { id, type, points: number('POINTS') };
    case 'pointsPerAmount':
      return {
        id,
        type,
        points: number('POINTS'),
        perAmountCents: cents(number('PER')),
        rounding: roundingOf(block),
      };
    case 'multiplier':
      return { id, type, factor: number('FACTOR'), rounding: roundingOf(block) };
    case 'reward':
      return { id, type, rewardId: text('REWARD') };
    case 'message':
      return { id, type, subject: text('SUBJECT'), body: text('BODY') };
    case 'tag':
      return { id, type, tag: text('TAG') };
    case undefined:
      return null;
  }
}

/** Reads the effects back from the "then" block, in order. */
export function blockToEffects(root: Blockly.Block): Effect[] {
  return stackedIn(root, 'EFFECTS').flatMap((block) => blockToEffect(block) ?? []);
}
