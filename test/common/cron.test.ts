import { describe, expect, it } from 'vitest';
import { firesOn, minGapMinutes, parseCron, type CronSchedule } from '../../common/tenant-config/cron';

function parsed(expression: string): CronSchedule {
  const result = parseCron(expression);
  if (!result.ok) throw new Error(`expected "${expression}" to parse: ${result.message}`);
  return result.cron;
}

function refusal(expression: string): string {
  const result = parseCron(expression);
  if (result.ok) throw new Error(`expected "${expression}" to be refused`);
  return result.message;
}

/** Weekday of a date from the platform's own calendar, to pick test days without trusting the parser. */
const weekday = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay();

describe('parseCron', () => {
  it('expands ranges with steps, lists and stars', () => {
    const cron = parsed('0 7-19/3 * * 1-5');
    expect(cron.minutes).toEqual([0]);
    expect(cron.hours).toEqual([7, 10, 13, 16, 19]);
    expect(cron.daysOfMonth).toHaveLength(31);
    expect(cron.months).toHaveLength(12);
    expect(cron.daysOfWeek).toEqual([1, 2, 3, 4, 5]);
    expect(parsed('*/15 * * * *').minutes).toEqual([0, 15, 30, 45]);
    expect(parsed('5,50 0,23 * * *').hours).toEqual([0, 23]);
  });

  it('reads a single value with a step as "from there to the end"', () => {
    expect(parsed('5/20 * * * *').minutes).toEqual([5, 25, 45]);
  });

  it('accepts month and day names in any case, also in ranges', () => {
    const cron = parsed('0 0 * jan,Jul mon-FRI');
    expect(cron.months).toEqual([1, 7]);
    expect(cron.daysOfWeek).toEqual([1, 2, 3, 4, 5]);
  });

  it('treats day-of-week 7 as Sunday', () => {
    expect(parsed('0 0 * * 7').daysOfWeek).toEqual([0]);
    expect(parsed('0 0 * * 5-7').daysOfWeek).toEqual([0, 5, 6]);
    expect(parsed('0 0 * * SUN').daysOfWeek).toEqual([0]);
  });

  it.each([
    ['0 0 0 * * *', /6 fields.*exactly 5/],
    ['0 0 *', /3 fields.*exactly 5/],
    ['', /empty/],
    ['@daily', /"@daily" are not accepted.*"0 0 \* \* \*"/],
  ])('refuses the shape of %j', (expression, message) => {
    expect(refusal(expression)).toMatch(message);
  });

  it.each([
    ['60 2 * * *', 'Field 1 (minute) "60"', '60 is outside 0-59'],
    ['0 24 * * *', 'Field 2 (hour) "24"', '24 is outside 0-23'],
    ['0 2 0 * *', 'Field 3 (day-of-month) "0"', '0 is outside 1-31'],
    ['0 2 * 13 *', 'Field 4 (month) "13"', '13 is outside 1-12'],
    ['0 2 * * 8', 'Field 5 (day-of-week) "8"', '8 is outside 0-7'],
    ['0 2 ? * *', 'Field 3 (day-of-month) "?"', '"?" is not supported'],
    ['0 2 L * *', 'Field 3 (day-of-month) "L"', '"L" (last day) is not supported'],
    ['0 2 * * 5L', 'Field 5 (day-of-week) "5L"', '"L" (last day) is not supported'],
    ['0 2 15W * *', 'Field 3 (day-of-month) "15W"', '"W" (nearest weekday) is not supported'],
    ['0 2 * * MON#2', 'Field 5 (day-of-week) "MON#2"', '"#" (the nth weekday of the month) is not supported'],
    ['0 2 * * MONDAY', 'Field 5 (day-of-week) "MONDAY"', 'not a day name'],
    ['0 2 * APRIL *', 'Field 4 (month) "APRIL"', 'not a month name'],
    ['x 2 * * *', 'Field 1 (minute) "x"', 'names are accepted only in the month and day-of-week fields'],
    ['0 19-7 * * *', 'Field 2 (hour) "19-7"', 'runs backwards'],
    ['*/0 * * * *', 'Field 1 (minute) "*/0"', 'at least 1'],
    ['1,,2 * * * *', 'Field 1 (minute) "1,,2"', 'empty item'],
    ['1-2-3 * * * *', 'Field 1 (minute) "1-2-3"', 'a range such as 1-5'],
  ])('refuses %j, naming the field and the reason', (expression, field, reason) => {
    const message = refusal(expression);
    expect(message).toContain(field);
    expect(message).toContain(reason);
  });

  it('reports every bad field, not only the first', () => {
    const message = refusal('60 24 * * *');
    expect(message).toContain('Field 1 (minute)');
    expect(message).toContain('Field 2 (hour)');
  });

  it('does not mistake the letters of JUL or WED for extensions', () => {
    const cron = parsed('0 2 * JUL WED');
    expect(cron.months).toEqual([7]);
    expect(cron.daysOfWeek).toEqual([3]);
  });

  it('refuses an expression no real date matches', () => {
    expect(refusal('0 2 31 2 *')).toMatch(/never fires/);
    expect(refusal('0 2 31 4,6,9,11 *')).toMatch(/never fires/);
    // 29 February exists in leap years.
    expect(parseCron('0 2 29 2 *').ok).toBe(true);
  });
});

describe('firesOn', () => {
  // A Tuesday the 13th, a Friday that is not the 13th, and a Wednesday that is neither.
  const tuesday13 = [2026, 1, 13] as const;
  const friday16 = [2026, 1, 16] as const;
  const wednesday14 = [2026, 1, 14] as const;

  it('uses the calendar the test assumes', () => {
    expect([weekday(...tuesday13), weekday(...friday16), weekday(...wednesday14)]).toEqual([2, 5, 3]);
  });

  it('refuses both day fields at once, since cron and Temporal disagree on what that means', () => {
    const result = parseCron('0 0 13 * FRI');
    expect(result).toEqual({ ok: false, message: expect.stringContaining('both set') });
  });

  it('needs the restricted field only when the other day field is *', () => {
    expect(firesOn(parsed('0 0 13 * *'), ...friday16)).toBe(false);
    expect(firesOn(parsed('0 0 13 * *'), ...tuesday13)).toBe(true);
    expect(firesOn(parsed('0 0 * * FRI'), ...tuesday13)).toBe(false);
    expect(firesOn(parsed('0 0 * * FRI'), ...friday16)).toBe(true);
  });

  it('respects the month field', () => {
    expect(firesOn(parsed('0 0 * FEB *'), ...tuesday13)).toBe(false);
    expect(firesOn(parsed('0 0 * JAN *'), ...tuesday13)).toBe(true);
  });
});

describe('minGapMinutes', () => {
  it.each([
    ['*/15 * * * *', 15],
    ['*/5 * * * *', 5],
    ['0 7-19/3 * * 1-5', 180],
    ['0,20 9 * * *', 20],
    // One run a day: the gap is the day.
    ['0 2 * * *', 1440],
    // 23:50 then 00:05 the next day.
    ['5,50 0,23 * * *', 15],
    ['50 23 * * *', 1440],
    // Only on Mondays: 23:50 on Monday is followed by 00:05 a week later, so the gap is 00:05 to 00:50.
    ['5,50 0,23 * * 1', 45],
    // Once a week.
    ['0 2 * * 1', 7 * 1440],
    // Sunday 23:50 then Monday 00:50: consecutive days (0 and 1), an hour apart.
    ['50 0,23 * * 0,1', 60],
    // Monday and Wednesday are not consecutive: the shortest gap is 00:50 to 23:50 on one day.
    ['50 0,23 * * 1,3', 23 * 60],
    // 28 and 29 February are consecutive only in leap years.
    ['0 0 28,29 2 *', 1440],
  ])('%s fires at least %i minutes apart', (expression, gap) => {
    expect(minGapMinutes(parsed(expression))).toBe(gap);
  });
});
