import { describe, expect, it } from 'vitest';
import { BASE_EARN_RULE_KEY } from './awards';
import { checkRuleSet } from './checks';
import { runRuleTests } from './ruleTests';
import { parseRule } from './schema';
import { SEED_RULES, norteDecemberDoubleRule } from './seeds';

describe('seed rules', () => {
  it('include the base earn under its well-known key, and have unique keys', () => {
    const keys = SEED_RULES.map((rule) => rule.key);
    expect(keys).toContain(BASE_EARN_RULE_KEY);
    expect(new Set(keys).size).toBe(keys.length);
    expect(checkRuleSet(SEED_RULES)).toEqual([]);
  });

  it('pass their own test cases', async () => {
    for (const rule of SEED_RULES) {
      expect(rule.tests.length, rule.key).toBeGreaterThan(0);
      for (const result of await runRuleTests(rule)) {
        expect(result.actualPoints, `${rule.key}: ${result.name}`).toBe(result.expectedPoints);
      }
    }
  });
});

describe('runRuleTests', () => {
  it('reports a test case that expects the wrong points, with its trace', async () => {
    const wrong = parseRule({
      ...norteDecemberDoubleRule,
      tests: [
        {
          name: 'Esperaba de más',
          facts: { 'purchase.amount': 60000, 'today.month': 12, 'customer.zone': 'NORTE' },
          baseEarn: 60,
          expectedPoints: 120,
        },
      ],
    });
    const [result] = await runRuleTests(wrong);
    expect(result).toMatchObject({ passed: false, actualPoints: 60, expectedPoints: 120 });
    expect(result.evaluation.trace.map((entry) => entry.result)).toEqual(['passed', 'passed']);
  });
});
