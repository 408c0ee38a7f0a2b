import { Engine } from 'json-rules-engine';
import mysql from 'mysql2/promise';
import {
  addOperators,
  applyCaps,
  compileRule,
  CONSUMPTION_LEVELS,
  localTime,
  operatorContextOf,
  parseRule,
  SEED_RULES,
  WEEKDAYS,
  type Condition,
  type Facts,
  type RuleDocument,
  type RuleDocumentInput,
  type TriggerType,
} from '@lealtad/rules-schema';
import { evaluate } from '@lealtad/server/rules/evaluate';
import { RuleSet } from '@lealtad/server/rules/ruleSet';

// Part two of the benchmark: a thousand live rules spread as a marketing team would write
// them, evaluated in process (the runtime's path) and the naive way (one json-rules-engine
// Engine holding all of them per purchase).

const zones = ['NORTE', 'CENTRO', 'SUR', 'OCCIDENTE'] as const;
const types = ['GENERAL', 'FRECUENTE', 'VIP', 'EMPRESARIAL'] as const;
const categories = ['ropa', 'abarrotes', 'electronica', 'hogar', 'farmacia', 'juguetes'] as const;
const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;
/** A different spread per attribute (`salt`), so zone, type and level are not correlated. */
const spread = (i: number, salt: number) =>
  (Math.imul(i + 1, 2_654_435_761) ^ (salt * 40_503)) >>> 0;

/** A draw in [0, 1) for rule or purchase `n` and attribute `salt`, the same every run. */
const draw = (n: number, salt: number) => spread(n, salt) / 2 ** 32;

/** The trigger mix: most benefits are about purchases. */
function triggerOf(n: number): RuleDocumentInput['trigger'] {
  if (draw(n, 1) < 0.7) return { type: 'purchase' };
  const others: RuleDocumentInput['trigger'][] = [
    { type: 'birthday' },
    { type: 'anniversary' },
    { type: 'card_activated' },
    { type: 'customer_enrolled' },
    { type: 'profile_completed' },
    { type: 'inactivity', days: 30 * (1 + (spread(n, 2) % 4)) },
  ];
  return pick(others, spread(n, 3));
}

function purchaseConditions(n: number): Condition {
  const leaves: Condition[] = [
    {
      id: 'monto',
      fact: 'purchase.amount',
      operator: 'greaterThanInclusive',
      // $300 to $3,000: promotions ask for a sizeable ticket.
      value: 30_000 * (1 + (spread(n, 4) % 10)),
    },
  ];
  if (draw(n, 5) < 0.6) {
    leaves.push({
      id: 'categoria',
      fact: 'purchase.category',
      operator: 'in',
      value: [pick(categories, spread(n, 6)), pick(categories, spread(n, 6) + 1)],
    });
  }
  if (draw(n, 7) < 0.4) {
    leaves.push({
      id: 'nivel',
      fact: 'customer.consumptionLevel',
      operator: 'equal',
      value: pick(CONSUMPTION_LEVELS, spread(n, 8)),
    });
  }
  if (draw(n, 9) < 0.25) {
    leaves.push({
      id: 'dias',
      fact: 'today.weekday',
      operator: 'in',
      value: [pick(WEEKDAYS, spread(n, 10)), pick(WEEKDAYS, spread(n, 10) + 3)],
    });
  }
  if (draw(n, 11) < 0.15) {
    leaves.push({
      any: [
        {
          id: 'tienda',
          fact: 'purchase.storeId',
          operator: 'startsWith',
          value: `T${spread(n, 12) % 9}`,
        },
        { id: 'articulos', fact: 'purchase.itemsCount', operator: 'greaterThan', value: 3 },
      ],
    });
  }
  return { all: leaves };
}

function effectsOf(n: number): RuleDocumentInput['effects'] {
  switch (spread(n, 13) % 3) {
    case 0:
      return [{ id: 'fijo', type: 'fixedPoints', points: 10 + (spread(n, 14) % 90) }];
    case 1:
      return [{ id: 'monto', type: 'pointsPerAmount', points: 1, perAmountCents: 5_000 }];
    default:
      return [{ id: 'multiplica', type: 'multiplier', factor: 1.5 }];
  }
}

/** `count` rules besides the seeded ones, deterministic, keys "bench-0001"… */
export function benchRules(count: number): RuleDocument[] {
  return Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const trigger = triggerOf(n);
    const isPurchase = trigger.type === 'purchase';
    const month = String(1 + (spread(n, 15) % 12)).padStart(2, '0');
    const year = 2026 + (spread(n, 16) % 2);
    return parseRule({
      key: `bench-${String(n).padStart(4, '0')}`,
      name: `Promoción ${n}`,
      trigger,
      // Most rules are for one zone, a third also for one customer type; a few for everyone.
      audience: {
        zones: draw(n, 17) < 0.1 ? [] : [pick(zones, spread(n, 18))],
        customerTypes: draw(n, 19) < 0.33 ? [pick(types, spread(n, 20))] : [],
      },
      // A third are one month's campaign (this year or next), some only certain hours.
      validity:
        draw(n, 21) < 0.33
          ? {
              from: `${year}-${month}-01`,
              to: `${year}-${month}-28`,
              ...(draw(n, 22) < 0.3 && { hours: { from: 8, to: 22 } }),
            }
          : {},
      conditions: isPurchase ? purchaseConditions(n) : { all: [] },
      effects: isPurchase ? effectsOf(n) : [{ id: 'fijo', type: 'fixedPoints', points: 50 }],
      caps:
        draw(n, 23) < 0.25
          ? { perCustomer: [{ period: 'month', maxPoints: 500 }], onReach: 'truncate' }
          : {},
      // Most compete in exclusive groups: one campaign of each kind per purchase.
      stacking:
        draw(n, 24) < 0.75
          ? { group: `grupo-${spread(n, 25) % 12}`, priority: spread(n, 26) % 100 }
          : {},
      meta: { description: `Promoción ${n}` },
    });
  });
}

/** The live set of the benchmark: the seeded rules and `count` more. */
export const benchRuleSet = (count: number) =>
  RuleSet.fromVersions(
    1,
    [...SEED_RULES, ...benchRules(count)].map((definition, i) => ({
      ruleId: i + 1,
      version: 1,
      definition,
    })),
  );

/**
 * Stores the bench rules as version 1 each (once) and releases them with the seeded ones, as a
 * publish would; the running server loads the release by itself.
 */
export async function installBenchRules(url: string, documents: readonly RuleDocument[]) {
  const db = await mysql.createConnection({ uri: url, timezone: 'Z' });
  try {
    const now = new Date();
    for (const document of documents) {
      const [found] = (await db.query('SELECT id FROM rules WHERE `key` = ?', [
        document.key,
      ])) as unknown as [{ id: number }[]];
      if (found.length > 0) continue;
      const [inserted] = (await db.query(
        'INSERT INTO rules (`key`, name, trigger_type, draft, draft_revision, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)',
        [document.key, document.name, document.trigger.type, JSON.stringify(document), now, now],
      )) as unknown as [{ insertId: number }];
      const compiled = compileRule(document);
      await db.query(
        "INSERT INTO rule_versions (rule_id, version, definition, compiled, hash, comment, created_at) VALUES (?, 1, ?, ?, ?, 'bench', ?)",
        [
          inserted.insertId,
          JSON.stringify(document),
          JSON.stringify(compiled.engineRule),
          compiled.hash,
          now,
        ],
      );
    }
    return await releaseRules(db, '');
  } finally {
    await db.end();
  }
}

/** Puts only the installation's own rules live (no bench rules): part one measures with those. */
export async function releaseOwnRulesOnly(url: string): Promise<number> {
  const db = await mysql.createConnection({ uri: url, timezone: 'Z' });
  try {
    return await releaseRules(db, "WHERE r.`key` NOT LIKE 'bench-%'");
  } finally {
    await db.end();
  }
}

/** A release of the newest version of every rule `where` keeps; answers how many are live. */
async function releaseRules(db: mysql.Connection, where: string): Promise<number> {
  const now = new Date();
  const [live] = (await db.query(
    `SELECT v.rule_id AS ruleId, MAX(v.version) AS version
         FROM rule_versions v JOIN rules r ON r.id = v.rule_id ${where} GROUP BY v.rule_id`,
  )) as unknown as [{ ruleId: number; version: number }[]];
  await db.query(
    "INSERT INTO rule_releases (live, action, comment, created_at) VALUES (?, 'publish', 'bench', ?)",
    [
      JSON.stringify(live.map((e) => ({ ruleId: Number(e.ruleId), version: Number(e.version) }))),
      now,
    ],
  );
  return live.length;
}

/** Purchase events of customers of every zone, type and level, with their facts, flat. */
export function purchaseStream(size: number): { facts: Facts; at: Date }[] {
  const now = Date.now();
  return Array.from({ length: size }, (_, i) => {
    const at = new Date(now - (i % 1_440) * 60_000);
    const local = localTime(at, 'America/Mexico_City');
    return {
      at,
      facts: {
        'purchase.amount': 5_000 + (spread(i, 1) % 150_000),
        'purchase.category': pick(categories, spread(i, 2)),
        'purchase.storeId': `T${spread(i, 3) % 40}`,
        'purchase.itemsCount': 1 + (spread(i, 4) % 6),
        'customer.zone': pick(zones, spread(i, 5)),
        'customer.type': pick(types, spread(i, 6)),
        'customer.status': 'active',
        'customer.consumptionLevel': pick(CONSUMPTION_LEVELS, spread(i, 7)),
        'customer.segments': [pick(CONSUMPTION_LEVELS, spread(i, 7))],
        'customer.pointsBalance': (i * 37) % 5_000,
        'today.date': local.date,
        'today.weekday': local.weekday,
        'today.hour': local.hour,
        'today.month': Number(local.date.slice(5, 7)),
      },
    };
  });
}

/** Purchases evaluated per second on this thread by the runtime's path (evaluate + caps). */
export function runtimeEvaluationsPerSecond(ruleSet: RuleSet, seconds: number): number {
  const stream = purchaseStream(10_000);
  const trigger: TriggerType = 'purchase';
  const deadline = Date.now() + seconds * 1_000;
  let done = 0;
  let points = 0;
  const started = Date.now();
  while (Date.now() < deadline) {
    for (let i = 0; i < 1_000; i += 1) {
      const event = stream[done % stream.length];
      if (!event) break;
      for (const match of evaluate(ruleSet, { trigger, facts: event.facts, at: event.at })) {
        points += applyCaps(match.points, match.rule.document.caps, { perCustomer: {} }).points;
      }
      done += 1;
    }
  }
  if (points < 0) throw new Error('unreachable: keeps the work observable');
  return done / ((Date.now() - started) / 1_000);
}

/** The naive way: every purchase runs all the rules through one fresh json-rules-engine Engine. */
export async function naiveEvaluationsPerSecond(
  documents: readonly RuleDocument[],
  seconds: number,
): Promise<number> {
  const engineRules = documents.map((document) => compileRule(document).engineRule);
  const stream = purchaseStream(1_000);
  const deadline = Date.now() + seconds * 1_000;
  const started = Date.now();
  let done = 0;
  while (Date.now() < deadline) {
    const event = stream[done % stream.length];
    if (!event) break;
    const engine = new Engine([], { allowUndefinedFacts: true });
    addOperators(engine, operatorContextOf(event.facts));
    for (const rule of engineRules) engine.addRule(rule);
    await engine.run(
      Object.fromEntries(Object.entries(event.facts).filter(([, value]) => value !== undefined)),
    );
    done += 1;
  }
  return done / ((Date.now() - started) / 1_000);
}
