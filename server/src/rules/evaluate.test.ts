import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileRule,
  evaluateRule,
  isWithinValidity,
  localTime,
  matchesAudience,
  parseRule,
  type RuleDocument,
} from '@lealtad/rules-schema';
import {
  conditionsArbitrary,
  factsArbitrary,
} from '../../../rules-schema/src/test-support/arbitraries';
import { evaluate } from './evaluate';
import { RuleSet } from './ruleSet';

const zone = fc.constantFrom('NORTE', 'SUR', 'VIP');
const ruleArbitrary = fc
  .record({
    conditions: conditionsArbitrary,
    zones: fc.uniqueArray(zone, { maxLength: 2 }),
    customerTypes: fc.uniqueArray(fc.constantFrom('VIP', 'A'), { maxLength: 1 }),
    validity: fc.oneof(
      fc.constant({}),
      fc.record({
        daysOfWeek: fc.uniqueArray(fc.constantFrom('mon', 'sat', 'sun'), { minLength: 1 }),
      }),
      fc.record({ hours: fc.constantFrom({ from: 8, to: 20 }, { from: 22, to: 2 }) }),
      fc.record({
        from: fc.constantFrom('2026-01-01', '2026-12-06'),
        to: fc.constant('2026-12-31'),
      }),
    ),
  })
  .map(({ conditions, zones, customerTypes, validity }) => ({
    conditions,
    audience: { zones, customerTypes },
    validity,
  }));

/** The slow, obvious reading: every rule on its own through json-rules-engine. */
async function referenceMatches(
  rules: readonly RuleDocument[],
  facts: Record<string, unknown>,
  at: Date,
) {
  const keys: string[] = [];
  for (const rule of rules) {
    const inForce = isWithinValidity(rule.validity, localTime(at, rule.validity.timeZone));
    if (!inForce || !matchesAudience(rule.audience, facts as never)) continue;
    if ((await evaluateRule(compileRule(rule), facts as never)).matched) keys.push(rule.key);
  }
  return keys.sort();
}

describe('evaluate', () => {
  it('matches exactly the rules json-rules-engine matches one by one, index and pre-filters included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(ruleArbitrary, { minLength: 1, maxLength: 8 }),
        factsArbitrary,
        fc.constantFrom('2026-12-05T15:00:00Z', '2026-12-07T05:30:00Z', '2026-11-30T23:00:00Z'),
        async (drawn, facts, instant) => {
          const rules = drawn.map((rule, i) =>
            parseRule({
              key: `regla-${i}`,
              name: `Regla ${i}`,
              trigger: { type: 'purchase' },
              ...rule,
              effects: [{ id: 'puntos', type: 'fixedPoints', points: 1 }],
            }),
          );
          const ruleSet = RuleSet.fromVersions(
            1,
            rules.map((definition, i) => ({ ruleId: i + 1, version: 1, definition })),
          );
          const at = new Date(instant);
          const fast = evaluate(ruleSet, { trigger: 'purchase', facts, at }).map((m) => m.rule.key);
          expect(fast.sort()).toEqual(await referenceMatches(rules, facts, at));
        },
      ),
      { numRuns: 300 },
    );
  });
});
