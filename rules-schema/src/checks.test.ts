import { describe, expect, it } from 'vitest';
import { checkRule, checkRuleSet, ISSUE_CODES, validateRule, type IssueCode } from './checks';
import { parseRule, type Condition, type RuleDocumentInput } from './schema';
import { SEED_RULES } from './seeds';

const base: RuleDocumentInput = {
  key: 'prueba',
  name: 'Prueba',
  trigger: { type: 'purchase' },
  effects: [{ type: 'fixedPoints', points: 100 }],
};

function issuesOf(changes: Partial<RuleDocumentInput>) {
  return checkRule(parseRule({ ...base, ...changes }));
}

function withConditions(...all: Condition[]) {
  return issuesOf({ conditions: { all } });
}

const codes = (issues: { code: IssueCode }[]) => issues.map((issue) => issue.code);

describe('checkRule', () => {
  it('finds nothing wrong in the seed rules', () => {
    for (const rule of SEED_RULES) expect(checkRule(rule), rule.key).toEqual([]);
  });

  it('reports an unknown fact at the leaf, in both languages', () => {
    expect(
      withConditions({ id: 'x', fact: 'customer.shoeSize', operator: 'equal', value: 27 }),
    ).toEqual([
      {
        code: 'unknown_fact',
        severity: 'error',
        path: ['conditions', 'all', 0, 'fact'],
        message: {
          es: 'No existe el dato «customer.shoeSize».',
          en: 'There is no fact "customer.shoeSize".',
        },
      },
    ]);
  });

  it("reports an operator that does not suit the fact's type", () => {
    const issues = withConditions({
      id: 'x',
      fact: 'customer.zone',
      operator: 'greaterThan',
      value: 3,
    });
    expect(codes(issues)).toEqual(['operator_not_for_type']);
    expect(issues[0].path).toEqual(['conditions', 'all', 0, 'operator']);
    expect(issues[0].message.en).toContain('Customer zone');
  });

  it('reports a value of the wrong type', () => {
    const cases: Condition[] = [
      { id: 'a', fact: 'purchase.amount', operator: 'greaterThan', value: '500' },
      { id: 'b', fact: 'purchase.amount', operator: 'greaterThan', value: 499.5 },
      { id: 'c', fact: 'customer.zone', operator: 'in', value: 'NORTE' },
      { id: 'd', fact: 'customer.birthDate', operator: 'before', value: '2024-02-30' },
      { id: 'e', fact: 'customer.birthDate', operator: 'isBirthday', value: false },
      { id: 'f', fact: 'customer.enrolledOn', operator: 'daysSinceGreaterThan', value: -1 },
      { id: 'g', fact: 'customer.tags', operator: 'containsAny', value: [] },
      { id: 'h', fact: 'today.date', operator: 'dayOfWeekIn', value: ['lunes'] },
    ];
    for (const leaf of cases) {
      const issues = withConditions(leaf);
      expect(codes(issues), leaf.id).toEqual(['value_wrong_type']);
      expect(issues[0].path).toEqual(['conditions', 'all', 0, 'value']);
    }
  });

  it('reports a value that is not one of the options', () => {
    const issues = withConditions({
      id: 'x',
      fact: 'card.status',
      operator: 'in',
      value: ['active', 'lost'],
    });
    expect(codes(issues)).toEqual(['value_not_an_option']);
    expect(issues[0].message.es).toContain('available, active, blocked, replaced, inactive');
  });

  it('reports a fact the trigger does not carry', () => {
    const issues = issuesOf({
      trigger: { type: 'birthday' },
      conditions: {
        all: [{ id: 'x', fact: 'purchase.amount', operator: 'greaterThan', value: 100 }],
      },
    });
    expect(codes(issues)).toEqual(['fact_not_available']);
  });

  it('reports a between whose start is past its end', () => {
    expect(
      codes(
        withConditions(
          { id: 'a', fact: 'purchase.amount', operator: 'between', value: { min: 900, max: 100 } },
          {
            id: 'b',
            fact: 'today.date',
            operator: 'between',
            value: { from: '2024-12-31', to: '2024-12-01' },
          },
        ),
      ),
    ).toEqual(['impossible_range', 'impossible_range']);
  });

  it('reports conditions of an `all` that exclude each other', () => {
    const issues = withConditions(
      { id: 'mayor', fact: 'purchase.itemsCount', operator: 'greaterThan', value: 10 },
      { id: 'menor', fact: 'purchase.itemsCount', operator: 'lessThan', value: 5 },
    );
    expect(issues).toMatchObject([
      {
        code: 'contradictory_conditions',
        path: ['conditions'],
        message: { en: 'Conditions mayor, menor can never all pass together.' },
      },
    ]);
  });

  it('sees contradictions through nested `all`s, on whole cents, dates and equal values', () => {
    const nested = withConditions(
      { id: 'a', fact: 'purchase.amount', operator: 'greaterThan', value: 500 },
      { all: [{ id: 'b', fact: 'purchase.amount', operator: 'lessThan', value: 501 }] },
    );
    expect(codes(nested)).toEqual(['contradictory_conditions']);
    const dates = withConditions(
      { id: 'a', fact: 'today.date', operator: 'after', value: '2024-12-01' },
      { id: 'b', fact: 'today.date', operator: 'before', value: '2024-12-02' },
    );
    expect(codes(dates)).toEqual(['contradictory_conditions']);
    const equals = withConditions(
      { id: 'a', fact: 'customer.zone', operator: 'equal', value: 'NORTE' },
      { id: 'b', fact: 'customer.zone', operator: 'equal', value: 'SUR' },
    );
    expect(codes(equals)).toEqual(['contradictory_conditions']);
  });

  it('accepts ranges that still meet, and the same ranges under `any`', () => {
    expect(
      withConditions(
        { id: 'a', fact: 'purchase.itemsCount', operator: 'greaterThanInclusive', value: 5 },
        { id: 'b', fact: 'purchase.itemsCount', operator: 'lessThanInclusive', value: 5 },
      ),
    ).toEqual([]);
    expect(
      withConditions(
        { id: 'a', fact: 'purchase.itemsCount', operator: 'greaterThan', value: 4.5 },
        { id: 'b', fact: 'purchase.itemsCount', operator: 'lessThan', value: 4.6 },
      ),
    ).toEqual([]);
    expect(
      issuesOf({
        conditions: {
          any: [
            { id: 'a', fact: 'purchase.itemsCount', operator: 'greaterThan', value: 10 },
            { id: 'b', fact: 'purchase.itemsCount', operator: 'lessThan', value: 5 },
          ],
        },
      }),
    ).toEqual([]);
  });

  it('reports empty groups, but not an empty top-level `all`', () => {
    expect(issuesOf({ conditions: { all: [] } })).toEqual([]);
    const emptyAny = issuesOf({ conditions: { any: [] } });
    expect(emptyAny).toMatchObject([{ code: 'empty_group', path: ['conditions'] }]);
    const nested = withConditions({ id: 'vacio', all: [] });
    expect(nested).toMatchObject([{ code: 'empty_group', path: ['conditions', 'all', 0] }]);
  });

  it('reports ids used twice', () => {
    const issues = withConditions(
      { id: 'x', fact: 'purchase.amount', operator: 'greaterThan', value: 1 },
      { id: 'x', not: { id: 'y', fact: 'customer.zone', operator: 'equal', value: 'SUR' } },
    );
    expect(issues).toMatchObject([{ code: 'duplicate_id', path: ['conditions', 'all', 1, 'id'] }]);
  });

  it('reports a validity that ends before it starts, or hours that are empty', () => {
    expect(issuesOf({ validity: { from: '2025-01-31', to: '2025-01-01' } })).toMatchObject([
      { code: 'validity_from_after_to', path: ['validity', 'to'] },
    ]);
    expect(issuesOf({ validity: { hours: { from: 9, to: 9 } } })).toMatchObject([
      { code: 'validity_empty_hours', path: ['validity', 'hours'] },
    ]);
  });

  it('reports a rule with no effects, and purchase effects on other triggers', () => {
    expect(codes(issuesOf({ effects: [] }))).toEqual(['no_effects']);
    const issues = issuesOf({
      trigger: { type: 'birthday' },
      effects: [
        { type: 'fixedPoints', points: 100 },
        { type: 'multiplier', factor: 2 },
        { type: 'pointsPerAmount', points: 1, perAmountCents: 1000 },
      ],
    });
    expect(issues).toMatchObject([
      { code: 'effect_needs_purchase', path: ['effects', 1] },
      { code: 'effect_needs_purchase', path: ['effects', 2] },
    ]);
  });

  it('reports a cap below a single award: an error when the rule skips, a warning when it truncates', () => {
    const cap = { perCustomer: [{ period: 'day' as const, maxPoints: 50 }] };
    expect(issuesOf({ caps: { ...cap, onReach: 'skip' } })).toMatchObject([
      {
        code: 'cap_below_single_award',
        severity: 'error',
        path: ['caps', 'perCustomer', 0, 'maxPoints'],
        message: {
          es: 'El tope de 50 puntos es menor que un solo premio de 100: nunca se otorgaría.',
        },
      },
    ]);
    expect(issuesOf({ caps: { ...cap, onReach: 'truncate' } })).toMatchObject([
      { code: 'cap_below_single_award', severity: 'warning' },
    ]);
    expect(issuesOf({ caps: { budget: { maxPoints: 99 } } })).toMatchObject([
      { code: 'cap_below_single_award', path: ['caps', 'budget', 'maxPoints'] },
    ]);
    expect(issuesOf({ caps: { perCustomer: [{ period: 'day', maxPoints: 100 }] } })).toEqual([]);
  });

  it('gives every issue code a Spanish and an English message', () => {
    const issues = [
      ...withConditions(
        { id: 'a', fact: 'nope', operator: 'equal', value: 1 },
        { id: 'a', fact: 'purchase.amount', operator: 'between', value: { min: 2, max: 1 } },
      ),
      ...issuesOf({ effects: [] }),
    ];
    for (const issue of issues) {
      expect(ISSUE_CODES).toContain(issue.code);
      expect(issue.message.es).not.toBe(issue.message.en);
      expect(issue.message.es.length).toBeGreaterThan(10);
    }
  });
});

describe('validateRule', () => {
  it('returns the parsed rule and its issues', () => {
    const result = validateRule({ ...base, effects: [] });
    expect(result.rule?.key).toBe('prueba');
    expect(codes(result.issues)).toEqual(['no_effects']);
  });

  it('reports shape errors with their path, in Spanish and English', () => {
    const { rule, issues } = validateRule({ ...base, name: 7, validity: { from: '2024-02-30' } });
    expect(rule).toBeUndefined();
    expect(issues).toEqual([
      {
        code: 'invalid_shape',
        severity: 'error',
        path: ['name'],
        message: {
          es: 'Entrada inválida: se esperaba texto, recibido número',
          en: 'Invalid input: expected string, received number',
        },
      },
      {
        code: 'invalid_shape',
        severity: 'error',
        path: ['validity', 'from'],
        message: { es: 'Fecha AAAA-MM-DD', en: 'Date YYYY-MM-DD' },
      },
    ]);
  });
});

describe('checkRuleSet', () => {
  const promo = (key: string, changes: Partial<RuleDocumentInput> = {}) =>
    parseRule({ ...base, key, stacking: { group: 'promo', priority: 5 }, ...changes });

  it('reports two rules of one exclusive group with the same priority that can meet', () => {
    const issues = checkRuleSet([promo('doble'), promo('triple')]);
    expect(issues).toMatchObject([
      { code: 'exclusive_group_tie', ruleKey: 'triple', path: ['stacking', 'priority'] },
    ]);
    expect(issues[0].message.es).toContain('«triple» y «doble»');
  });

  it('accepts ties that cannot meet, different priorities, and rules in no group', () => {
    const pairs = [
      [
        promo('norte', { audience: { zones: ['NORTE'] } }),
        promo('sur', { audience: { zones: ['SUR'] } }),
      ],
      [
        promo('enero', { validity: { from: '2025-01-01', to: '2025-01-31' } }),
        promo('febrero', { validity: { from: '2025-02-01', to: '2025-02-28' } }),
      ],
      [
        promo('sabado', { validity: { daysOfWeek: ['sat'] } }),
        promo('domingo', { validity: { daysOfWeek: ['sun'] } }),
      ],
      [
        promo('manana', { validity: { hours: { from: 8, to: 12 } } }),
        promo('noche', { validity: { hours: { from: 20, to: 2 } } }),
      ],
      [promo('compra'), promo('cumple', { trigger: { type: 'birthday' } })],
      [promo('baja'), promo('alta', { stacking: { group: 'promo', priority: 9 } })],
      [parseRule({ ...base, key: 'libre' }), parseRule({ ...base, key: 'suelta' })],
    ];
    for (const pair of pairs) expect(checkRuleSet(pair), pair[0].key).toEqual([]);
  });

  it('assumes days and hours in different time zones can meet', () => {
    const issues = checkRuleSet([
      promo('sabado', { validity: { daysOfWeek: ['sat'] } }),
      promo('domingo', { validity: { daysOfWeek: ['sun'], timeZone: 'Asia/Tokyo' } }),
    ]);
    expect(codes(issues)).toEqual(['exclusive_group_tie']);
  });
});
