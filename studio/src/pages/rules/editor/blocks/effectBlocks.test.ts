// @vitest-environment jsdom
import * as Blockly from 'blockly/core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, effectSchema, SEED_RULES, type Effect } from '@lealtad/rules-schema';
import { blockToEffects, defineEffectBlocks, effectsToBlock } from './effectBlocks';

const words = {
  then: 'Entonces',
  give: 'Dar',
  points: 'puntos',
  perEvery: 'por cada $',
  ofPurchase: 'de compra',
  multiply: 'Multiplicar la tasa base ×',
  rounding: 'redondeo',
  roundings: { floor: 'hacia abajo', round: 'al más cercano', ceil: 'hacia arriba' },
  reward: 'Regalar',
  message: 'Mandar el mensaje',
  subject: 'asunto',
  body: 'texto',
  tag: 'Etiquetar con',
  pick: 'Elige…',
};

beforeAll(() => defineEffectBlocks(words, [{ value: 'TERMO', label: 'Termo de acero' }]));

/** DSL → blocks → DSL, directly and through Blockly's own save and load (copies, undo). */
function throughBlocks(effects: Effect[]): { direct: Effect[]; saved: Effect[] } {
  const first = new Blockly.Workspace();
  const second = new Blockly.Workspace();
  try {
    const root = effectsToBlock(effects, first);
    const state = Blockly.serialization.blocks.save(root);
    if (!state) throw new Error('nothing saved');
    return {
      direct: blockToEffects(root),
      saved: blockToEffects(Blockly.serialization.blocks.append(state, second)),
    };
  } finally {
    first.dispose();
    second.dispose();
  }
}

const word = fc
  .stringMatching(/^[A-Za-z0-9áéíóúñ][A-Za-z0-9áéíóúñ _.-]{0,20}[A-Za-z0-9]$/)
  .map((text) => text.trim());
const effectArbitrary: fc.Arbitrary<Effect> = fc.oneof(
  fc.record({
    type: fc.constant('fixedPoints' as const),
    points: fc.integer({ min: 1, max: 1e8 }),
  }),
  fc.record({
    type: fc.constant('pointsPerAmount' as const),
    points: fc.integer({ min: 1, max: 1e8 }),
    perAmountCents: fc.integer({ min: 1, max: 1e8 }),
    rounding: fc.constantFrom('floor' as const, 'round' as const, 'ceil' as const),
  }),
  fc.record({
    type: fc.constant('multiplier' as const),
    factor: fc.integer({ min: 101, max: 10_000 }).map((hundredths) => hundredths / 100),
    rounding: fc.constantFrom('floor' as const, 'round' as const, 'ceil' as const),
  }),
  fc.record({ type: fc.constant('reward' as const), rewardId: word }),
  fc.record({ type: fc.constant('message' as const), subject: word, body: word }),
  fc.record({ type: fc.constant('tag' as const), tag: word }),
);
const effectsArbitrary = fc
  .array(effectArbitrary, { maxLength: 5 })
  .map((effects) => effects.map((effect, index) => ({ ...effect, id: `e${index}` })));

describe('effects as blocks', () => {
  it('lose nothing for every seeded rule', () => {
    for (const rule of SEED_RULES) {
      const { direct, saved } = throughBlocks(rule.effects);
      expect(canonicalJson(direct)).toBe(canonicalJson(rule.effects));
      expect(canonicalJson(saved)).toBe(canonicalJson(rule.effects));
    }
  });

  it('lose nothing for random effects, a reward not in the catalog list included', () => {
    fc.assert(
      fc.property(effectsArbitrary, (effects) => {
        for (const effect of effects) expect(effectSchema.safeParse(effect).success).toBe(true);
        const { direct, saved } = throughBlocks(effects);
        expect(canonicalJson(direct)).toBe(canonicalJson(effects));
        expect(canonicalJson(saved)).toBe(canonicalJson(effects));
      }),
      { numRuns: 200 },
    );
  });

  it('shows the reward by name and money in pesos, keeping the id and the cents', () => {
    const workspace = new Blockly.Workspace();
    const root = effectsToBlock(
      [
        { id: 'regalo', type: 'reward', rewardId: 'TERMO' },
        {
          id: 'monto',
          type: 'pointsPerAmount',
          points: 1,
          perAmountCents: 1_050,
          rounding: 'floor',
        },
      ],
      workspace,
    );
    const [reward, perAmount] = root.getDescendants(true).slice(1);
    expect(reward?.getField('REWARD')?.getText()).toBe('Termo de acero');
    expect(perAmount?.getFieldValue('PER')).toBe(10.5);
    expect(blockToEffects(root)).toEqual([
      { id: 'regalo', type: 'reward', rewardId: 'TERMO' },
      { id: 'monto', type: 'pointsPerAmount', points: 1, perAmountCents: 1_050, rounding: 'floor' },
    ]);
    workspace.dispose();
  });
});
