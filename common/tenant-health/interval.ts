// The schedule's interval for `stale`: the longest wall-clock gap between two consecutive fires of
// its cron (a weekday schedule's is the weekend), so a quiet weekend is never called stale.
import { firesOn, parseCron, timesOfDay } from '../tenant-config/cron';

const DAY_MS = 86_400_000;
// Weekdays and leap years repeat every 28 years, so one cycle from 2001 meets every gap the cron has.
const CYCLE_START = Date.UTC(2001, 0, 1) / DAY_MS;
const CYCLE_DAYS = 28 * 365 + 7;

const known = new Map<string, number | undefined>();

/** The longest gap between fires, in minutes; undefined for an expression that does not parse or never fires. */
export function longestGapMinutes(expression: string): number | undefined {
  if (known.has(expression)) return known.get(expression);
  const parsed = parseCron(expression);
  let longest: number | undefined;
  if (parsed.ok) {
    const times = timesOfDay(parsed.cron);
    let previous: number | undefined;
    for (let day = CYCLE_START; day < CYCLE_START + CYCLE_DAYS; day++) {
      const date = new Date(day * DAY_MS);
      if (!firesOn(parsed.cron, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())) continue;
      for (const time of times) {
        const at = day * 1440 + time;
        if (previous !== undefined) longest = Math.max(longest ?? 0, at - previous);
        previous = at;
      }
    }
  }
  known.set(expression, longest);
  return longest;
}
