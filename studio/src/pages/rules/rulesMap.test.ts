import { describe, expect, it } from 'vitest';
import { mapOf, type LiveRule } from './rulesMap';
import type { RulesT } from './rulesText';

const t: RulesT = (key, vars) => (vars ? `${key} ${JSON.stringify(vars)}` : key);

const rule = (
  id: number,
  trigger: LiveRule['trigger'],
  group?: string,
  priority = 0,
): LiveRule => ({
  id,
  name: `Regla ${id}`,
  trigger,
  stacking: { ...(group ? { group } : {}), priority },
});

describe('rules map layout', () => {
  it('keeps a thousand rules in columns of at most eight, each rule drawn once', () => {
    const rules = Array.from({ length: 1_000 }, (_, i) =>
      rule(i + 1, i % 10 === 0 ? 'birthday' : 'purchase', i % 3 === 0 ? `g${i % 4}` : undefined, i),
    );
    const { nodes, edges } = mapOf(rules, t);
    const drawn = nodes.filter((node) => node.data.kind === 'rule');
    expect(drawn.map((node) => node.data.ruleId).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      rules.map((r) => r.id),
    );
    const perColumn = new Map<number, number>();
    for (const node of drawn) {
      perColumn.set(node.position.x, (perColumn.get(node.position.x) ?? 0) + 1);
    }
    expect(Math.max(...perColumn.values())).toBeLessThanOrEqual(8);
    // Every edge joins two drawn nodes.
    const ids = new Set(nodes.map((node) => node.id));
    expect(edges.every((edge) => ids.has(edge.source) && ids.has(edge.target))).toBe(true);
  });

  it('chains an exclusive group in priority order under its group node', () => {
    const { edges } = mapOf(
      [rule(1, 'purchase', 'vip', 5), rule(2, 'purchase', 'vip', 50), rule(3, 'purchase')],
      t,
    );
    expect(edges.map((edge) => `${edge.source}->${edge.target}`)).toEqual([
      'trigger:purchase->rule:3',
      'trigger:purchase->group:purchase:vip',
      'group:purchase:vip->rule:2',
      'rule:2->rule:1',
    ]);
  });
});
