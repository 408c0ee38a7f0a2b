import { matchesAudience } from './applicability';
import { pointsFromEffects } from './awards';
import { compileRule } from './compile';
import { evaluateRule, type Evaluation } from './evaluate';
import type { RuleDocument } from './schema';

export interface RuleTestResult {
  name: string;
  expectedPoints: number;
  actualPoints: number;
  passed: boolean;
  evaluation: Evaluation;
}

/**
 * Runs a rule's own test cases: audience and conditions on the given facts, then the points of
 * its effects. Caps (which need the award history) and the validity window (which needs the
 * clock) are outside a test case.
 */
export async function runRuleTests(rule: RuleDocument): Promise<RuleTestResult[]> {
  const compiled = compileRule(rule);
  return Promise.all(
    rule.tests.map(async (test) => {
      const evaluation = await evaluateRule(compiled, test.facts);
      const applies = evaluation.matched && matchesAudience(rule.audience, test.facts);
      const actualPoints = applies ? pointsFromEffects(rule.effects, test.facts, test.baseEarn) : 0;
      return {
        name: test.name,
        expectedPoints: test.expectedPoints,
        actualPoints,
        passed: actualPoints === test.expectedPoints,
        evaluation,
      };
    }),
  );
}
