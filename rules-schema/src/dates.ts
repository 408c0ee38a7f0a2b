// Calendar arithmetic on ISO dates ("2024-12-25"), done on UTC day numbers so that no local
// time zone or daylight-saving change can shift a day.

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A calendar date written YYYY-MM-DD. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function parseIsoDate(value: string): { year: number; month: number; day: number } | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parseIsoDate(value) !== null;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dayNumber(date: IsoDate): number {
  const parts = parseIsoDate(date);
  if (!parts) throw new RangeError(`Not an ISO date: ${date}`);
  return Date.UTC(parts.year, parts.month - 1, parts.day) / MS_PER_DAY;
}

function fromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`; negative when `to` comes first. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

export function weekdayOf(date: IsoDate): Weekday {
  // 1970-01-01 (day 0) was a Thursday, index 3 in WEEKDAYS.
  return WEEKDAYS[(((dayNumber(date) + 3) % 7) + 7) % 7];
}

/**
 * Whether `today` is the anniversary (same day and month) of `date`. A February 29 date falls
 * on February 28 in years that have no February 29.
 */
export function isAnniversaryOn(date: IsoDate, today: IsoDate): boolean {
  const born = parseIsoDate(date);
  const now = parseIsoDate(today);
  if (!born || !now) return false;
  if (born.month === 2 && born.day === 29 && !isLeapYear(now.year)) {
    return now.month === 2 && now.day === 28;
  }
  return born.month === now.month && born.day === now.day;
}

export interface LocalTime {
  date: IsoDate;
  weekday: Weekday;
  /** 0–23. */
  hour: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isTimeZone(value: string): boolean {
  try {
    formatterFor(value);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock date, weekday and hour of `instant` in `timeZone` (an IANA name). */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return { date, weekday: weekdayOf(date), hour: Number(parts.hour) };
}

export const CAP_PERIODS = ['day', 'week', 'month', 'year', 'lifetime'] as const;
export type CapPeriod = (typeof CAP_PERIODS)[number];

/** The first day of the period containing `date` (weeks start on Monday); null for lifetime. */
export function periodStart(period: CapPeriod, date: IsoDate): IsoDate | null {
  switch (period) {
    case 'day':
      return date;
    case 'week':
      return addDays(date, -WEEKDAYS.indexOf(weekdayOf(date)));
    case 'month':
      return `${date.slice(0, 7)}-01`;
    case 'year':
      return `${date.slice(0, 4)}-01-01`;
    case 'lifetime':
      return null;
  }
}

/**
 * A short stable name of the period containing `date`, for idempotency keys such as
 * rule + customer + period: "2024-12-25", "2024-W52", "2024-12", "2024", "lifetime".
 */
export function periodKey(period: CapPeriod, date: IsoDate): string {
  switch (period) {
    case 'day':
      return date;
    case 'week': {
      // ISO 8601 week: the week belongs to the year of its Thursday.
      const thursday = addDays(date, 3 - WEEKDAYS.indexOf(weekdayOf(date)));
      const week = Math.floor(daysBetween(`${thursday.slice(0, 4)}-01-01`, thursday) / 7) + 1;
      return `${thursday.slice(0, 4)}-W${String(week).padStart(2, '0')}`;
    }
    case 'month':
      return date.slice(0, 7);
    case 'year':
      return date.slice(0, 4);
    case 'lifetime':
      return 'lifetime';
  }
}
