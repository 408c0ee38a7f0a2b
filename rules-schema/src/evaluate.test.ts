import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRule, type EngineRule } from './compile';
import {
  compileMatcher,
  evaluateRule,
  matchesDirectly,
  operatorContextOf,
  traceDirectly,
} from './evaluate';
import { applyOperator } from './operators';
import type { Condition, ConditionGroup, ConditionLeaf } from './schema';
import { conditionsArbitrary, factsArbitrary } from './test-support/arbitraries';

function ruleWith(conditions: ConditionGroup) {
  return {
    key: 'prueba',
    name: 'Prueba',
    trigger: { type: 'purchase' as const },
    conditions,
    effects: [{ type: 'fixedPoints' as const, points: 1 }],
  };
}

function leavesOf(condition: Condition): ConditionLeaf[] {
  if ('fact' in condition) return [condition];
  if ('all' in condition) return condition.all.flatMap(leavesOf);
  if ('any' in condition) return condition.any.flatMap(leavesOf);
  return leavesOf(condition.not);
}

describe('evaluateRule', () => {
  const compiled = compileRule(
    ruleWith({
      all: [
        { id: 'monto', fact: 'purchase.amount', operator: 'greaterThanInclusive', value: 50000 },
        { id: 'zona', fact: 'customer.zone', operator: 'in', value: ['NORTE'] },
      ],
    }),
  );

  it('matches and traces every leaf by its DSL id', async () => {
    const evaluation = await evaluateRule(compiled, {
      'purchase.amount': 60000,
      'customer.zone': 'NORTE',
    });
    expect(evaluation).toEqual({
      matched: true,
      trace: [
        {
          id: 'monto',
          fact: 'purchase.amount',
          factValue: 60000,
          operator: 'greaterThanInclusive',
          expected: 50000,
          result: 'passed',
        },
        {
          id: 'zona',
          fact: 'customer.zone',
          factValue: 'NORTE',
          operator: 'in',
          expected: ['NORTE'],
          result: 'passed',
        },
      ],
    });
  });

  it('reports the failing leaf and a missing fact', async () => {
    const evaluation = await evaluateRule(compiled, { 'purchase.amount': 49999 });
    expect(evaluation.matched).toBe(false);
    expect(
      evaluation.trace.map(({ id, factValue, result }) => ({ id, factValue, result })),
    ).toEqual([
      { id: 'monto', factValue: 49999, result: 'failed' },
      { id: 'zona', factValue: undefined, result: 'failed' },
    ]);
  });

  it('marks leaves json-rules-engine skipped as not evaluated', async () => {
    // A condition priority makes json-rules-engine stop after the first failing leaf; our
    // compiler sets none, but a hand-made rule can.
    const first = {
      fact: 'purchase.amount',
      name: 'primero',
      operator: 'equal' as const,
      value: 1,
      priority: 10,
    };
    const engineRule: EngineRule = {
      name: 'a-mano',
      priority: 1,
      event: { type: 'rule-matched', params: { key: 'a-mano' } },
      conditions: {
        all: [first, { fact: 'customer.zone', name: 'segundo', operator: 'equal', value: 'SUR' }],
      },
    };
    const evaluation = await evaluateRule(
      { engineRule },
      { 'purchase.amount': 2, 'customer.zone': 'SUR' },
    );
    expect(evaluation.matched).toBe(false);
    expect(evaluation.trace.map(({ id, result, factValue }) => [id, result, factValue])).toEqual([
      ['primero', 'failed', 2],
      ['segundo', 'notEvaluated', 'SUR'],
    ]);
  });

  it('takes isBirthday and daysSince… from the fact today.date', async () => {
    const birthday = compileRule(
      ruleWith({
        all: [{ id: 'cumple', fact: 'customer.birthDate', operator: 'isBirthday', value: true }],
      }),
    );
    const on = async (today: string) =>
      (await evaluateRule(birthday, { 'customer.birthDate': '2000-02-29', 'today.date': today }))
        .matched;
    expect(await on('2025-02-28')).toBe(true);
    expect(await on('2025-03-01')).toBe(false);
    expect(await on('2028-02-29')).toBe(true);
  });

  it('agrees with the direct reading of the DSL on random rules and facts', async () => {
    await fc.assert(
      fc.asyncProperty(conditionsArbitrary, factsArbitrary, async (conditions, facts) => {
        const evaluation = await evaluateRule(compileRule(ruleWith(conditions)), facts);
        expect(evaluation.matched).toBe(matchesDirectly(conditions, facts));
        expect(compileMatcher(conditions)(facts, operatorContextOf(facts))).toBe(
          evaluation.matched,
        );
        expect(traceDirectly(conditions, facts)).toEqual(evaluation);
        const leaves = leavesOf(conditions);
        expect(evaluation.trace.map((entry) => entry.id)).toEqual(leaves.map((leaf) => leaf.id));
        leaves.forEach((leaf, i) => {
          const passes = applyOperator(leaf.operator, facts[leaf.fact], leaf.value, {
            today: typeof facts['today.date'] === 'string' ? facts['today.date'] : undefined,
          });
          expect(evaluation.trace[i].result).toBe(passes ? 'passed' : 'failed');
        });
      }),
      { numRuns: 400 },
    );
  });
});

describe('matchesDirectly', () => {
  it('reads all, any and not as logic does, an empty any failing', () => {
    const yes = { id: 'si', fact: 'purchase.amount', operator: 'equal', value: 1 } as const;
    const no = { id: 'no', fact: 'purchase.amount', operator: 'equal', value: 2 } as const;
    const facts = { 'purchase.amount': 1 };
    expect(matchesDirectly({ all: [yes, no] }, facts)).toBe(false);
    expect(matchesDirectly({ any: [yes, no] }, facts)).toBe(true);
    expect(matchesDirectly({ not: no }, facts)).toBe(true);
    expect(matchesDirectly({ all: [] }, facts)).toBe(true);
    expect(matchesDirectly({ any: [] }, facts)).toBe(false);
  });
});
