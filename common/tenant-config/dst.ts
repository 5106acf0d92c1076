// A schedule runs on the tenant's wall clock, so a daylight-saving change can skip a run (the
// time does not exist that day) or repeat it (the time happens twice). That is accepted, but
// support should know before the customer asks: these become warnings on the config.
import { firesOn, timesOfDay, type CronSchedule } from './cron';
import { listOf } from './messages';

const MINUTE_MS = 60_000;
const HORIZON_MS = 366 * 24 * 60 * MINUTE_MS;
// Offsets are sampled this often and a change is then narrowed down to the minute. No zone
// changes its offset twice within six hours, so no transition can hide between two samples.
const SAMPLE_MS = 6 * 60 * MINUTE_MS;

interface Transition {
  /** The first instant (ms) on the new offset. */
  at: number;
  /** UTC offsets in minutes before and after. */
  before: number;
  after: number;
}

/** One sentence per clock change that moves some of the schedule's runs, each time reported once. */
export function daylightSavingWarnings(cron: CronSchedule, timeZone: string, now: Date): string[] {
  const times = new Set(timesOfDay(cron));
  const reported = new Set<string>();
  const warnings: string[] = [];
  for (const transition of transitions(offsetReader(timeZone), now.getTime())) {
    const forward = transition.after > transition.before;
    // Wall-clock minutes, written as if UTC: skipped ones when clocks go forward, repeated ones when they go back.
    const from = transition.at + Math.min(transition.before, transition.after) * MINUTE_MS;
    const to = transition.at + Math.max(transition.before, transition.after) * MINUTE_MS;
    const hit = new Map<string, string[]>();
    for (let wall = from; wall < to; wall += MINUTE_MS) {
      const moment = new Date(wall);
      const time = hhmm(moment);
      const fires =
        times.has(moment.getUTCHours() * 60 + moment.getUTCMinutes()) &&
        firesOn(cron, moment.getUTCFullYear(), moment.getUTCMonth() + 1, moment.getUTCDate());
      if (!fires || reported.has(`${forward}|${time}`)) continue;
      reported.add(`${forward}|${time}`);
      const date = moment.toISOString().slice(0, 10);
      hit.set(date, [...(hit.get(date) ?? []), time]);
    }
    const span = `${hhmm(new Date(from))}-${hhmm(new Date(to - MINUTE_MS))}`;
    const change = `clocks go ${forward ? 'forward' : 'back'} from ${hhmm(new Date(forward ? from : to))} to ${hhmm(new Date(forward ? to : from))}`;
    for (const [date, hitTimes] of hit) {
      const one = hitTimes.length === 1;
      const where = `in ${timeZone} on ${date} (${change})`;
      warnings.push(
        forward
          ? `${timesList(hitTimes)} ${one ? 'does' : 'do'} not exist ${where}: ${one ? "that day's run is" : 'those runs are'} skipped; a time outside ${span} avoids this.`
          : `${timesList(hitTimes)} ${one ? 'happens' : 'happen'} twice ${where}: ${one ? "that day's run" : 'those runs'} may happen twice; a time outside ${span} avoids this.`,
      );
    }
  }
  return warnings;
}

const MAX_LISTED = 4;

/** "02:00 and 02:30", or a range once there are too many to read. */
function timesList(times: readonly string[]): string {
  return times.length <= MAX_LISTED ? listOf(times, 'and') : `The ${times.length} run times from ${times[0]} to ${times[times.length - 1]}`;
}

function hhmm(wallClock: Date): string {
  return wallClock.toISOString().slice(11, 16);
}

/** The zone's offset from UTC, in minutes, at an instant — read from Intl, the only tz data at hand. */
export function offsetReader(timeZone: string): (at: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (at) => {
    const parts = new Map(format.formatToParts(at).map((part) => [part.type, Number(part.value)]));
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.get(type) ?? 0;
    const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
    return Math.round((wall - Math.floor(at / 1000) * 1000) / MINUTE_MS);
  };
}

/** The offset changes in the year after `start`, each found to the minute. */
function transitions(offsetAt: (at: number) => number, start: number): Transition[] {
  const found: Transition[] = [];
  let at = Math.floor(start / MINUTE_MS) * MINUTE_MS;
  let offset = offsetAt(at);
  const end = at + HORIZON_MS;
  while (at < end) {
    const next = Math.min(at + SAMPLE_MS, end);
    const nextOffset = offsetAt(next);
    if (nextOffset !== offset) {
      // Binary search between the last minute on the old offset and the first on the new one.
      let low = at;
      let high = next;
      while (high - low > MINUTE_MS) {
        const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
        if (offsetAt(middle) === offset) low = middle;
        else high = middle;
      }
      found.push({ at: high, before: offset, after: nextOffset });
    }
    at = next;
    offset = nextOffset;
  }
  return found;
}
