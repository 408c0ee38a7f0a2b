import type { IsoDate } from '@lealtad/rules-schema';

// Wall-clock times of a time zone as instants: the platform's days and hours are those of its
// `timeZone` setting, whatever the server's own zone.

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in ms. */
function offsetMs(instant: Date, timeZone: string): number {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClocks.set(timeZone, format);
  }
  const part: Record<string, number> = {};
  for (const { type, value } of format.formatToParts(instant)) part[type] = Number(value);
  const wall = Date.UTC(
    part.year ?? 0,
    (part.month ?? 1) - 1,
    part.day ?? 1,
    part.hour ?? 0,
    part.minute ?? 0,
    part.second ?? 0,
  );
  return wall - (instant.getTime() - instant.getUTCMilliseconds());
}

/** The UTC instant at which the wall clock of `timeZone` reads `date` at `time` ("HH:MM"). */
export function zonedInstant(date: IsoDate, time: string, timeZone: string): Date {
  const naive = Date.parse(`${date}T${time}:00Z`);
  // The offset at the first guess, then at the corrected instant (a DST change in between).
  const first = naive - offsetMs(new Date(naive), timeZone);
  return new Date(naive - offsetMs(new Date(first), timeZone));
}

/** The UTC instant at which local midnight of `date` falls in `timeZone`. */
export const zonedMidnight = (date: IsoDate, timeZone: string): Date =>
  zonedInstant(date, '00:00', timeZone);
