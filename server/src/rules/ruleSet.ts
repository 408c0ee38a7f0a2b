import {
  compileMatcher,
  compileRule,
  localTime,
  parseRule,
  type LocalTime,
  type Matcher,
  type RuleDocument,
  type TriggerType,
} from '@lealtad/rules-schema';

/** Groups of facts that cost a query each; the rest come with the event and the customer row. */
export type FactGroup = 'tags' | 'aggregates' | 'card';

/** One live rule version, ready to evaluate. */
export interface LiveRule {
  ruleId: number;
  key: string;
  version: number;
  document: RuleDocument;
  matches: Matcher;
  /** The fact groups its audience and conditions read. */
  needs: ReadonlySet<FactGroup>;
  /** No dates, days or hours: in force at any time. */
  alwaysInForce: boolean;
}

export interface LiveVersion {
  ruleId: number;
  version: number;
  definition: unknown;
}

function factGroupOf(fact: string): FactGroup | null {
  if (fact === 'customer.tags') return 'tags';
  if (fact.startsWith('aggregate.')) return 'aggregates';
  if (fact.startsWith('card.')) return 'card';
  return null;
}

export function liveRule(ruleId: number, version: number, definition: unknown): LiveRule {
  const document = parseRule(definition);
  const needs = new Set<FactGroup>();
  for (const fact of compileRule(document).factsUsed) {
    const group = factGroupOf(fact);
    if (group) needs.add(group);
  }
  if (document.audience.tags.length > 0) needs.add('tags');
  const { from, to, daysOfWeek, hours } = document.validity;
  return {
    ruleId,
    key: document.key,
    version,
    document,
    matches: compileMatcher(document.conditions),
    needs,
    alwaysInForce:
      from === undefined && to === undefined && (daysOfWeek ?? []).length === 0 && !hours,
  };
}

interface TriggerIndex {
  everyZone: LiveRule[];
  byZone: Map<string, LiveRule[]>;
}

/**
 * The rules of one release, indexed by trigger and then by zone, so an event looks only at the
 * rules that could apply to it. Immutable: a publish builds a new set, and an evaluation that
 * took this one finishes with it.
 */
export class RuleSet {
  private readonly index = new Map<TriggerType, TriggerIndex>();
  readonly byKey: ReadonlyMap<string, LiveRule>;

  constructor(
    readonly releaseId: number,
    readonly rules: readonly LiveRule[],
  ) {
    this.byKey = new Map(rules.map((rule) => [rule.key, rule]));
    for (const rule of rules) {
      const trigger = rule.document.trigger.type;
      let entry = this.index.get(trigger);
      if (!entry) {
        entry = { everyZone: [], byZone: new Map() };
        this.index.set(trigger, entry);
      }
      const zones = rule.document.audience.zones;
      if (zones.length === 0) entry.everyZone.push(rule);
      for (const zone of zones) {
        const list = entry.byZone.get(zone) ?? [];
        list.push(rule);
        entry.byZone.set(zone, list);
      }
    }
  }

  static fromVersions(releaseId: number, versions: readonly LiveVersion[]): RuleSet {
    return new RuleSet(
      releaseId,
      versions.map((v) => liveRule(v.ruleId, v.version, v.definition)),
    );
  }

  /** The live rules of a trigger that could apply in a zone (audience zones aside, unchecked). */
  candidates(trigger: TriggerType, zone: string | null): readonly LiveRule[] {
    const entry = this.index.get(trigger);
    if (!entry) return [];
    const zoned = zone === null ? undefined : entry.byZone.get(zone);
    return zoned ? [...entry.everyZone, ...zoned] : entry.everyZone;
  }

  /** Whether any live rule listens to the trigger (the scheduled jobs skip the others). */
  hasTrigger(trigger: TriggerType): boolean {
    return this.index.has(trigger);
  }

  /** The live rules of a trigger, whatever their zone. */
  ofTrigger(trigger: TriggerType): LiveRule[] {
    const entry = this.index.get(trigger);
    if (!entry) return [];
    return [...new Set([...entry.everyZone, ...[...entry.byZone.values()].flat()])];
  }
}

const minuteMs = 60_000;
const localTimes = new Map<string, { minute: number; local: LocalTime }>();

/**
 * localTime, remembered per time zone for the current minute: offsets move in steps of at
 * least 15 minutes, and formatting a date in a zone is the slowest step of a cheap evaluation.
 */
export function localTimeCached(instant: Date, timeZone: string): LocalTime {
  const minute = Math.floor(instant.getTime() / minuteMs);
  const cached = localTimes.get(timeZone);
  if (cached && cached.minute === minute) return cached.local;
  const local = localTime(instant, timeZone);
  localTimes.set(timeZone, { minute, local });
  return local;
}
