import { describe, expect, it } from 'vitest';
import { parseRule, type RuleDocumentInput } from './schema';
import { baseEarnRule, birthdayRule, cardActivationRule, norteDecemberDoubleRule } from './seeds';
import { describeCondition, formatMoney, summarizeRule } from './summary';

describe('summarizeRule', () => {
  it('says the seed rules in plain Spanish and English', () => {
    expect(summarizeRule(birthdayRule)).toBe(
      'Si hoy es el cumpleaños del cliente → 100 puntos, una vez al año',
    );
    expect(summarizeRule(birthdayRule, 'en')).toBe(
      "On the customer's birthday → 100 points, once a year",
    );
    expect(summarizeRule(baseEarnRule)).toBe('En cada compra → 1 punto por cada $10 de compra');
    expect(summarizeRule(norteDecemberDoubleRule)).toBe(
      'En cada compra, para clientes de la zona NORTE, si monto de la compra es $500 o más y ' +
        'mes es diciembre → puntos dobles sobre la tasa base, máximo 1,000 puntos al mes',
    );
    expect(summarizeRule(cardActivationRule, 'en')).toBe(
      'When the card is activated → 200 points, only once',
    );
  });

  it('covers the window, nested groups, other effects, budgets and stacking', () => {
    const rule: RuleDocumentInput = {
      key: 'fin-de-semana',
      name: 'Fin de semana',
      trigger: { type: 'inactivity', days: 60 },
      validity: {
        from: '2025-01-01',
        to: '2025-03-31',
        daysOfWeek: ['sat', 'sun'],
        hours: { from: 9, to: 21 },
      },
      audience: { customerTypes: ['GENERAL'], tags: ['VIP', 'ORO'] },
      conditions: {
        any: [
          { id: 'a', fact: 'customer.consumptionLevel', operator: 'in', value: ['medio', 'alto'] },
          {
            all: [
              {
                id: 'b',
                fact: 'aggregate.spend90d',
                operator: 'between',
                value: { min: 100050, max: 500000 },
              },
              {
                id: 'c',
                not: { id: 'd', fact: 'customer.tags', operator: 'contains', value: 'BAJA' },
              },
            ],
          },
        ],
      },
      effects: [
        { type: 'fixedPoints', points: 1 },
        { type: 'message', subject: 'Te extrañamos', body: '…' },
        { type: 'tag', tag: 'REACTIVADO' },
      ],
      caps: {
        perCustomer: [{ period: 'month', maxTimes: 2 }],
        budget: { maxPoints: 50000, period: 'month' },
      },
      stacking: { group: 'reactivacion', priority: 3 },
    };
    expect(summarizeRule(parseRule(rule))).toBe(
      'Si el cliente lleva 60 días sin comprar, del 01/01/2025 al 31/03/2025, los sábado y domingo, ' +
        'de 09:00 a 21:00, para clientes de tipo GENERAL, con la etiqueta VIP o ORO y ' +
        'nivel de consumo es medio o alto o (gasto en los últimos 90 días está entre $1,000.50 y $5,000 ' +
        'y no se cumple que etiquetas del cliente incluye BAJA) → 1 punto, el mensaje «Te extrañamos» ' +
        'y la etiqueta «REACTIVADO», hasta 2 veces al mes, presupuesto de 50,000 puntos al mes, ' +
        'exclusiva en el grupo «reactivacion» (prioridad 3)',
    );
    expect(summarizeRule(parseRule(rule), 'en')).toBe(
      'When the customer has not purchased for 60 days, from 2025-01-01 to 2025-03-31, on Saturday and Sunday, ' +
        'from 09:00 to 21:00, for customers of type GENERAL, tagged VIP or ORO, ' +
        'if consumption level is medio or alto or (spend in the last 90 days is between $1,000.50 and $5,000 ' +
        'and not customer tags includes BAJA) → 1 point, the message "Te extrañamos" ' +
        'and the tag "REACTIVADO", up to 2 times a month, budget of 50,000 points a month, ' +
        'exclusive in group "reactivacion" (priority 3)',
    );
  });
});

describe('describeCondition', () => {
  it('words date operators', () => {
    expect(
      describeCondition({
        all: [
          { id: 'a', fact: 'customer.birthDate', operator: 'isBirthday', value: true },
          { id: 'b', fact: 'customer.enrolledOn', operator: 'daysSinceGreaterThan', value: 365 },
          { id: 'c', fact: 'today.date', operator: 'dayOfWeekIn', value: ['mon', 'fri'] },
          { id: 'd', fact: 'today.date', operator: 'before', value: '2025-12-24' },
        ],
      }),
    ).toBe(
      'fecha de nacimiento cae hoy (mismo día y mes) y fecha de inscripción fue hace más de 365 días ' +
        'y fecha de hoy cae en lunes o viernes y fecha de hoy es antes del 24/12/2025',
    );
  });

  it('words empty groups', () => {
    expect(describeCondition({ all: [] })).toBe('siempre');
    expect(describeCondition({ any: [] }, 'en')).toBe('never');
  });
});

describe('names for stored codes', () => {
  const known: Record<string, Record<string, string>> = {
    'customer.zone': { NORTE: 'Norte' },
    'customer.city': { MTY: 'Monterrey' },
    reward: { 'TERMO-01': 'Termo de acero' },
  };
  const names = (of: string, code: string) => known[of]?.[code];

  it('reads zones, condition values and rewards by name, and codes without a name as they are', () => {
    const rule = parseRule({
      ...norteDecemberDoubleRule,
      conditions: {
        all: [{ id: 'ciudad', fact: 'customer.city', operator: 'in', value: ['MTY', 'SALTILLO'] }],
      },
      effects: [{ id: 'regalo', type: 'reward', rewardId: 'TERMO-01' }],
    });
    expect(summarizeRule(rule, 'es', names)).toContain(
      'para clientes de la zona Norte, si ciudad es Monterrey o SALTILLO → el premio «Termo de acero»',
    );
    expect(summarizeRule(rule)).toContain('de la zona NORTE, si ciudad es MTY o SALTILLO');
  });
});

describe('formatMoney', () => {
  it('writes pesos from cents, with thousands separators', () => {
    expect(formatMoney(1000)).toBe('$10');
    expect(formatMoney(1250)).toBe('$12.50');
    expect(formatMoney(123456789)).toBe('$1,234,567.89');
    expect(formatMoney(5)).toBe('$0.05');
  });
});
