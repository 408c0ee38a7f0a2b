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
  /** For inactivity and points about to expire: the days the trigger waits. */
  waitsDays: number | undefined;
  /** No dates, days or hours: in force at any time. */
  alwaysInForce: boolean;
  /**
   * The audience asks more than a zone (a type, segment or tag). The zone itself is settled by
   * the index: a rule is a candidate only in the zones it names.
   */
  audienceBeyondZone: boolean;
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
    waitsDays: 'days' in document.trigger ? document.trigger.days : undefined,
    alwaysInForce:
      from === undefined && to === undefined && (daysOfWeek ?? []).length === 0 && !hours,
    audienceBeyondZone:
      document.audience.customerTypes.length > 0 ||
      document.audience.segments.length > 0 ||
      document.audience.tags.length > 0,
  };
}

interface TriggerIndex {
  everyZone: LiveRule[];
  /** Per zone: the rules of every zone and those naming it, in one list. */
  byZone: Map<string, LiveRule[]>;
}

/**
 * The rules of one release, indexed by trigger and then by zone, so an event looks only at the
 * rules that could apply to it. Immutable: a publish builds a new set, and an evaluation that
 * took this one finishes with it.
 */
export class RuleSet {
  private readonly index = new Map<TriggerType, TriggerIndex>();
  private readonly groupsByTriggerZone = new Map<string, ReadonlySet<FactGroup>>();
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
    // Built once here so an evaluation allocates no list.
    for (const entry of this.index.values()) {
      for (const [zone, list] of entry.byZone)
        entry.byZone.set(zone, [...entry.everyZone, ...list]);
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
    return (zone === null ? undefined : entry.byZone.get(zone)) ?? entry.everyZone;
  }

  /**
   * The fact groups an event's candidate rules read, to load before evaluating. Worked out once
   * per trigger and zone: every purchase of a batch asks it.
   */
  factGroups(trigger: TriggerType, zone: string | null): ReadonlySet<FactGroup> {
    const key = `${trigger}|${zone ?? ''}`;
    let groups = this.groupsByTriggerZone.get(key);
    if (!groups) {
      groups = new Set(this.candidates(trigger, zone).flatMap((rule) => [...rule.needs]));
      this.groupsByTriggerZone.set(key, groups);
    }
    return groups;
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
/** Enough minutes for a day of purchases in a few zones; emptied when full. */
const cachedMinutes = 8_192;
const localTimes = new Map<string, LocalTime>();

/**
 * localTime, remembered per time zone and minute: offsets move in steps of at least 15
 * minutes, and formatting a date in a zone is the slowest step of a cheap evaluation.
 */
export function localTimeCached(instant: Date, timeZone: string): LocalTime {
  const key = `${timeZone}|${Math.floor(instant.getTime() / minuteMs)}`;
  const cached = localTimes.get(key);
  if (cached) return cached;
  const local = localTime(instant, timeZone);
  if (localTimes.size >= cachedMinutes) localTimes.clear();
  localTimes.set(key, local);
  return local;
}
