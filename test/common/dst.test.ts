import { describe, expect, it } from 'vitest';
import { parseCron, type CronSchedule } from '../../common/tenant-config/cron';
import { daylightSavingWarnings } from '../../common/tenant-config/dst';

// A fixed "now": the next year holds Sydney's April and October 2027 changes and New York's
// March and November 2027 ones.
const now = new Date('2026-11-22T00:00:00Z');

function cron(expression: string): CronSchedule {
  const result = parseCron(expression);
  if (!result.ok) throw new Error(result.message);
  return result.cron;
}

/**
 * How many UTC minutes show this local date and time in the zone, found by asking Intl about
 * every minute of the surrounding two days: 0 when the time is skipped, 2 when it is repeated.
 * Independent of the code under test, so the expected dates below are checked, not assumed.
 */
function occurrences(timeZone: string, date: string, time: string): number {
  const format = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const middle = Date.parse(`${date}T00:00:00Z`);
  let count = 0;
  for (let at = middle - 86_400_000; at < middle + 2 * 86_400_000; at += 60_000) {
    if (format.format(at) === `${date} ${time}`) count++;
  }
  return count;
}

describe('daylightSavingWarnings', () => {
  it('warns that 02:00 is skipped in Sydney when clocks go forward, and repeated when they go back', () => {
    const warnings = daylightSavingWarnings(cron('0 2 * * *'), 'Australia/Sydney', now);
    expect(occurrences('Australia/Sydney', '2027-10-03', '02:00')).toBe(0);
    expect(occurrences('Australia/Sydney', '2027-04-04', '02:00')).toBe(2);
    expect(warnings).toHaveLength(2);
    expect(warnings).toContainEqual(
      expect.stringMatching(/^02:00 does not exist in Australia\/Sydney on 2027-10-03 \(clocks go forward from 02:00 to 03:00\): that day's run is skipped/),
    );
    expect(warnings).toContainEqual(
      expect.stringMatching(/^02:00 happens twice in Australia\/Sydney on 2027-04-04 \(clocks go back from 03:00 to 02:00\): that day's run may happen twice/),
    );
  });

  it('in New York, 02:30 is skipped in March and 01:30 repeated in November', () => {
    expect(occurrences('America/New_York', '2027-03-14', '02:30')).toBe(0);
    expect(occurrences('America/New_York', '2027-11-07', '01:30')).toBe(2);

    const skipped = daylightSavingWarnings(cron('30 2 * * *'), 'America/New_York', now);
    expect(skipped).toEqual([expect.stringContaining('02:30 does not exist in America/New_York on 2027-03-14 (clocks go forward')]);
    expect(skipped[0]).toContain('a time outside 02:00-02:59 avoids this');

    const repeated = daylightSavingWarnings(cron('30 1 * * *'), 'America/New_York', now);
    expect(repeated).toEqual([expect.stringContaining('01:30 happens twice in America/New_York on 2027-11-07 (clocks go back')]);
    expect(repeated[0]).toContain('a time outside 01:00-01:59 avoids this');
  });

  it('says nothing about times the change does not touch', () => {
    expect(daylightSavingWarnings(cron('0 7-19/3 * * 1-5'), 'Australia/Sydney', now)).toEqual([]);
    expect(daylightSavingWarnings(cron('0 3 * * *'), 'America/New_York', now)).toEqual([]);
  });

  it('only counts days on which the schedule fires', () => {
    // Both changes fall on Sundays, which a weekday schedule never runs on.
    expect(new Date('2027-10-03T12:00:00Z').getUTCDay()).toBe(0);
    expect(new Date('2027-04-04T12:00:00Z').getUTCDay()).toBe(0);
    expect(daylightSavingWarnings(cron('0 2 * * 1-5'), 'Australia/Sydney', now)).toEqual([]);
    expect(daylightSavingWarnings(cron('0 2 * * SUN'), 'Australia/Sydney', now)).toHaveLength(2);
  });

  it('gathers several times a change hits into one sentence', () => {
    const warnings = daylightSavingWarnings(cron('*/30 2 * * *'), 'Australia/Sydney', now);
    expect(warnings).toContainEqual(expect.stringMatching(/^02:00 and 02:30 do not exist in Australia\/Sydney on 2027-10-03 .*: those runs are skipped/));
    expect(warnings).toContainEqual(expect.stringMatching(/^02:00 and 02:30 happen twice in Australia\/Sydney on 2027-04-04 .*: those runs may happen twice/));
  });

  it('summarises a long list of times instead of listing each', () => {
    const warnings = daylightSavingWarnings(cron('*/5 2 * * *'), 'Australia/Sydney', now);
    expect(warnings).toContainEqual(expect.stringMatching(/^The 12 run times from 02:00 to 02:55 do not exist in Australia\/Sydney on 2027-10-03 /));
  });

  it('finds half-hour changes to the minute (Lord Howe Island)', () => {
    expect(occurrences('Australia/Lord_Howe', '2027-10-03', '02:15')).toBe(0);
    const warnings = daylightSavingWarnings(cron('15 2 * * *'), 'Australia/Lord_Howe', now);
    expect(warnings).toEqual([expect.stringContaining('02:15 does not exist in Australia/Lord_Howe on 2027-10-03 (clocks go forward from 02:00 to 02:30)')]);
  });

  it('has nothing to say for zones without daylight saving', () => {
    expect(daylightSavingWarnings(cron('0 2 * * *'), 'UTC', now)).toEqual([]);
    expect(daylightSavingWarnings(cron('*/15 * * * *'), 'Asia/Tokyo', now)).toEqual([]);
  });

  it('looks one year ahead of now', () => {
    // From just after Sydney's October 2027 change, the next forward change is in October 2028.
    const later = daylightSavingWarnings(cron('0 2 * * *'), 'Australia/Sydney', new Date('2027-10-04T00:00:00Z'));
    expect(later).toContainEqual(expect.stringContaining('does not exist in Australia/Sydney on 2028-10-01'));
  });
});
