// When a schedule is next due, from its cron and timezone alone: the tenant's read answers it
// from Postgres instead of asking Temporal to describe the schedule (a gRPC call per read, and
// none at all while Temporal is away). Wall-clock times follow the tenant's zone as the
// schedule's do (dst.ts): a time a clock change skips does not fire, a repeated one fires at its
// first instant that is still ahead. The jitter Temporal adds after the due time is not included.
import { firesOn, timesOfDay, type CronSchedule } from './cron';
import { offsetReader } from './dst';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
// Weekdays and leap years repeat every 28 years, so an expression that fires at all fires within them.
const HORIZON_DAYS = 28 * 366;

// A reader per zone: making Intl's formatter costs more than the rest of a lookup. Zones are a few hundred at most.
const readers = new Map<string, (at: number) => number>();
function readerOf(timeZone: string): (at: number) => number {
  let reader = readers.get(timeZone);
  if (!reader) readers.set(timeZone, (reader = offsetReader(timeZone)));
  return reader;
}

/** The first instant after `after` at which the schedule is due; undefined if it never is. */
export function nextFireTime(cron: CronSchedule, timeZone: string, after: Date): Date | undefined {
  const offsetAt = readerOf(timeZone);
  const times = timesOfDay(cron);
  // The local date now, as a UTC midnight; a day earlier covers a zone behind UTC.
  const today = Math.floor((after.getTime() + offsetAt(after.getTime()) * MINUTE_MS) / DAY_MS) * DAY_MS;
  for (let day = today - DAY_MS; day <= today + HORIZON_DAYS * DAY_MS; day += DAY_MS) {
    const date = new Date(day);
    if (!firesOn(cron, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())) continue;
    for (const minutes of times) {
      const fire = instantsOf(day + minutes * MINUTE_MS, offsetAt).find((instant) => instant > after.getTime());
      if (fire !== undefined) return new Date(fire);
    }
  }
  return undefined;
}

/** The instants a wall-clock time (written as if UTC) happens at: none in a gap, two in a repeated hour, earliest first. */
function instantsOf(wall: number, offsetAt: (at: number) => number): number[] {
  // Any offset change near the time is within a day of it.
  const offsets = new Set([offsetAt(wall - DAY_MS), offsetAt(wall + DAY_MS)]);
  return [...offsets]
    .map((offset) => wall - offset * MINUTE_MS)
    .filter((instant) => offsetAt(instant) * MINUTE_MS === wall - instant)
    .sort((a, b) => a - b);
}
