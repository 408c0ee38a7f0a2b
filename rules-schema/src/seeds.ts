import { BASE_EARN_RULE_KEY } from './awards';
import { parseRule, type RuleDocument } from './schema';

// The rules a new installation starts with.

/** 1 point per whole $10 of every purchase: the base earn that multipliers multiply. */
export const baseEarnRule: RuleDocument = parseRule({
  key: BASE_EARN_RULE_KEY,
  name: 'Tasa base: 1 punto por cada $10',
  trigger: { type: 'purchase' },
  effects: [{ id: 'puntos-por-monto', type: 'pointsPerAmount', points: 1, perAmountCents: 1000 }],
  tests: [
    { name: 'Compra de $95.50', facts: { 'purchase.amount': 9550 }, expectedPoints: 9 },
    { name: 'Compra de $9.99', facts: { 'purchase.amount': 999 }, expectedPoints: 0 },
  ],
  meta: { description: '1 punto por cada $10 de compra', descriptionEn: '1 point per $10 spent' },
});

export const birthdayRule: RuleDocument = parseRule({
  key: 'cumpleanos',
  name: 'Cumpleaños: 100 puntos',
  trigger: { type: 'birthday' },
  effects: [{ id: 'puntos-cumpleanos', type: 'fixedPoints', points: 100 }],
  caps: { perCustomer: [{ period: 'year', maxTimes: 1 }], onReach: 'skip' },
  tests: [
    {
      name: 'Cumpleaños',
      facts: {},
      expectedPoints: 100,
    },
  ],
  meta: {
    description: '¡Feliz cumpleaños! +100 puntos',
    descriptionEn: 'Happy birthday! +100 points',
  },
});

/** Double points on purchases of $500 or more in zone NORTE in December, up to 1,000 a month. */
export const norteDecemberDoubleRule: RuleDocument = parseRule({
  key: 'norte-diciembre-doble',
  name: 'Norte: puntos dobles en diciembre',
  trigger: { type: 'purchase' },
  audience: { zones: ['NORTE'] },
  conditions: {
    all: [
      {
        id: 'monto-minimo',
        fact: 'purchase.amount',
        operator: 'greaterThanInclusive',
        value: 50000,
      },
      { id: 'mes-diciembre', fact: 'today.month', operator: 'equal', value: 12 },
    ],
  },
  effects: [{ id: 'doble', type: 'multiplier', factor: 2 }],
  caps: { perCustomer: [{ period: 'month', maxPoints: 1000 }], onReach: 'truncate' },
  tests: [
    {
      name: 'Compra de $600 en NORTE en diciembre',
      facts: { 'purchase.amount': 60000, 'today.month': 12, 'customer.zone': 'NORTE' },
      baseEarn: 60,
      expectedPoints: 60,
    },
    {
      name: 'Compra de $499.99',
      facts: { 'purchase.amount': 49999, 'today.month': 12, 'customer.zone': 'NORTE' },
      baseEarn: 49,
      expectedPoints: 0,
    },
    {
      name: 'Zona SUR',
      facts: { 'purchase.amount': 60000, 'today.month': 12, 'customer.zone': 'SUR' },
      baseEarn: 60,
      expectedPoints: 0,
    },
    {
      name: 'Noviembre',
      facts: { 'purchase.amount': 60000, 'today.month': 11, 'customer.zone': 'NORTE' },
      baseEarn: 60,
      expectedPoints: 0,
    },
  ],
  meta: {
    description: '¡Puntos dobles en diciembre!',
    descriptionEn: 'Double points in December!',
  },
});

export const cardActivationRule: RuleDocument = parseRule({
  key: 'activacion-tarjeta',
  name: 'Activación de tarjeta: 200 puntos',
  trigger: { type: 'card_activated' },
  effects: [{ id: 'puntos-activacion', type: 'fixedPoints', points: 200 }],
  caps: { perCustomer: [{ period: 'lifetime', maxTimes: 1 }], onReach: 'skip' },
  tests: [{ name: 'Primera activación', facts: {}, expectedPoints: 200 }],
  meta: {
    description: '¡Bienvenido! +200 puntos por activar tu tarjeta',
    descriptionEn: 'Welcome! +200 points for activating your card',
  },
});

export const SEED_RULES: readonly RuleDocument[] = [
  baseEarnRule,
  birthdayRule,
  norteDecemberDoubleRule,
  cardActivationRule,
];
