import { QueryTypes, type Sequelize } from 'sequelize';
import {
  addDays,
  isLeapYear,
  localTime,
  type IsoDate,
  type TriggerType,
} from '@lealtad/rules-schema';
import { retryOnConflict } from '../db/retry';
import type { Services } from '../http/services';
import { announceAwards } from '../realtime';
import { awardOccasions, type RuleOccasion } from '../rules/events';
import { getSettings } from '../settings';
import { zonedMidnight } from '../time';

// The time triggers: a scheduled job finds, in the platform's time zone, whose birthday or
// anniversary is today, who has not bought for N days and whose points expire in N days, and
// hands each customer to the rules with an occasion key (the year, the date of the last
// purchase, the expiry date). Running it again, or in two processes at once, awards nothing
// twice: the occasion key is unique per customer and rule.

export const SCHEDULED_TRIGGERS = [
  'birthday',
  'anniversary',
  'inactivity',
  'points_expiring',
] as const satisfies readonly TriggerType[];
export type ScheduledTrigger = (typeof SCHEDULED_TRIGGERS)[number];

export interface TriggerRun {
  trigger: ScheduledTrigger;
  /** For inactivity and points about to expire: the rules' number of days. */
  days?: number;
  customers: number;
  points: number;
}

const chunkSize = 500;

/** Month-day patterns of birth dates celebrated today (Feb 29 on Feb 28 of common years). */
export function birthdayPatterns(today: IsoDate): string[] {
  const monthDay = today.slice(5);
  const patterns = [`%-${monthDay}`];
  if (monthDay === '02-28' && !isLeapYear(Number(today.slice(0, 4)))) patterns.push('%-02-29');
  return patterns;
}

/** One page of customers read in id order: those with an occasion, and the last id read. */
interface OccasionPage {
  occasions: RuleOccasion[];
  /** null when no customer was left to read. */
  lastId: number | null;
}

/** Pages through customers in id order, awarding each page's occasions in one transaction. */
async function awardPages(
  services: Pick<Services, 'sequelize' | 'rules' | 'realtime'>,
  trigger: ScheduledTrigger,
  select: (afterId: number) => Promise<OccasionPage>,
  now: Date,
  days?: number,
): Promise<TriggerRun> {
  const run: TriggerRun = { trigger, ...(days !== undefined && { days }), customers: 0, points: 0 };
  let afterId = 0;
  for (;;) {
    const { occasions, lastId } = await select(afterId);
    if (lastId === null) return run;
    afterId = lastId;
    if (occasions.length === 0) continue;
    const awarded = await retryOnConflict(() =>
      services.sequelize.transaction((transaction) =>
        awardOccasions(
          services.sequelize,
          services.rules,
          trigger,
          occasions,
          now,
          transaction,
          days,
        ),
      ),
    );
    for (const entry of awarded) {
      run.customers += 1;
      run.points += entry.awards.reduce((sum, award) => sum + award.points, 0);
      announceAwards(services.realtime, services.sequelize, entry);
    }
  }
}

type IdRow = { id: number | string };

/** A page of rows as occasions: each row with the occasion it names, or none (null). */
function pageOf<Row extends IdRow>(
  rows: Row[],
  occasion: (row: Row) => string | null,
): OccasionPage {
  const last = rows.at(-1);
  return {
    occasions: rows.flatMap((row) => {
      const key = occasion(row);
      return key === null ? [] : [{ customerId: Number(row.id), occasion: key }];
    }),
    lastId: last ? Number(last.id) : null,
  };
}

/** Active customers whose `column` matches one of `patterns` (and is before `before`), by id. */
function byLike(sequelize: Sequelize, column: string, patterns: string[], before?: Date) {
  return (afterId: number) =>
    sequelize.query<IdRow & { matched: string | Date | null }>(
      `SELECT id, ${column} AS matched FROM customers
        WHERE id > ? AND status = 'active' AND (${patterns.map(() => `${column} LIKE ?`).join(' OR ')})
        ${before ? `AND ${column} < ?` : ''}
        ORDER BY id LIMIT ${chunkSize}`,
      {
        replacements: [afterId, ...patterns, ...(before ? [before] : [])],
        type: QueryTypes.SELECT,
      },
    );
}

/** Runs the scheduled triggers that have live rules (all four, or the one named). */
export async function runTimeTriggers(
  services: Pick<Services, 'sequelize' | 'rules' | 'realtime'>,
  only?: ScheduledTrigger,
  now = new Date(),
): Promise<TriggerRun[]> {
  const { sequelize } = services;
  const [ruleSet, settings] = await Promise.all([services.rules.current(), getSettings(sequelize)]);
  const today = localTime(now, settings.timeZone).date;
  const year = today.slice(0, 4);
  const runs: TriggerRun[] = [];
  const wanted = (trigger: ScheduledTrigger) =>
    (only === undefined || only === trigger) && ruleSet.hasTrigger(trigger);

  // Birthdays and anniversaries come once a year: the occasion is the year.
  if (wanted('birthday')) {
    const born = byLike(sequelize, 'birth_date', birthdayPatterns(today));
    runs.push(
      await awardPages(
        services,
        'birthday',
        async (afterId) => pageOf(await born(afterId), () => year),
        now,
      ),
    );
  }
  if (wanted('anniversary')) {
    // Enrolled on this local day of an earlier year. The column holds UTC instants: the local
    // day spans one or two UTC days, read by pattern, then kept by their local date.
    const startOfToday = zonedMidnight(today, settings.timeZone);
    const endOfToday = new Date(zonedMidnight(addDays(today, 1), settings.timeZone).getTime() - 1);
    const utcDays = [
      ...new Set([startOfToday, endOfToday].map((at) => at.toISOString().slice(5, 10))),
    ];
    const enrolled = byLike(
      sequelize,
      'created_at',
      utcDays.map((monthDay) => `%-${monthDay} %`),
      zonedMidnight(`${year}-01-01`, settings.timeZone),
    );
    runs.push(
      await awardPages(
        services,
        'anniversary',
        async (afterId) =>
          pageOf(await enrolled(afterId), (row) =>
            row.matched !== null &&
            localTime(new Date(row.matched), settings.timeZone).date.slice(5) === today.slice(5)
              ? year
              : null,
          ),
        now,
      ),
    );
  }
  const daysOf = (trigger: 'inactivity' | 'points_expiring') =>
    [
      ...new Set(
        ruleSet
          .ofTrigger(trigger)
          .map((rule) => ('days' in rule.document.trigger ? rule.document.trigger.days : 0)),
      ),
    ].sort((a, b) => a - b);

  // The local day N days away (back for inactivity, ahead for expiring points), for each N the
  // live rules wait; `sql` selects the customers (as id) of that day's range from an id on.
  const daysAway = async (
    trigger: 'inactivity' | 'points_expiring',
    direction: -1 | 1,
    sql: string,
    occasion: (day: IsoDate) => string,
  ) => {
    for (const days of daysOf(trigger)) {
      const day = addDays(today, direction * days);
      const from = zonedMidnight(day, settings.timeZone);
      const to = zonedMidnight(addDays(day, 1), settings.timeZone);
      const select = async (afterId: number) =>
        pageOf(
          await sequelize.query<IdRow>(sql, {
            replacements: [afterId, from, to],
            type: QueryTypes.SELECT,
          }),
          () => occasion(day),
        );
      runs.push(await awardPages(services, trigger, select, now, days));
    }
  };
  if (wanted('inactivity')) {
    await daysAway(
      'inactivity',
      -1,
      `SELECT id FROM customers WHERE id > ? AND status = 'active'
          AND last_purchase_at >= ? AND last_purchase_at < ? ORDER BY id LIMIT ${chunkSize}`,
      (day) => `inactive:${day}`,
    );
  }
  if (wanted('points_expiring')) {
    await daysAway(
      'points_expiring',
      1,
      `SELECT DISTINCT customer_id AS id FROM point_lots
        WHERE customer_id > ? AND expires_at >= ? AND expires_at < ? AND remaining > 0
        ORDER BY customer_id LIMIT ${chunkSize}`,
      (day) => `expiring:${day}`,
    );
  }
  return runs;
}
