import { describe, expect, it } from 'vitest';
import { compileRule } from './compile';
import { canonicalJson } from './json';
import { norteDecemberDoubleRule } from './seeds';
import type { RuleDocumentInput } from './schema';

const rule: RuleDocumentInput = {
  key: 'vip-fin-de-semana',
  name: 'VIP en fin de semana',
  trigger: { type: 'purchase' },
  conditions: {
    id: 'raiz',
    all: [
      { id: 'vip', fact: 'customer.tags', operator: 'contains', value: 'VIP' },
      {
        id: 'dia',
        any: [
          { id: 'sabado', fact: 'today.weekday', operator: 'equal', value: 'sat' },
          { id: 'domingo', fact: 'today.weekday', operator: 'equal', value: 'sun' },
        ],
      },
      {
        id: 'sin-tienda',
        not: { id: 'tienda', fact: 'purchase.storeId', operator: 'startsWith', value: 'OUT' },
      },
    ],
  },
  effects: [{ type: 'fixedPoints', points: 50 }],
  meta: { layout: { vip: { x: 10, y: 20 } } },
};

/** The same object with every key order reversed, at every depth. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, member]) => [key, reversedKeys(member)]),
  );
}

describe('compileRule', () => {
  it('names each json-rules-engine leaf after its DSL id', () => {
    const { engineRule } = compileRule(rule);
    expect(engineRule.conditions).toEqual({
      name: 'raiz',
      all: [
        { fact: 'customer.tags', name: 'vip', operator: 'contains', value: 'VIP' },
        {
          name: 'dia',
          any: [
            { fact: 'today.weekday', name: 'sabado', operator: 'equal', value: 'sat' },
            { fact: 'today.weekday', name: 'domingo', operator: 'equal', value: 'sun' },
          ],
        },
        {
          name: 'sin-tienda',
          not: { fact: 'purchase.storeId', name: 'tienda', operator: 'startsWith', value: 'OUT' },
        },
      ],
    });
    expect(engineRule.name).toBe('vip-fin-de-semana');
    expect(engineRule.event).toEqual({
      type: 'rule-matched',
      params: { key: 'vip-fin-de-semana' },
    });
  });

  it('lists the facts the conditions read', () => {
    expect(compileRule(rule).factsUsed).toEqual([
      'customer.tags',
      'purchase.storeId',
      'today.weekday',
    ]);
  });

  it('gives byte-identical output and hash whatever the key order of the input', () => {
    const first = compileRule(rule);
    const second = compileRule(reversedKeys(rule));
    expect(JSON.stringify(second.engineRule)).toBe(JSON.stringify(first.engineRule));
    expect(JSON.stringify(first.engineRule)).toBe(canonicalJson(first.engineRule));
    expect(second.hash).toBe(first.hash);
  });

  it('keeps the hash of a seed rule stable across releases of the compiler', () => {
    // A change here means every stored version would get a new hash: do it on purpose only.
    expect(compileRule(norteDecemberDoubleRule).hash).toBe(
      '03027855247980f753a523e3f913913bf322309507345576bff8a6b27a78cb03',
    );
  });

  it('ignores the studio layout in the hash but not a change of meaning', () => {
    const base = compileRule(rule).hash;
    expect(compileRule({ ...rule, meta: { layout: { vip: { x: 99, y: 0 } } } }).hash).toBe(base);
    expect(compileRule({ ...rule, effects: [{ type: 'fixedPoints', points: 51 }] }).hash).not.toBe(
      base,
    );
    expect(compileRule({ ...rule, audience: { zones: ['SUR'] } }).hash).not.toBe(base);
  });

  it('fills defaults the same way whether they are written or left out', () => {
    const explicit = {
      ...rule,
      validity: { timeZone: 'America/Mexico_City' },
      caps: { perCustomer: [], onReach: 'truncate' as const },
      stacking: { priority: 0 },
    };
    expect(compileRule(explicit).hash).toBe(compileRule(rule).hash);
  });

  it('compiles an empty `any` to a group that fails, as the DSL reads it', () => {
    const { engineRule } = compileRule({ ...rule, conditions: { any: [] } });
    expect(engineRule.conditions).toEqual({ not: { all: [] } });
  });

  it('refuses a document of the wrong shape', () => {
    expect(() => compileRule({ ...rule, trigger: { type: 'lunar_eclipse' } })).toThrow();
  });
});
