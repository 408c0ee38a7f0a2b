import type { Engine } from 'json-rules-engine';
import { daysBetween, isAnniversaryOn, isIsoDate, weekdayOf, type IsoDate } from './dates';
import { OPERATORS, type Operator } from './schema';

// One implementation of every operator, used both by json-rules-engine (registered on each
// fresh Engine) and by the direct interpreter, so the two can only differ in how the condition
// tree is read. A missing fact (undefined or null) or a value of the wrong type fails every
// operator, the negative ones included: no points are given on data that is not there.

export interface OperatorContext {
  /** The local date of the evaluation, for isBirthday and daysSince…; from the fact today.date. */
  today: IsoDate | undefined;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compareNumbers(
  fact: unknown,
  expected: unknown,
  compare: (fact: number, expected: number) => boolean,
): boolean {
  return isNumber(fact) && isNumber(expected) && compare(fact, expected);
}

function compareDates(
  fact: unknown,
  expected: unknown,
  compare: (fact: IsoDate, expected: IsoDate) => boolean,
): boolean {
  // ISO dates order as strings.
  return isIsoDate(fact) && isIsoDate(expected) && compare(fact, expected);
}

function isBetween(fact: unknown, range: unknown): boolean {
  if (!isRecord(range)) return false;
  if ('min' in range) {
    return isNumber(fact) && isNumber(range.min) && isNumber(range.max)
      ? range.min <= fact && fact <= range.max
      : false;
  }
  return isIsoDate(fact) && isIsoDate(range.from) && isIsoDate(range.to)
    ? range.from <= fact && fact <= range.to
    : false;
}

function daysSince(fact: unknown, context: OperatorContext): number | undefined {
  return isIsoDate(fact) && isIsoDate(context.today) ? daysBetween(fact, context.today) : undefined;
}

const IMPLEMENTATIONS: Record<
  Operator,
  (fact: unknown, expected: unknown, context: OperatorContext) => boolean
> = {
  equal: (fact, expected) => isPresent(fact) && fact === expected,
  notEqual: (fact, expected) => isPresent(fact) && fact !== expected,
  lessThan: (fact, expected) => compareNumbers(fact, expected, (a, b) => a < b),
  lessThanInclusive: (fact, expected) => compareNumbers(fact, expected, (a, b) => a <= b),
  greaterThan: (fact, expected) => compareNumbers(fact, expected, (a, b) => a > b),
  greaterThanInclusive: (fact, expected) => compareNumbers(fact, expected, (a, b) => a >= b),
  between: (fact, expected) => isBetween(fact, expected),
  in: (fact, expected) =>
    typeof fact === 'string' && isStringList(expected) && expected.includes(fact),
  notIn: (fact, expected) =>
    typeof fact === 'string' && isStringList(expected) && !expected.includes(fact),
  startsWith: (fact, expected) =>
    typeof fact === 'string' && typeof expected === 'string' && fact.startsWith(expected),
  contains: (fact, expected) =>
    isStringList(fact) && typeof expected === 'string' && fact.includes(expected),
  doesNotContain: (fact, expected) =>
    isStringList(fact) && typeof expected === 'string' && !fact.includes(expected),
  containsAny: (fact, expected) =>
    isStringList(fact) && isStringList(expected) && expected.some((item) => fact.includes(item)),
  before: (fact, expected) => compareDates(fact, expected, (a, b) => a < b),
  after: (fact, expected) => compareDates(fact, expected, (a, b) => a > b),
  isBirthday: (fact, expected, context) =>
    expected === true &&
    isIsoDate(fact) &&
    isIsoDate(context.today) &&
    isAnniversaryOn(fact, context.today),
  dayOfWeekIn: (fact, expected) =>
    isIsoDate(fact) && isStringList(expected) && expected.includes(weekdayOf(fact)),
  daysSinceGreaterThan: (fact, expected, context) => {
    const days = daysSince(fact, context);
    return days !== undefined && isNumber(expected) && days > expected;
  },
  daysSinceLessThan: (fact, expected, context) => {
    const days = daysSince(fact, context);
    return days !== undefined && isNumber(expected) && days < expected;
  },
};

/** The function behind `operator`, for callers that look it up once and call it often. */
export function operatorImplementation(
  operator: Operator,
): (factValue: unknown, expected: unknown, context: OperatorContext) => boolean {
  return IMPLEMENTATIONS[operator];
}

/** Whether `factValue` passes `operator` against `expected`. */
export function applyOperator(
  operator: Operator,
  factValue: unknown,
  expected: unknown,
  context: OperatorContext,
): boolean {
  return IMPLEMENTATIONS[operator](factValue, expected, context);
}

/**
 * Registers every operator of the rule language on `engine`, replacing json-rules-engine's
 * built-in ones of the same name so that missing facts fail alike everywhere. Register on a
 * fresh Engine per evaluation: one shared Engine loses rules under concurrent run() calls
 * (json-rules-engine issue #303), and the context is bound to one evaluation.
 */
export function addOperators(engine: Engine, context: OperatorContext): void {
  for (const operator of OPERATORS) {
    engine.addOperator<unknown, unknown>(operator, (factValue, expected) =>
      applyOperator(operator, factValue, expected, context),
    );
  }
}
