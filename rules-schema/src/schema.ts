import { z } from 'zod';
import { CAP_PERIODS, WEEKDAYS, isIsoDate, isTimeZone } from './dates';

// The rule language. The schemas check shape only; whether a fact exists, whether an
// operator suits its type and whether the rule makes sense are the static checks' job
// (checks.ts), so that a half-built rule in the studio still parses and gets precise messages.

export const DEFAULT_TIME_ZONE = 'America/Mexico_City';
export const SCHEMA_VERSION = 1;

export const TRIGGER_TYPES = [
  'purchase',
  'purchase_reversed',
  'card_activated',
  'customer_enrolled',
  'profile_completed',
  'birthday',
  'anniversary',
  'inactivity',
  'points_expiring',
] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

export const OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'between',
  'in',
  'notIn',
  'startsWith',
  'contains',
  'doesNotContain',
  'containsAny',
  'before',
  'after',
  'isBirthday',
  'dayOfWeekIn',
  'daysSinceGreaterThan',
  'daysSinceLessThan',
] as const;
export type Operator = (typeof OPERATORS)[number];

export const ROUNDINGS = ['floor', 'round', 'ceil'] as const;
export type Rounding = (typeof ROUNDINGS)[number];

/**
 * Our own schema messages carry both languages; validateRule splits them. zod's built-in
 * messages are translated by its locales instead.
 */
export const MESSAGE_LANGUAGE_SEPARATOR = ' / ';

function bilingual(es: string, en: string): string {
  return `${es}${MESSAGE_LANGUAGE_SEPARATOR}${en}`;
}

const isoDate = z.string().refine(isIsoDate, bilingual('Fecha AAAA-MM-DD', 'Date YYYY-MM-DD'));
const code = z.string().trim().min(1).max(64);
/** Ids of the blocks and nodes the studio draws; a trace names leaves by them. */
const nodeId = z.string().min(1).max(100);
const weekday = z.enum(WEEKDAYS);
const points = z.int().min(1).max(100_000_000);

export const triggerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('purchase') }),
  z.strictObject({ type: z.literal('purchase_reversed') }),
  z.strictObject({ type: z.literal('card_activated') }),
  z.strictObject({ type: z.literal('customer_enrolled') }),
  z.strictObject({ type: z.literal('profile_completed') }),
  z.strictObject({ type: z.literal('birthday') }),
  z.strictObject({ type: z.literal('anniversary') }),
  /** The customer has not purchased for `days` days. */
  z.strictObject({ type: z.literal('inactivity'), days: z.int().min(1).max(3650) }),
  /** Some of the customer's points expire within `days` days. */
  z.strictObject({ type: z.literal('points_expiring'), days: z.int().min(1).max(365) }),
]);

export const validitySchema = z
  .strictObject({
    /** First local date the rule applies, inclusive. */
    from: isoDate.optional(),
    /** Last local date the rule applies, inclusive. */
    to: isoDate.optional(),
    /** Empty or absent: every day. */
    daysOfWeek: z.array(weekday).optional(),
    /** Local hours [from, to); from > to spans midnight (22 to 2). */
    hours: z.strictObject({ from: z.int().min(0).max(23), to: z.int().min(0).max(24) }).optional(),
    timeZone: z
      .string()
      .refine(isTimeZone, bilingual('Zona horaria IANA desconocida', 'Unknown IANA time zone'))
      .default(DEFAULT_TIME_ZONE),
  })
  .prefault({});

/** Who the rule is for. Each empty list means everyone; the lists that are set must all match. */
export const audienceSchema = z
  .strictObject({
    zones: z.array(code).default([]),
    customerTypes: z.array(code).default([]),
    /** The customer belongs to at least one of these segments. */
    segments: z.array(code).default([]),
    /** The customer carries at least one of these tags. */
    tags: z.array(code).default([]),
  })
  .prefault({});

export const numberRangeSchema = z.strictObject({ min: z.number(), max: z.number() });
export const dateRangeSchema = z.strictObject({ from: isoDate, to: isoDate });

/** The expected value of a leaf; which form fits depends on the fact's type and the operator. */
export const conditionValueSchema = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.array(z.string()),
  numberRangeSchema,
  dateRangeSchema,
]);
export type ConditionValue = z.infer<typeof conditionValueSchema>;

export const conditionLeafSchema = z.strictObject({
  id: nodeId,
  fact: z.string().min(1),
  operator: z.enum(OPERATORS),
  value: conditionValueSchema,
});
export type ConditionLeaf = z.infer<typeof conditionLeafSchema>;

export interface AllGroup {
  id?: string;
  all: Condition[];
}
export interface AnyGroup {
  id?: string;
  any: Condition[];
}
export interface NotGroup {
  id?: string;
  not: Condition;
}
export type ConditionGroup = AllGroup | AnyGroup | NotGroup;
export type Condition = ConditionLeaf | ConditionGroup;

const allGroupSchema: z.ZodType<AllGroup> = z.strictObject({
  id: nodeId.optional(),
  get all() {
    return z.array(conditionSchema);
  },
});
const anyGroupSchema: z.ZodType<AnyGroup> = z.strictObject({
  id: nodeId.optional(),
  get any() {
    return z.array(conditionSchema);
  },
});
const notGroupSchema: z.ZodType<NotGroup> = z.strictObject({
  id: nodeId.optional(),
  get not() {
    return conditionSchema;
  },
});
export const conditionGroupSchema: z.ZodType<ConditionGroup> = z.union([
  allGroupSchema,
  anyGroupSchema,
  notGroupSchema,
]);
export const conditionSchema: z.ZodType<Condition> = z.union([
  conditionLeafSchema,
  allGroupSchema,
  anyGroupSchema,
  notGroupSchema,
]);

const effectId = { id: nodeId.optional() };

export const effectSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...effectId, type: z.literal('fixedPoints'), points }),
  /** `points` for every `perAmountCents` of the purchase amount, the blocks rounded by `rounding`. */
  z.strictObject({
    ...effectId,
    type: z.literal('pointsPerAmount'),
    points,
    perAmountCents: z.int().min(1).max(100_000_000),
    rounding: z.enum(ROUNDINGS).default('floor'),
  }),
  /** Multiplies the base earn: factor 2 adds the base earn once more. */
  z.strictObject({
    ...effectId,
    type: z.literal('multiplier'),
    factor: z.number().gt(1).max(100).multipleOf(0.01),
    rounding: z.enum(ROUNDINGS).default('floor'),
  }),
  z.strictObject({ ...effectId, type: z.literal('reward'), rewardId: code }),
  z.strictObject({
    ...effectId,
    type: z.literal('message'),
    subject: z.string().trim().min(1).max(120),
    body: z.string().trim().min(1).max(4000),
  }),
  z.strictObject({ ...effectId, type: z.literal('tag'), tag: code }),
]);
export type Effect = z.infer<typeof effectSchema>;

/** A limit per customer and period: on points awarded, on times awarded, or both. */
export const customerCapSchema = z
  .strictObject({
    period: z.enum(CAP_PERIODS),
    maxPoints: points.optional(),
    maxTimes: z.int().min(1).max(1_000_000).optional(),
  })
  .refine((cap) => cap.maxPoints !== undefined || cap.maxTimes !== undefined, {
    message: bilingual('Indica maxPoints o maxTimes', 'Set maxPoints or maxTimes'),
  });
export type CustomerCap = z.infer<typeof customerCapSchema>;

export const capsSchema = z
  .strictObject({
    perCustomer: z.array(customerCapSchema).default([]),
    /** Points the rule may award to all customers together in the period. */
    budget: z
      .strictObject({ maxPoints: points, period: z.enum(CAP_PERIODS).default('lifetime') })
      .optional(),
    /** truncate: award what is left below the cap; skip: award nothing that would pass it. */
    onReach: z.enum(['truncate', 'skip']).default('truncate'),
  })
  .prefault({});
export type Caps = z.infer<typeof capsSchema>;

/** Rules in the same exclusive group do not stack: only the highest priority match applies. */
export const stackingSchema = z
  .strictObject({
    group: code.optional(),
    priority: z.int().min(0).max(1_000_000).default(0),
  })
  .prefault({});
export type Stacking = z.infer<typeof stackingSchema>;

export const factValueSchema = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.array(z.string()),
  z.null(),
]);
export type FactValue = z.infer<typeof factValueSchema>;
/** Facts resolved up front, flat: fact id → value. */
export type Facts = Readonly<Record<string, FactValue | undefined>>;

export const ruleTestCaseSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  facts: z.record(z.string(), factValueSchema),
  /** The base earn of the same event, for multiplier effects. */
  baseEarn: z.int().min(0).default(0),
  expectedPoints: z.int().min(0),
});
export type RuleTestCase = z.infer<typeof ruleTestCaseSchema>;

export const metaSchema = z
  .strictObject({
    owner: z.string().trim().max(120).optional(),
    /** Plain words shown to the customer with the award, e.g. "¡Feliz cumpleaños! +100 puntos". */
    description: z.string().trim().max(200).optional(),
    descriptionEn: z.string().trim().max(200).optional(),
    /** The studio's node positions, by node id; not part of the rule's meaning. */
    layout: z.record(z.string(), z.strictObject({ x: z.number(), y: z.number() })).default({}),
  })
  .prefault({});

export const ruleDocumentSchema = z.strictObject({
  schemaVersion: z.literal(SCHEMA_VERSION).default(SCHEMA_VERSION),
  /** Stable id across versions, e.g. "tasa-base". */
  key: z
    .string()
    .max(64)
    .regex(
      /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
      bilingual('Solo minúsculas, dígitos y guiones', 'Only lowercase letters, digits and dashes'),
    ),
  name: z.string().trim().min(1).max(120),
  trigger: triggerSchema,
  validity: validitySchema,
  audience: audienceSchema,
  /** Absent or an empty `all`: the rule applies on every trigger that passes validity and audience. */
  conditions: conditionGroupSchema.default({ all: [] }),
  effects: z.array(effectSchema).default([]),
  caps: capsSchema,
  stacking: stackingSchema,
  tests: z.array(ruleTestCaseSchema).default([]),
  meta: metaSchema,
});

/** A rule as stored and compiled: parsed, with every default filled in. */
export type RuleDocument = z.infer<typeof ruleDocumentSchema>;
/** A rule as written: defaults may be left out. */
export type RuleDocumentInput = z.input<typeof ruleDocumentSchema>;
export type Trigger = RuleDocument['trigger'];
export type Validity = RuleDocument['validity'];
export type Audience = RuleDocument['audience'];
export type RuleMeta = RuleDocument['meta'];

/** Parses a rule written by hand or by the studio; throws a ZodError when its shape is wrong. */
export function parseRule(input: unknown): RuleDocument {
  return ruleDocumentSchema.parse(input);
}

/** The rule language as JSON Schema (draft 2020-12), describing documents as written. */
export function ruleJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ruleDocumentSchema, { io: 'input' });
}
