import { WEEKDAYS } from './dates';
import type { Operator, TriggerType } from './schema';

// The fact catalog: everything a condition can ask about. The server resolves the facts a
// rule uses before evaluating it and hands them over flat (fact id → value); the studio builds
// its typed blocks from this list.

export const FACT_TYPES = [
  'number',
  'money',
  'text',
  'enum',
  'list',
  'date',
  'boolean',
  'weekday',
] as const;
/**
 * number: a finite number; money: integer cents; text: a string; enum: one of `options`;
 * list: an array of strings; date: "YYYY-MM-DD"; boolean; weekday: "mon" … "sun".
 */
export type FactType = (typeof FACT_TYPES)[number];

export const FACT_SOURCES = ['transaction', 'customer', 'card', 'date', 'aggregate'] as const;
export type FactSource = (typeof FACT_SOURCES)[number];

export const FACT_UNITS = [
  'cents',
  'points',
  'days',
  'items',
  'purchases',
  'hour',
  'month',
] as const;
export type FactUnit = (typeof FACT_UNITS)[number];

export interface LocalizedText {
  es: string;
  en: string;
}

export interface FactDefinition {
  id: string;
  type: FactType;
  unit?: FactUnit;
  label: LocalizedText;
  source: FactSource;
  /** The allowed values of an enum or weekday fact. */
  options?: readonly string[];
  /** The triggers whose events carry this fact; absent: every trigger. */
  triggers?: readonly TriggerType[];
}

/** The windows, in days, of the aggregate facts ("purchases in the last 30 days", …). */
export const AGGREGATE_WINDOWS_DAYS = [7, 30, 90, 365] as const;

const PURCHASE_TRIGGERS: readonly TriggerType[] = ['purchase', 'purchase_reversed'];

export const CARD_STATUSES = ['available', 'active', 'blocked', 'replaced', 'inactive'] as const;
export const CUSTOMER_STATUSES = ['active', 'inactive', 'blocked'] as const;
export const CONSUMPTION_LEVELS = ['bajo', 'medio', 'alto'] as const;

function aggregateFacts(): FactDefinition[] {
  return AGGREGATE_WINDOWS_DAYS.flatMap((days): FactDefinition[] => [
    {
      id: `aggregate.pointsEarned${days}d`,
      type: 'number',
      unit: 'points',
      label: {
        es: `Puntos ganados en los últimos ${days} días`,
        en: `Points earned in the last ${days} days`,
      },
      source: 'aggregate',
    },
    {
      id: `aggregate.purchases${days}d`,
      type: 'number',
      unit: 'purchases',
      label: {
        es: `Compras en los últimos ${days} días`,
        en: `Purchases in the last ${days} days`,
      },
      source: 'aggregate',
    },
    {
      id: `aggregate.spend${days}d`,
      type: 'money',
      unit: 'cents',
      label: { es: `Gasto en los últimos ${days} días`, en: `Spend in the last ${days} days` },
      source: 'aggregate',
    },
  ]);
}

export const FACT_CATALOG: readonly FactDefinition[] = [
  {
    id: 'purchase.amount',
    type: 'money',
    unit: 'cents',
    label: { es: 'Monto de la compra', en: 'Purchase amount' },
    source: 'transaction',
    triggers: PURCHASE_TRIGGERS,
  },
  {
    id: 'purchase.category',
    type: 'text',
    label: { es: 'Categoría de la compra', en: 'Purchase category' },
    source: 'transaction',
    triggers: PURCHASE_TRIGGERS,
  },
  {
    id: 'purchase.storeId',
    type: 'text',
    label: { es: 'Tienda', en: 'Store' },
    source: 'transaction',
    triggers: PURCHASE_TRIGGERS,
  },
  {
    id: 'purchase.itemsCount',
    type: 'number',
    unit: 'items',
    label: { es: 'Artículos en la compra', en: 'Items in the purchase' },
    source: 'transaction',
    triggers: PURCHASE_TRIGGERS,
  },
  {
    id: 'customer.zone',
    type: 'text',
    label: { es: 'Zona del cliente', en: 'Customer zone' },
    source: 'customer',
  },
  {
    id: 'customer.type',
    type: 'text',
    label: { es: 'Tipo de cliente', en: 'Customer type' },
    source: 'customer',
  },
  {
    id: 'customer.status',
    type: 'enum',
    label: { es: 'Estatus del cliente', en: 'Customer status' },
    source: 'customer',
    options: CUSTOMER_STATUSES,
  },
  {
    id: 'customer.state',
    type: 'text',
    label: { es: 'Estado', en: 'State' },
    source: 'customer',
  },
  {
    id: 'customer.city',
    type: 'text',
    label: { es: 'Ciudad', en: 'City' },
    source: 'customer',
  },
  {
    id: 'customer.consumptionLevel',
    type: 'enum',
    label: { es: 'Nivel de consumo', en: 'Consumption level' },
    source: 'customer',
    options: CONSUMPTION_LEVELS,
  },
  {
    id: 'customer.tags',
    type: 'list',
    label: { es: 'Etiquetas del cliente', en: 'Customer tags' },
    source: 'customer',
  },
  {
    id: 'customer.segments',
    type: 'list',
    label: { es: 'Segmentos del cliente', en: 'Customer segments' },
    source: 'customer',
  },
  {
    id: 'customer.birthDate',
    type: 'date',
    label: { es: 'Fecha de nacimiento', en: 'Birth date' },
    source: 'customer',
  },
  {
    id: 'customer.enrolledOn',
    type: 'date',
    label: { es: 'Fecha de inscripción', en: 'Enrolment date' },
    source: 'customer',
  },
  {
    id: 'customer.profileComplete',
    type: 'boolean',
    label: { es: 'Perfil completo', en: 'Profile complete' },
    source: 'customer',
  },
  {
    id: 'customer.pointsBalance',
    type: 'number',
    unit: 'points',
    label: { es: 'Saldo de puntos', en: 'Points balance' },
    source: 'customer',
  },
  {
    id: 'card.status',
    type: 'enum',
    label: { es: 'Estatus de la tarjeta', en: 'Card status' },
    source: 'card',
    options: CARD_STATUSES,
  },
  {
    id: 'card.activatedOn',
    type: 'date',
    label: { es: 'Fecha de activación de la tarjeta', en: 'Card activation date' },
    source: 'card',
  },
  {
    id: 'today.date',
    type: 'date',
    label: { es: 'Fecha de hoy', en: "Today's date" },
    source: 'date',
  },
  {
    id: 'today.weekday',
    type: 'weekday',
    label: { es: 'Día de la semana', en: 'Day of the week' },
    source: 'date',
    options: WEEKDAYS,
  },
  {
    id: 'today.hour',
    type: 'number',
    unit: 'hour',
    label: { es: 'Hora del día', en: 'Hour of the day' },
    source: 'date',
  },
  {
    id: 'today.month',
    type: 'number',
    unit: 'month',
    label: { es: 'Mes', en: 'Month' },
    source: 'date',
  },
  {
    id: 'aggregate.daysSinceLastPurchase',
    type: 'number',
    unit: 'days',
    label: { es: 'Días desde la última compra', en: 'Days since the last purchase' },
    source: 'aggregate',
  },
  ...aggregateFacts(),
];

const factsById = new Map(FACT_CATALOG.map((fact) => [fact.id, fact]));

export function findFact(id: string): FactDefinition | undefined {
  return factsById.get(id);
}

/**
 * The shape an operator expects as its value. money and numberRange hold integer cents for
 * money facts; option and optionList must come from the fact's options; `true` is the literal
 * true (is birthday); days is a whole number of days.
 */
export type ValueKind =
  | 'number'
  | 'money'
  | 'numberRange'
  | 'moneyRange'
  | 'text'
  | 'textList'
  | 'option'
  | 'optionList'
  | 'date'
  | 'dateRange'
  | 'weekdayList'
  | 'true'
  | 'days'
  | 'boolean';

const NUMBER_OPERATORS = {
  equal: 'number',
  notEqual: 'number',
  lessThan: 'number',
  lessThanInclusive: 'number',
  greaterThan: 'number',
  greaterThanInclusive: 'number',
  between: 'numberRange',
} as const;

export const OPERATORS_BY_TYPE: Readonly<
  Record<FactType, Readonly<Partial<Record<Operator, ValueKind>>>>
> = {
  number: NUMBER_OPERATORS,
  money: {
    equal: 'money',
    notEqual: 'money',
    lessThan: 'money',
    lessThanInclusive: 'money',
    greaterThan: 'money',
    greaterThanInclusive: 'money',
    between: 'moneyRange',
  },
  text: {
    equal: 'text',
    notEqual: 'text',
    in: 'textList',
    notIn: 'textList',
    startsWith: 'text',
  },
  enum: { equal: 'option', notEqual: 'option', in: 'optionList', notIn: 'optionList' },
  weekday: { equal: 'option', notEqual: 'option', in: 'optionList', notIn: 'optionList' },
  list: { contains: 'text', doesNotContain: 'text', containsAny: 'textList' },
  date: {
    between: 'dateRange',
    before: 'date',
    after: 'date',
    isBirthday: 'true',
    dayOfWeekIn: 'weekdayList',
    daysSinceGreaterThan: 'days',
    daysSinceLessThan: 'days',
  },
  boolean: { equal: 'boolean', notEqual: 'boolean' },
};

export function operatorsFor(type: FactType): Operator[] {
  return Object.keys(OPERATORS_BY_TYPE[type]) as Operator[];
}

/** The value shape `operator` takes on a fact of `type`, or undefined if it does not apply. */
export function valueKindOf(type: FactType, operator: Operator): ValueKind | undefined {
  return OPERATORS_BY_TYPE[type][operator];
}
