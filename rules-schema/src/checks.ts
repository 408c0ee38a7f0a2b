import { en, es } from 'zod/locales';
import { daysBetween, isIsoDate, WEEKDAYS } from './dates';
import { isLeaf } from './compile';
import {
  findFact,
  type FactDefinition,
  type LocalizedText,
  type ValueKind,
  valueKindOf,
} from './facts';
import { canonicalJson } from './json';
import {
  MESSAGE_LANGUAGE_SEPARATOR,
  ruleDocumentSchema,
  type Condition,
  type ConditionLeaf,
  type RuleDocument,
  type Validity,
} from './schema';
import { pointsFromEffects } from './awards';

// Static checks: what is wrong or suspicious in a rule before it goes live. Every issue has a
// stable code, Spanish and English messages, and a path into the DSL document so the studio
// can pin it to the block or node the user drew.

export const ISSUE_CODES = [
  'invalid_shape',
  'unknown_fact',
  'operator_not_for_type',
  'value_wrong_type',
  'value_not_an_option',
  'fact_not_available',
  'impossible_range',
  'contradictory_conditions',
  'empty_group',
  'duplicate_id',
  'validity_from_after_to',
  'validity_empty_hours',
  'no_effects',
  'effect_needs_purchase',
  'cap_below_single_award',
  'exclusive_group_tie',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export type RulePath = (string | number)[];

export interface RuleIssue {
  code: IssueCode;
  /** Errors block publishing; warnings are shown. */
  severity: 'error' | 'warning';
  path: RulePath;
  message: LocalizedText;
  /** Set by checks over several rules: the rule the path belongs to. */
  ruleKey?: string;
}

function issue(
  code: IssueCode,
  path: RulePath,
  message: LocalizedText,
  severity: RuleIssue['severity'] = 'error',
): RuleIssue {
  return { code, severity, path, message };
}

const KIND_DESCRIPTIONS: Record<ValueKind, LocalizedText> = {
  number: { es: 'un número', en: 'a number' },
  money: { es: 'un importe entero en centavos', en: 'a whole amount in cents' },
  numberRange: { es: 'un rango { min, max } de números', en: 'a { min, max } range of numbers' },
  moneyRange: {
    es: 'un rango { min, max } de centavos enteros',
    en: 'a { min, max } range of whole cents',
  },
  text: { es: 'un texto no vacío', en: 'a non-empty text' },
  textList: { es: 'una lista no vacía de textos', en: 'a non-empty list of texts' },
  option: { es: 'una de las opciones del dato', en: "one of the fact's options" },
  optionList: {
    es: 'una lista no vacía de opciones del dato',
    en: "a non-empty list of the fact's options",
  },
  date: { es: 'una fecha AAAA-MM-DD', en: 'a YYYY-MM-DD date' },
  dateRange: { es: 'un rango { from, to } de fechas', en: 'a { from, to } range of dates' },
  weekdayList: {
    es: 'una lista no vacía de días (mon … sun)',
    en: 'a non-empty list of days (mon … sun)',
  },
  true: { es: 'el valor true', en: 'the value true' },
  days: { es: 'un número entero de días (0 o más)', en: 'a whole number of days (0 or more)' },
  boolean: { es: 'true o false', en: 'true or false' },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyStringList(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((item) => typeof item === 'string' && item !== '')
  );
}

type ValueFit = 'fits' | 'wrongType' | 'notAnOption';

function valueFit(kind: ValueKind, value: unknown, fact: FactDefinition): ValueFit {
  const fits = (ok: boolean): ValueFit => (ok ? 'fits' : 'wrongType');
  const options = fact.options ?? [];
  switch (kind) {
    case 'number':
      return fits(typeof value === 'number' && Number.isFinite(value));
    case 'money':
      return fits(Number.isSafeInteger(value));
    case 'numberRange':
      return fits(isRecord(value) && Number.isFinite(value.min) && Number.isFinite(value.max));
    case 'moneyRange':
      return fits(
        isRecord(value) && Number.isSafeInteger(value.min) && Number.isSafeInteger(value.max),
      );
    case 'text':
      return fits(typeof value === 'string' && value !== '');
    case 'textList':
      return fits(isNonEmptyStringList(value));
    case 'option':
      if (typeof value !== 'string') return 'wrongType';
      return options.includes(value) ? 'fits' : 'notAnOption';
    case 'optionList':
      if (!isNonEmptyStringList(value)) return 'wrongType';
      return value.every((item) => options.includes(item)) ? 'fits' : 'notAnOption';
    case 'date':
      return fits(isIsoDate(value));
    case 'dateRange':
      return fits(isRecord(value) && isIsoDate(value.from) && isIsoDate(value.to));
    case 'weekdayList':
      return fits(
        isNonEmptyStringList(value) &&
          value.every((item) => (WEEKDAYS as readonly string[]).includes(item)),
      );
    case 'true':
      return fits(value === true);
    case 'days':
      return fits(Number.isSafeInteger(value) && (value as number) >= 0);
    case 'boolean':
      return fits(typeof value === 'boolean');
  }
}

function isRangeReversed(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (typeof value.min === 'number' && typeof value.max === 'number') return value.min > value.max;
  return isIsoDate(value.from) && isIsoDate(value.to) && value.from > value.to;
}

function checkLeaf(leaf: ConditionLeaf, path: RulePath, rule: RuleDocument): RuleIssue[] {
  const fact = findFact(leaf.fact);
  if (!fact) {
    return [
      issue('unknown_fact', [...path, 'fact'], {
        es: `No existe el dato «${leaf.fact}».`,
        en: `There is no fact "${leaf.fact}".`,
      }),
    ];
  }
  const issues: RuleIssue[] = [];
  if (fact.triggers && !fact.triggers.includes(rule.trigger.type)) {
    issues.push(
      issue('fact_not_available', [...path, 'fact'], {
        es: `«${fact.label.es}» no existe en el disparador ${rule.trigger.type}; la condición nunca se cumpliría.`,
        en: `"${fact.label.en}" is not there on the ${rule.trigger.type} trigger; the condition could never pass.`,
      }),
    );
  }
  const kind = valueKindOf(fact.type, leaf.operator);
  if (!kind) {
    issues.push(
      issue('operator_not_for_type', [...path, 'operator'], {
        es: `El operador ${leaf.operator} no aplica a «${fact.label.es}» (tipo ${fact.type}).`,
        en: `Operator ${leaf.operator} does not apply to "${fact.label.en}" (type ${fact.type}).`,
      }),
    );
    return issues;
  }
  const fit = valueFit(kind, leaf.value, fact);
  if (fit === 'wrongType') {
    issues.push(
      issue('value_wrong_type', [...path, 'value'], {
        es: `La condición sobre «${fact.label.es}» espera ${KIND_DESCRIPTIONS[kind].es}.`,
        en: `The condition on "${fact.label.en}" expects ${KIND_DESCRIPTIONS[kind].en}.`,
      }),
    );
  } else if (fit === 'notAnOption') {
    const options = (fact.options ?? []).join(', ');
    issues.push(
      issue('value_not_an_option', [...path, 'value'], {
        es: `«${fact.label.es}» solo puede ser: ${options}.`,
        en: `"${fact.label.en}" can only be: ${options}.`,
      }),
    );
  } else if (isRangeReversed(leaf.value)) {
    issues.push(
      issue('impossible_range', [...path, 'value'], {
        es: 'El inicio del rango es mayor que su fin: la condición nunca se cumple.',
        en: 'The range starts after it ends: the condition can never pass.',
      }),
    );
  }
  return issues;
}

/** The values a leaf admits on a numeric or date fact (dates as day numbers). */
interface Interval {
  min: number;
  minOpen: boolean;
  max: number;
  maxOpen: boolean;
}

const EVERYTHING: Interval = { min: -Infinity, minOpen: false, max: Infinity, maxOpen: false };

function intervalOf(leaf: ConditionLeaf, fact: FactDefinition): Interval | undefined {
  const toNumber = (value: unknown): number | undefined => {
    if (fact.type === 'date')
      return isIsoDate(value) ? daysBetween('1970-01-01', value) : undefined;
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  };
  // Cents and days are whole: "> 5" is ">= 6", so "> 5 and < 6" is seen to be empty.
  const step = fact.type === 'money' || fact.type === 'date' ? 1 : 0;
  const below = (max: number, open: boolean): Interval =>
    open && step ? { ...EVERYTHING, max: max - step } : { ...EVERYTHING, max, maxOpen: open };
  const above = (min: number, open: boolean): Interval =>
    open && step ? { ...EVERYTHING, min: min + step } : { ...EVERYTHING, min, minOpen: open };
  const value: unknown = leaf.value;
  if (leaf.operator === 'between') {
    if (!isRecord(value)) return undefined;
    const min = toNumber(fact.type === 'date' ? value.from : value.min);
    const max = toNumber(fact.type === 'date' ? value.to : value.max);
    return min === undefined || max === undefined ? undefined : { ...EVERYTHING, min, max };
  }
  const point = toNumber(value);
  if (point === undefined) return undefined;
  switch (leaf.operator) {
    case 'equal':
      return { ...EVERYTHING, min: point, max: point };
    case 'lessThan':
    case 'before':
      return below(point, true);
    case 'lessThanInclusive':
      return below(point, false);
    case 'greaterThan':
    case 'after':
      return above(point, true);
    case 'greaterThanInclusive':
      return above(point, false);
    default:
      return undefined;
  }
}

function intersect(a: Interval, b: Interval): Interval {
  const lower =
    a.min === b.min
      ? { min: a.min, minOpen: a.minOpen || b.minOpen }
      : a.min > b.min
        ? { min: a.min, minOpen: a.minOpen }
        : { min: b.min, minOpen: b.minOpen };
  const upper =
    a.max === b.max
      ? { max: a.max, maxOpen: a.maxOpen || b.maxOpen }
      : a.max < b.max
        ? { max: a.max, maxOpen: a.maxOpen }
        : { max: b.max, maxOpen: b.maxOpen };
  return { ...lower, ...upper };
}

function isEmpty(interval: Interval): boolean {
  return (
    interval.min > interval.max ||
    (interval.min === interval.max && (interval.minOpen || interval.maxOpen))
  );
}

/** The leaves that must all pass together: those of an `all` and of the `all`s inside it. */
function conjunctLeaves(conditions: Condition[]): ConditionLeaf[] {
  return conditions.flatMap((condition) =>
    isLeaf(condition) ? [condition] : 'all' in condition ? conjunctLeaves(condition.all) : [],
  );
}

/** Leaves on one fact whose ranges, or whose `equal` values, cannot hold at the same time. */
function contradictionIn(conditions: Condition[]): ConditionLeaf[] | undefined {
  const byFact = new Map<string, ConditionLeaf[]>();
  for (const leaf of conjunctLeaves(conditions)) {
    byFact.set(leaf.fact, [...(byFact.get(leaf.fact) ?? []), leaf]);
  }
  for (const [factId, leaves] of byFact) {
    const fact = findFact(factId);
    if (!fact || leaves.length < 2) continue;
    const equals = leaves.filter((leaf) => leaf.operator === 'equal');
    if (new Set(equals.map((leaf) => canonicalJson(leaf.value))).size > 1) return equals;
    if (!['number', 'money', 'date'].includes(fact.type)) continue;
    const bounded = leaves.flatMap((leaf) => {
      const interval = intervalOf(leaf, fact);
      return interval ? [{ leaf, interval }] : [];
    });
    const common = bounded.reduce((range, { interval }) => intersect(range, interval), EVERYTHING);
    if (isEmpty(common)) return bounded.map(({ leaf }) => leaf);
  }
  return undefined;
}

function checkConditions(rule: RuleDocument): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const seenIds = new Set<string>();
  const noteId = (id: string | undefined, path: RulePath) => {
    if (id === undefined) return;
    if (seenIds.has(id)) {
      issues.push(
        issue('duplicate_id', [...path, 'id'], {
          es: `El id «${id}» se repite; cada bloque necesita el suyo.`,
          en: `The id "${id}" is used twice; each block needs its own.`,
        }),
      );
    }
    seenIds.add(id);
  };
  const visit = (condition: Condition, path: RulePath, isRoot: boolean): void => {
    noteId(condition.id, path);
    if (isLeaf(condition)) {
      issues.push(...checkLeaf(condition, path, rule));
      return;
    }
    if ('not' in condition) {
      visit(condition.not, [...path, 'not'], false);
      return;
    }
    const [operator, children] =
      'all' in condition ? (['all', condition.all] as const) : (['any', condition.any] as const);
    // An empty `all` at the top means "no conditions"; anywhere else it is a forgotten block.
    if (children.length === 0 && !(isRoot && operator === 'all')) {
      issues.push(
        issue('empty_group', path, {
          es:
            operator === 'any'
              ? 'El grupo «alguna de» está vacío: nunca se cumple.'
              : 'El grupo «todas» está vacío: agrega condiciones o quítalo.',
          en:
            operator === 'any'
              ? 'The "any of" group is empty: it never passes.'
              : 'The "all of" group is empty: add conditions or remove it.',
        }),
      );
    }
    children.forEach((child, i) => visit(child, [...path, operator, i], false));
    if (operator === 'all') {
      const contradiction = contradictionIn(children);
      if (contradiction) {
        const ids = contradiction.map((leaf) => leaf.id).join(', ');
        issues.push(
          issue('contradictory_conditions', path, {
            es: `Las condiciones ${ids} no pueden cumplirse a la vez.`,
            en: `Conditions ${ids} can never all pass together.`,
          }),
        );
      }
    }
  };
  visit(rule.conditions, ['conditions'], true);
  return issues;
}

function checkValidity(validity: Validity): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (validity.from !== undefined && validity.to !== undefined && validity.from > validity.to) {
    issues.push(
      issue('validity_from_after_to', ['validity', 'to'], {
        es: `La vigencia termina (${validity.to}) antes de empezar (${validity.from}).`,
        en: `The validity ends (${validity.to}) before it starts (${validity.from}).`,
      }),
    );
  }
  if (validity.hours && validity.hours.from % 24 === validity.hours.to % 24) {
    issues.push(
      issue('validity_empty_hours', ['validity', 'hours'], {
        es: 'El horario empieza y termina a la misma hora.',
        en: 'The hours start and end at the same time.',
      }),
    );
  }
  return issues;
}

const PURCHASE_TRIGGERS = ['purchase', 'purchase_reversed'];

function checkEffects(rule: RuleDocument): RuleIssue[] {
  if (rule.effects.length === 0) {
    return [
      issue('no_effects', ['effects'], {
        es: 'La regla no hace nada: agrega al menos un efecto.',
        en: 'The rule does nothing: add at least one effect.',
      }),
    ];
  }
  return rule.effects.flatMap((effect, i) => {
    const needsPurchase =
      (effect.type === 'pointsPerAmount' && !PURCHASE_TRIGGERS.includes(rule.trigger.type)) ||
      (effect.type === 'multiplier' && rule.trigger.type !== 'purchase');
    return needsPurchase
      ? [
          issue('effect_needs_purchase', ['effects', i], {
            es: 'Este efecto se calcula sobre una compra; el disparador de la regla no es una compra.',
            en: "This effect is computed on a purchase; the rule's trigger is not a purchase.",
          }),
        ]
      : [];
  });
}

function checkCaps(rule: RuleDocument): RuleIssue[] {
  // Fixed points are the part of an award known in advance; per-amount ones depend on the purchase.
  const fixedAward = pointsFromEffects(
    rule.effects.filter((effect) => effect.type === 'fixedPoints'),
    {},
    0,
  );
  const severity = rule.caps.onReach === 'skip' ? 'error' : 'warning';
  const consequence =
    rule.caps.onReach === 'skip'
      ? { es: 'nunca se otorgaría', en: 'it would never be awarded' }
      : { es: 'siempre se recortaría', en: 'it would always be cut' };
  const limits: [number | undefined, RulePath][] = [
    ...rule.caps.perCustomer.map((cap, i): [number | undefined, RulePath] => [
      cap.maxPoints,
      ['caps', 'perCustomer', i, 'maxPoints'],
    ]),
    [rule.caps.budget?.maxPoints, ['caps', 'budget', 'maxPoints']],
  ];
  return limits
    .filter(([max]) => max !== undefined && max < fixedAward)
    .map(([max, path]) =>
      issue(
        'cap_below_single_award',
        path,
        {
          es: `El tope de ${max} puntos es menor que un solo premio de ${fixedAward}: ${consequence.es}.`,
          en: `The cap of ${max} points is below a single award of ${fixedAward}: ${consequence.en}.`,
        },
        severity,
      ),
    );
}

/** Every static check of one parsed rule. */
export function checkRule(rule: RuleDocument): RuleIssue[] {
  return [
    ...checkConditions(rule),
    ...checkValidity(rule.validity),
    ...checkEffects(rule),
    ...checkCaps(rule),
  ];
}

function pathOf(path: readonly PropertyKey[]): RulePath {
  return path.map((part) => (typeof part === 'number' ? part : String(part)));
}

/**
 * Parses a rule written by the studio or by hand and checks it. Shape errors come first, as
 * invalid_shape issues; the other checks run only on a rule that parses.
 */
export function validateRule(input: unknown): { rule?: RuleDocument; issues: RuleIssue[] } {
  const english = ruleDocumentSchema.safeParse(input, { error: en().localeError });
  if (english.success) return { rule: english.data, issues: checkRule(english.data) };
  const spanish = ruleDocumentSchema.safeParse(input, { error: es().localeError });
  const spanishIssues = spanish.success ? [] : spanish.error.issues;
  return {
    issues: english.error.issues.map((zodIssue, i) => {
      const [ownSpanish, ownEnglish] = zodIssue.message.split(MESSAGE_LANGUAGE_SEPARATOR);
      const message =
        ownEnglish !== undefined
          ? { es: ownSpanish, en: ownEnglish }
          : { es: spanishIssues[i]?.message ?? zodIssue.message, en: zodIssue.message };
      return issue('invalid_shape', pathOf(zodIssue.path), message);
    }),
  };
}

function intersects<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === 0 || b.length === 0 || a.some((item) => b.includes(item));
}

function localHours(validity: Validity): number[] {
  if (!validity.hours) return [];
  const { from, to } = validity.hours;
  return Array.from({ length: 24 }, (_, hour) => hour).filter((hour) =>
    from < to ? from <= hour && hour < to : hour >= from || hour < to,
  );
}

/** Whether two rules can fire on the same event: same trigger, overlapping window and audience. */
function mayOverlap(a: RuleDocument, b: RuleDocument): boolean {
  if (canonicalJson(a.trigger) !== canonicalJson(b.trigger)) return false;
  const [va, vb] = [a.validity, b.validity];
  if (va.from !== undefined && vb.to !== undefined && va.from > vb.to) return false;
  if (vb.from !== undefined && va.to !== undefined && vb.from > va.to) return false;
  // Days and hours in different time zones are not comparable; assume they can meet.
  if (va.timeZone === vb.timeZone) {
    if (!intersects(va.daysOfWeek ?? [], vb.daysOfWeek ?? [])) return false;
    if (!intersects(localHours(va), localHours(vb))) return false;
  }
  const [ua, ub] = [a.audience, b.audience];
  return (
    intersects(ua.zones, ub.zones) &&
    intersects(ua.customerTypes, ub.customerTypes) &&
    intersects(ua.segments, ub.segments) &&
    intersects(ua.tags, ub.tags)
  );
}

/**
 * Checks across rules (e.g. the rules of a release): two rules of one exclusive group with the
 * same priority that can fire on the same event leave the winner to chance of naming.
 */
export function checkRuleSet(rules: readonly RuleDocument[]): RuleIssue[] {
  const issues: RuleIssue[] = [];
  rules.forEach((later, j) => {
    for (const earlier of rules.slice(0, j)) {
      const group = later.stacking.group;
      if (
        group === undefined ||
        earlier.stacking.group !== group ||
        earlier.stacking.priority !== later.stacking.priority ||
        !mayOverlap(earlier, later)
      ) {
        continue;
      }
      issues.push({
        ...issue('exclusive_group_tie', ['stacking', 'priority'], {
          es: `«${later.key}» y «${earlier.key}» están en el grupo exclusivo «${group}» con la misma prioridad (${later.stacking.priority}) y pueden coincidir: da a una mayor prioridad.`,
          en: `"${later.key}" and "${earlier.key}" share exclusive group "${group}" with the same priority (${later.stacking.priority}) and can both match: give one a higher priority.`,
        }),
        ruleKey: later.key,
      });
    }
  });
  return issues;
}
