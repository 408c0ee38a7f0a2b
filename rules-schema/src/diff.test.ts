import { describe, expect, it } from 'vitest';
import { diffRules } from './diff';
import { norteDecemberDoubleRule } from './seeds';

describe('diffRules', () => {
  it('lists changed, added and removed leaves by path, ignoring the layout', () => {
    const after = structuredClone(norteDecemberDoubleRule);
    after.caps.perCustomer = [{ period: 'month', maxPoints: 2000 }];
    after.audience.zones = ['NORTE', 'SUR'];
    after.meta.layout = { trigger: { x: 10, y: 20 } };
    after.effects = [];
    expect(diffRules(norteDecemberDoubleRule, after)).toEqual([
      { path: ['audience', 'zones', 1], after: 'SUR' },
      { path: ['caps', 'perCustomer', 0, 'maxPoints'], before: 1000, after: 2000 },
      {
        path: ['effects', 0],
        before: { id: 'doble', type: 'multiplier', factor: 2, rounding: 'floor' },
      },
    ]);
  });

  it('finds nothing between a rule and its copy', () => {
    expect(diffRules(norteDecemberDoubleRule, structuredClone(norteDecemberDoubleRule))).toEqual(
      [],
    );
  });
});
