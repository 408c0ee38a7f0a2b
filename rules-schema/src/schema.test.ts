import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { parseRule, ruleJsonSchema, TRIGGER_TYPES } from './schema';
import { SEED_RULES } from './seeds';

const minimal = {
  key: 'minima',
  name: 'Mínima',
  trigger: { type: 'purchase' },
  effects: [{ type: 'fixedPoints', points: 5 }],
};

describe('rule documents', () => {
  it('fill in every default', () => {
    const rule = parseRule(minimal);
    expect(rule).toMatchObject({
      schemaVersion: 1,
      validity: { timeZone: 'America/Mexico_City' },
      audience: { zones: [], customerTypes: [], segments: [], tags: [] },
      conditions: { all: [] },
      caps: { perCustomer: [], onReach: 'truncate' },
      stacking: { priority: 0 },
      tests: [],
      meta: { layout: {} },
    });
  });

  it('refuse unknown keys, so a typo does not pass silently', () => {
    expect(() => parseRule({ ...minimal, efects: [] })).toThrow();
    expect(() =>
      parseRule({ ...minimal, caps: { perCustomer: [{ period: 'day', max: 5 }] } }),
    ).toThrow();
  });

  it('refuse fractional points, unknown time zones, and caps with no limit', () => {
    expect(() =>
      parseRule({ ...minimal, effects: [{ type: 'fixedPoints', points: 1.5 }] }),
    ).toThrow();
    expect(() => parseRule({ ...minimal, validity: { timeZone: 'Mars/Olympus' } })).toThrow();
    expect(() => parseRule({ ...minimal, caps: { perCustomer: [{ period: 'day' }] } })).toThrow();
    expect(() => parseRule({ ...minimal, trigger: { type: 'inactivity' } })).toThrow();
  });

  it('allow multipliers to the hundredth only', () => {
    expect(
      parseRule({ ...minimal, effects: [{ type: 'multiplier', factor: 1.25 }] }).effects,
    ).toEqual([{ type: 'multiplier', factor: 1.25, rounding: 'floor' }]);
    expect(() =>
      parseRule({ ...minimal, effects: [{ type: 'multiplier', factor: 1.255 }] }),
    ).toThrow();
    expect(() => parseRule({ ...minimal, effects: [{ type: 'multiplier', factor: 1 }] })).toThrow();
  });
});

describe('ruleJsonSchema', () => {
  const validate = new Ajv2020({ strict: false }).compile(ruleJsonSchema());

  it('is JSON Schema 2020-12 naming every trigger', () => {
    const schema = ruleJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const text = JSON.stringify(schema);
    for (const trigger of TRIGGER_TYPES) expect(text).toContain(`"${trigger}"`);
  });

  it('accepts the seed rules and a minimal one', () => {
    for (const rule of [...SEED_RULES, minimal]) {
      expect(validate(rule), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('accepts nested conditions and refuses what zod refuses', () => {
    const nested = {
      ...minimal,
      conditions: {
        any: [
          { not: { id: 'a', fact: 'customer.zone', operator: 'equal', value: 'SUR' } },
          {
            all: [
              { id: 'b', fact: 'purchase.amount', operator: 'between', value: { min: 1, max: 2 } },
            ],
          },
        ],
      },
    };
    expect(validate(nested)).toBe(true);
    expect(validate({ ...minimal, trigger: { type: 'eclipse' } })).toBe(false);
    expect(
      validate({
        ...minimal,
        conditions: { all: [{ id: 'x', fact: 'f', operator: 'like', value: 1 }] },
      }),
    ).toBe(false);
    expect(validate({ ...minimal, extra: true })).toBe(false);
  });
});
