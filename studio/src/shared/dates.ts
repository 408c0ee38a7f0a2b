/** Calendar days (`yyyy-mm-dd`) as people pick them, in the browser's time zone. */

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A yyyy-mm-dd day at local midnight, or null when it is not one. */
export function parseDay(day: string): Date | null {
  const match = dayPattern.exec(day);
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d
    ? date
    : null;
}

/** A yyyy-mm-dd day as the ISO instant of its start (or end) in the browser's time zone. */
export function dayBoundary(day: string, end: boolean): string | undefined {
  const start = parseDay(day);
  if (!start) return undefined;
  if (end) start.setHours(23, 59, 59, 999);
  return start.toISOString();
}

/** Today as yyyy-mm-dd in the browser's time zone (the `max` of date inputs for past days). */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
