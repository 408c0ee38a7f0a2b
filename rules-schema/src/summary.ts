import { AUDIENCE_FACTS } from './applicability';
import { isLeaf } from './compile';
import type { CapPeriod, IsoDate, Weekday } from './dates';
import { findFact, type FactDefinition } from './facts';
import type { Condition, ConditionLeaf, Effect, RuleDocument, TriggerType } from './schema';

// Plain-words summaries of rules, for the studio and the back-office lists, e.g.
// "Si hoy es el cumpleaños del cliente → 100 puntos, una vez al año".

export type Language = 'es' | 'en';

type Words = Record<Language, string>;

/** "1,000": es-MX and en both group thousands with commas. */
function formatInteger(value: number): string {
  const digits = String(Math.abs(Math.trunc(value))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return value < 0 ? `-${digits}` : digits;
}

/** "$10", "$12.50", "$1,000" (pesos from integer cents). */
export function formatMoney(cents: number): string {
  const whole = formatInteger(Math.trunc(cents / 100));
  const fraction = Math.abs(cents % 100);
  return fraction === 0 ? `$${whole}` : `$${whole}.${String(fraction).padStart(2, '0')}`;
}

function formatDate(date: IsoDate, language: Language): string {
  return language === 'es' ? date.split('-').reverse().join('/') : date;
}

function points(count: number, language: Language): string {
  const unit =
    language === 'es' ? (count === 1 ? 'punto' : 'puntos') : count === 1 ? 'point' : 'points';
  return `${formatInteger(count)} ${unit}`;
}

/** "a, b y c" / "a, b and c" (or "o" / "or"). */
function joinWords(items: string[], language: Language, conjunction: 'and' | 'or'): string {
  const word = { and: { es: 'y', en: 'and' }, or: { es: 'o', en: 'or' } }[conjunction][language];
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

const WEEKDAY_NAMES: Record<Weekday, Words> = {
  mon: { es: 'lunes', en: 'Monday' },
  tue: { es: 'martes', en: 'Tuesday' },
  wed: { es: 'miércoles', en: 'Wednesday' },
  thu: { es: 'jueves', en: 'Thursday' },
  fri: { es: 'viernes', en: 'Friday' },
  sat: { es: 'sábado', en: 'Saturday' },
  sun: { es: 'domingo', en: 'Sunday' },
};

const MONTH_NAMES: Words[] = [
  { es: 'enero', en: 'January' },
  { es: 'febrero', en: 'February' },
  { es: 'marzo', en: 'March' },
  { es: 'abril', en: 'April' },
  { es: 'mayo', en: 'May' },
  { es: 'junio', en: 'June' },
  { es: 'julio', en: 'July' },
  { es: 'agosto', en: 'August' },
  { es: 'septiembre', en: 'September' },
  { es: 'octubre', en: 'October' },
  { es: 'noviembre', en: 'November' },
  { es: 'diciembre', en: 'December' },
];

function weekdayName(day: string, language: Language): string {
  return day in WEEKDAY_NAMES ? WEEKDAY_NAMES[day as Weekday][language] : day;
}

/**
 * The names people know a rule's stored codes by (a zone's name for its code, a reward's for
 * its code), when the caller has them: asked by the fact the value belongs to, or 'reward'.
 */
export type ValueNames = (of: string, code: string) => string | undefined;

function formatValue(
  value: unknown,
  fact: FactDefinition | undefined,
  language: Language,
  names?: ValueNames,
): string {
  if (typeof value === 'number') {
    if (fact?.type === 'money') return formatMoney(value);
    const month = fact?.unit === 'month' ? MONTH_NAMES[value - 1] : undefined;
    if (month) return month[language];
    return Number.isInteger(value) ? formatInteger(value) : String(value);
  }
  if (typeof value === 'string') {
    if (fact?.type === 'date') return formatDate(value, language);
    if (fact?.type === 'weekday') return weekdayName(value, language);
    return (fact && names?.(fact.id, value)) ?? value;
  }
  if (typeof value === 'boolean') return value ? { es: 'sí', en: 'yes' }[language] : 'no';
  return String(value);
}

function formatList(
  values: unknown,
  format: (item: unknown) => string,
  language: Language,
): string {
  const items: unknown[] = Array.isArray(values) ? values : [values];
  return joinWords(items.map(format), language, 'or');
}

function rangeEnds(value: unknown): [unknown, unknown] {
  if (typeof value !== 'object' || value === null) return [value, value];
  const range = value as Record<string, unknown>;
  return 'min' in range ? [range.min, range.max] : [range.from, range.to];
}

function leafPhrase(leaf: ConditionLeaf, language: Language, names?: ValueNames): string {
  const fact = findFact(leaf.fact);
  const label = fact
    ? fact.label[language].replace(/^./, (first) => first.toLowerCase())
    : leaf.fact;
  const format = (value: unknown) => formatValue(value, fact, language, names);
  const one = format(leaf.value);
  const list = () => formatList(leaf.value, format, language);
  const [low, high] = rangeEnds(leaf.value).map((end) => formatValue(end, fact, language, names));
  const es = language === 'es';
  const phrases: Record<ConditionLeaf['operator'], () => string> = {
    equal: () => (es ? `es ${one}` : `is ${one}`),
    notEqual: () => (es ? `no es ${one}` : `is not ${one}`),
    lessThan: () => (es ? `es menor que ${one}` : `is less than ${one}`),
    lessThanInclusive: () => (es ? `es ${one} o menos` : `is ${one} or less`),
    greaterThan: () => (es ? `es mayor que ${one}` : `is more than ${one}`),
    greaterThanInclusive: () => (es ? `es ${one} o más` : `is ${one} or more`),
    between: () => (es ? `está entre ${low} y ${high}` : `is between ${low} and ${high}`),
    in: () => (es ? 'es ' : 'is ') + list(),
    notIn: () => (es ? 'no es ninguno de: ' : 'is none of: ') + list(),
    startsWith: () => (es ? `empieza con «${one}»` : `starts with "${one}"`),
    contains: () => (es ? `incluye ${one}` : `includes ${one}`),
    doesNotContain: () => (es ? `no incluye ${one}` : `does not include ${one}`),
    containsAny: () => (es ? 'incluye alguno de: ' : 'includes any of: ') + list(),
    before: () => (es ? `es antes del ${one}` : `is before ${one}`),
    after: () => (es ? `es después del ${one}` : `is after ${one}`),
    isBirthday: () => (es ? 'cae hoy (mismo día y mes)' : 'falls on today (same day and month)'),
    dayOfWeekIn: () =>
      (es ? 'cae en ' : 'falls on ') +
      formatList(leaf.value, (day) => weekdayName(String(day), language), language),
    daysSinceGreaterThan: () =>
      es ? `fue hace más de ${one} días` : `was more than ${one} days ago`,
    daysSinceLessThan: () =>
      es ? `fue hace menos de ${one} días` : `was less than ${one} days ago`,
  };
  return `${label} ${phrases[leaf.operator]()}`;
}

/** A condition tree in words; nested groups go in parentheses. */
export function describeCondition(
  condition: Condition,
  language: Language = 'es',
  names?: ValueNames,
): string {
  const nested = (child: Condition): string => {
    const text = describeCondition(child, language, names);
    return isLeaf(child) || 'not' in child ? text : `(${text})`;
  };
  if (isLeaf(condition)) return leafPhrase(condition, language, names);
  if ('not' in condition) {
    return (language === 'es' ? 'no se cumple que ' : 'not ') + nested(condition.not);
  }
  const [children, conjunction] =
    'all' in condition ? [condition.all, 'and' as const] : [condition.any, 'or' as const];
  if (children.length === 0) {
    return conjunction === 'and'
      ? { es: 'siempre', en: 'always' }[language]
      : { es: 'nunca', en: 'never' }[language];
  }
  if (children.length === 1) return describeCondition(children[0], language, names);
  // Every conjunction spelled out: commas would blur with the commas inside value lists.
  const word = { and: { es: ' y ', en: ' and ' }, or: { es: ' o ', en: ' or ' } }[conjunction];
  return children.map(nested).join(word[language]);
}

const TRIGGER_PHRASES: Record<TriggerType, (days: number, language: Language) => string> = {
  purchase: (_, l) => ({ es: 'En cada compra', en: 'On every purchase' })[l],
  purchase_reversed: (_, l) =>
    ({ es: 'Al cancelarse una compra', en: 'When a purchase is reversed' })[l],
  card_activated: (_, l) => ({ es: 'Al activar la tarjeta', en: 'When the card is activated' })[l],
  customer_enrolled: (_, l) =>
    ({ es: 'Al inscribirse el cliente', en: 'When the customer enrols' })[l],
  profile_completed: (_, l) =>
    ({ es: 'Al completar el perfil', en: 'When the profile is completed' })[l],
  birthday: (_, l) =>
    ({ es: 'Si hoy es el cumpleaños del cliente', en: "On the customer's birthday" })[l],
  anniversary: (_, l) =>
    ({
      es: 'En el aniversario de inscripción del cliente',
      en: "On the customer's enrolment anniversary",
    })[l],
  inactivity: (days, l) =>
    ({
      es: `Si el cliente lleva ${days} días sin comprar`,
      en: `When the customer has not purchased for ${days} days`,
    })[l],
  points_expiring: (days, l) =>
    ({
      es: `Si al cliente le vencen puntos en ${days} días`,
      en: `When some of the customer's points expire within ${days} days`,
    })[l],
};

const CONDITIONAL_TRIGGERS: readonly TriggerType[] = ['birthday', 'inactivity', 'points_expiring'];

function validityPhrase(rule: RuleDocument, language: Language): string | undefined {
  const { from, to, daysOfWeek, hours } = rule.validity;
  const es = language === 'es';
  const parts: string[] = [];
  if (from !== undefined && to !== undefined) {
    parts.push(
      es
        ? `del ${formatDate(from, language)} al ${formatDate(to, language)}`
        : `from ${from} to ${to}`,
    );
  } else if (from !== undefined) {
    parts.push(es ? `desde el ${formatDate(from, language)}` : `from ${from}`);
  } else if (to !== undefined) {
    parts.push(es ? `hasta el ${formatDate(to, language)}` : `until ${to}`);
  }
  if (daysOfWeek && daysOfWeek.length > 0) {
    const names = daysOfWeek.map((day) => WEEKDAY_NAMES[day][language]);
    parts.push((es ? 'los ' : 'on ') + joinWords(names, language, 'and'));
  }
  if (hours) {
    const clock = (hour: number) => `${String(hour).padStart(2, '0')}:00`;
    parts.push(
      es
        ? `de ${clock(hours.from)} a ${clock(hours.to)}`
        : `from ${clock(hours.from)} to ${clock(hours.to)}`,
    );
  }
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function audiencePhrase(
  rule: RuleDocument,
  language: Language,
  names?: ValueNames,
): string | undefined {
  const { zones, customerTypes, segments, tags } = rule.audience;
  const es = language === 'es';
  const either = (items: string[], field: keyof typeof AUDIENCE_FACTS) =>
    joinWords(
      items.map((code) => names?.(AUDIENCE_FACTS[field], code) ?? code),
      language,
      'or',
    );
  const parts: string[] = [];
  if (zones.length > 0) parts.push((es ? 'de la zona ' : 'in zone ') + either(zones, 'zones'));
  if (customerTypes.length > 0) {
    parts.push((es ? 'de tipo ' : 'of type ') + either(customerTypes, 'customerTypes'));
  }
  if (segments.length > 0) {
    parts.push((es ? 'del segmento ' : 'in segment ') + either(segments, 'segments'));
  }
  if (tags.length > 0) parts.push((es ? 'con la etiqueta ' : 'tagged ') + either(tags, 'tags'));
  if (parts.length === 0) return undefined;
  return (es ? 'para clientes ' : 'for customers ') + parts.join(', ');
}

function effectPhrase(effect: Effect, language: Language, names?: ValueNames): string {
  const es = language === 'es';
  switch (effect.type) {
    case 'fixedPoints':
      return points(effect.points, language);
    case 'pointsPerAmount': {
      const rounding = {
        floor: '',
        round: es ? ' (redondeado)' : ' (rounded)',
        ceil: es ? ' (redondeado hacia arriba)' : ' (rounded up)',
      }[effect.rounding];
      const amount = formatMoney(effect.perAmountCents);
      return es
        ? `${points(effect.points, language)} por cada ${amount} de compra${rounding}`
        : `${points(effect.points, language)} per ${amount} spent${rounding}`;
    }
    case 'multiplier': {
      const named: Record<number, Words> = {
        2: { es: 'puntos dobles sobre la tasa base', en: 'double the base points' },
        3: { es: 'puntos triples sobre la tasa base', en: 'triple the base points' },
      };
      return (
        named[effect.factor]?.[language] ??
        (es ? `×${effect.factor} los puntos de la tasa base` : `×${effect.factor} the base points`)
      );
    }
    case 'reward': {
      const reward = names?.('reward', effect.rewardId) ?? effect.rewardId;
      return es ? `el premio «${reward}»` : `reward "${reward}"`;
    }
    case 'message':
      return es ? `el mensaje «${effect.subject}»` : `the message "${effect.subject}"`;
    case 'tag': {
      const tag = names?.('customer.tags', effect.tag) ?? effect.tag;
      return es ? `la etiqueta «${tag}»` : `the tag "${tag}"`;
    }
  }
}

const ONCE: Record<CapPeriod, Words> = {
  day: { es: 'una vez al día', en: 'once a day' },
  week: { es: 'una vez por semana', en: 'once a week' },
  month: { es: 'una vez al mes', en: 'once a month' },
  year: { es: 'una vez al año', en: 'once a year' },
  lifetime: { es: 'una sola vez', en: 'only once' },
};

const PER_PERIOD: Record<CapPeriod, Words> = {
  day: { es: 'al día', en: 'a day' },
  week: { es: 'por semana', en: 'a week' },
  month: { es: 'al mes', en: 'a month' },
  year: { es: 'al año', en: 'a year' },
  lifetime: { es: 'en total', en: 'in total' },
};

function capPhrases(rule: RuleDocument, language: Language): string[] {
  const es = language === 'es';
  const phrases = rule.caps.perCustomer.flatMap((cap) => {
    const per = PER_PERIOD[cap.period][language];
    const parts: string[] = [];
    if (cap.maxTimes === 1) parts.push(ONCE[cap.period][language]);
    else if (cap.maxTimes !== undefined)
      parts.push(es ? `hasta ${cap.maxTimes} veces ${per}` : `up to ${cap.maxTimes} times ${per}`);
    if (cap.maxPoints !== undefined) {
      parts.push(`${es ? 'máximo' : 'at most'} ${points(cap.maxPoints, language)} ${per}`);
    }
    return parts;
  });
  const budget = rule.caps.budget;
  if (budget) {
    const per = PER_PERIOD[budget.period][language];
    phrases.push(
      `${es ? 'presupuesto de' : 'budget of'} ${points(budget.maxPoints, language)} ${per}`,
    );
  }
  return phrases;
}

/**
 * The whole rule in one line: trigger, window, audience, conditions → effects, caps. With
 * `names`, stored codes read as the names people know them by.
 */
export function summarizeRule(
  rule: RuleDocument,
  language: Language = 'es',
  names?: ValueNames,
): string {
  const es = language === 'es';
  const { trigger } = rule;
  const days =
    trigger.type === 'inactivity' || trigger.type === 'points_expiring' ? trigger.days : 0;
  const head = [TRIGGER_PHRASES[trigger.type](days, language)];
  const window = validityPhrase(rule, language);
  if (window) head.push(window);
  const audience = audiencePhrase(rule, language, names);
  if (audience) head.push(audience);
  let sentence = head.join(', ');
  const hasConditions = !('all' in rule.conditions && rule.conditions.all.length === 0);
  if (hasConditions) {
    // "Si hoy es el cumpleaños del cliente y …" rather than "…, si …".
    const joiner = CONDITIONAL_TRIGGERS.includes(trigger.type)
      ? { es: ' y ', en: ', if ' }
      : { es: ', si ', en: ', if ' };
    sentence += joiner[language] + describeCondition(rule.conditions, language, names);
  }
  const effects =
    rule.effects.length > 0
      ? joinWords(
          rule.effects.map((effect) => effectPhrase(effect, language, names)),
          language,
          'and',
        )
      : es
        ? 'nada'
        : 'nothing';
  const tail = [effects, ...capPhrases(rule, language)];
  if (rule.stacking.group !== undefined) {
    tail.push(
      es
        ? `exclusiva en el grupo «${rule.stacking.group}» (prioridad ${rule.stacking.priority})`
        : `exclusive in group "${rule.stacking.group}" (priority ${rule.stacking.priority})`,
    );
  }
  return `${sentence} → ${tail.join(', ')}`;
}
