// A tenant's schedule is a plain 5-field cron expression. Roster parses it itself (rather than
// leaving it to Temporal) so that a support agent hears at once, and in words, what is wrong,
// and so that the validator can check how often it fires and which runs a clock change hits.

/** A parsed expression: the values each field allows, sorted and distinct. */
export interface CronSchedule {
  minutes: number[];
  hours: number[];
  daysOfMonth: number[];
  months: number[];
  /** 0-6 with Sunday = 0 (a 7 in the expression is folded onto 0). */
  daysOfWeek: number[];
}

export type CronParseResult = { ok: true; cron: CronSchedule } | { ok: false; message: string };

interface FieldSpec {
  position: string;
  name: string;
  min: number;
  max: number;
  /** Three-letter names, and the value of the first one. */
  names?: { list: readonly string[]; first: number; kind: string };
}

const FIELDS: readonly FieldSpec[] = [
  { position: 'Field 1', name: 'minute', min: 0, max: 59 },
  { position: 'Field 2', name: 'hour', min: 0, max: 23 },
  { position: 'Field 3', name: 'day-of-month', min: 1, max: 31 },
  {
    position: 'Field 4',
    name: 'month',
    min: 1,
    max: 12,
    names: { list: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'], first: 1, kind: 'month' },
  },
  {
    position: 'Field 5',
    name: 'day-of-week',
    min: 0,
    max: 7,
    names: { list: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], first: 0, kind: 'day' },
  },
];

const SHAPE = '5 fields: minute hour day-of-month month day-of-week, e.g. "0 7-19/3 * * 1-5"';
const ACCEPTED_ITEMS = 'use a number, a range such as 1-5, a list such as 1,15, "*", or a step such as */15 or 7-19/3';

// `*` or value[-value], then an optional /step. A value is a number or a three-letter name.
const ITEM = /^(?:(\*)|([0-9]+|[A-Za-z]+)(?:-([0-9]+|[A-Za-z]+))?)(?:\/([0-9]+))?$/;

// Quartz-style day extensions: 15W, LW (nearest weekday); L, L-3, 5L, FRIL (last …).
const QUARTZ_W = /^(?:[0-9]+|L)W$/i;
const QUARTZ_L = /^(?:[0-9]+|[A-Za-z]{3})?L(?:-[0-9]+)?$/i;

export function parseCron(expression: string): CronParseResult {
  const text = expression.trim();
  if (text === '') return { ok: false, message: `The cron expression is empty: give ${SHAPE}.` };
  if (text.startsWith('@')) {
    return { ok: false, message: `Shortcuts such as "${text.split(/\s+/)[0]}" are not accepted: write the ${SHAPE} ("0 0 * * *" is every day at midnight).` };
  }
  const parts = text.split(/\s+/);
  if (parts.length !== FIELDS.length) {
    return {
      ok: false,
      message: `The cron expression has ${parts.length} field${parts.length === 1 ? '' : 's'} but needs exactly ${SHAPE}; seconds and years are not supported.`,
    };
  }

  const values: number[][] = [];
  const problems: string[] = [];
  FIELDS.forEach((spec, index) => {
    const part = parts[index] ?? '';
    const parsed = parseField(part, spec);
    if (typeof parsed === 'string') problems.push(`${spec.position} (${spec.name}) "${part}" is not valid: ${parsed}.`);
    else values.push(parsed);
  });
  // A refused field adds no values, so all five are present exactly when none was refused.
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = values;
  if (!minutes || !hours || !daysOfMonth || !months || !daysOfWeek) return { ok: false, message: problems.join(' ') };

  // Standard cron fires when either day field matches, Temporal's schedules only when both do:
  // rather than let the two disagree, one of them must be "*".
  if (parts[2] !== '*' && parts[4] !== '*') {
    return {
      ok: false,
      message: `Fields 3 (day-of-month) "${parts[2]}" and 5 (day-of-week) "${parts[4]}" are both set: set one of them and leave the other as "*" (cron dialects disagree on what both mean).`,
    };
  }
  const cron: CronSchedule = { minutes, hours, daysOfMonth, months, daysOfWeek };
  if (fireDays(cron).length === 0) {
    return {
      ok: false,
      message: `The cron expression "${text}" never fires: no real date has that day-of-month in those months (e.g. 31 in a 30-day month, or 30 February).`,
    };
  }
  return { ok: true, cron };
}

/** The field's values, or why it is wrong (a phrase that completes "… is not valid: "). */
function parseField(text: string, spec: FieldSpec): number[] | string {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const refused = extension(item);
    if (refused) return refused;
    const match = ITEM.exec(item);
    if (!match) return ACCEPTED_ITEMS;
    const [, star, from, to, step] = match;
    let low = spec.min;
    let high = spec.max;
    if (!star) {
      const start = valueOf(from ?? '', spec);
      if (typeof start === 'string') return start;
      const end = to === undefined ? (step === undefined ? start : spec.max) : valueOf(to, spec);
      if (typeof end === 'string') return end;
      if (start > end) return `the range ${from}-${to} runs backwards: put the lower value first, or use a list`;
      [low, high] = [start, end];
    }
    const stride = step === undefined ? 1 : Number(step);
    if (stride < 1) return `the step in "${item}" must be at least 1`;
    // Day-of-week 7 is Sunday, as is 0.
    for (let value = low; value <= high; value += stride) values.add(spec.names?.kind === 'day' && value === 7 ? 0 : value);
  }
  return [...values].sort((a, b) => a - b);
}

function valueOf(token: string, spec: FieldSpec): number | string {
  if (/^[0-9]+$/.test(token)) {
    const value = Number(token);
    return value >= spec.min && value <= spec.max ? value : `${token} is outside ${spec.min}-${spec.max}`;
  }
  if (!spec.names) return `"${token}" is not a number (names are accepted only in the month and day-of-week fields)`;
  const index = spec.names.list.indexOf(token.toUpperCase());
  if (index < 0) return `"${token}" is not a ${spec.names.kind} name: use ${spec.names.list[0]}-${spec.names.list[spec.names.list.length - 1]} or numbers`;
  return index + spec.names.first;
}

/** Why an item is refused when it uses another cron dialect's extension: name the extension. */
function extension(item: string): string | undefined {
  if (item === '') return `it has an empty item in its list; ${ACCEPTED_ITEMS}`;
  if (item.includes('#')) return `"#" (the nth weekday of the month) is not supported; ${ACCEPTED_ITEMS}`;
  if (item.includes('?')) return `"?" is not supported: use "*" for "any"`;
  if (QUARTZ_W.test(item)) return `"W" (nearest weekday) is not supported; ${ACCEPTED_ITEMS}`;
  if (QUARTZ_L.test(item)) return `"L" (last day) is not supported; ${ACCEPTED_ITEMS}`;
  return undefined;
}

/** Whether the expression fires on a calendar date (month 1-12). */
export function firesOn(cron: CronSchedule, year: number, month: number, day: number): boolean {
  if (!cron.months.includes(month)) return false;
  // At most one day field is restricted (parseCron), so both must match.
  return cron.daysOfMonth.includes(day) && cron.daysOfWeek.includes(new Date(Date.UTC(year, month - 1, day)).getUTCDay());
}

/** The times of day it fires, as sorted minutes after midnight. */
export function timesOfDay(cron: CronSchedule): number[] {
  return cron.hours.flatMap((hour) => cron.minutes.map((minute) => hour * 60 + minute));
}

const DAY_MS = 86_400_000;
// Weekdays and leap years repeat every 28 years from 1901 to 2099, so these days hold every
// combination of date, weekday and leap year the expression can meet in practice.
const CYCLE_START = Date.UTC(2001, 0, 1) / DAY_MS;
const CYCLE_DAYS = 28 * 365 + 7;

/** The days (since 1970-01-01) in one 28-year cycle on which the expression fires. */
function fireDays(cron: CronSchedule): number[] {
  const days: number[] = [];
  for (let day = CYCLE_START; day < CYCLE_START + CYCLE_DAYS; day++) {
    const date = new Date(day * DAY_MS);
    if (firesOn(cron, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())) days.push(day);
  }
  return days;
}

/**
 * The shortest wall-clock gap, in minutes, between two consecutive fire times: between times on
 * the same day, and from the last time of one firing day to the first of the next (which is under
 * a day only when two consecutive dates can both fire).
 */
export function minGapMinutes(cron: CronSchedule): number {
  const times = timesOfDay(cron);
  const acrossDays = smallestStep(fireDays(cron)) * 1440 - Math.max(...times) + Math.min(...times);
  return Math.min(smallestStep(times), acrossDays);
}

/** The smallest difference between neighbours of a sorted list (Infinity for fewer than two). */
function smallestStep(sorted: readonly number[]): number {
  let smallest = Infinity;
  let previous: number | undefined;
  for (const value of sorted) {
    if (previous !== undefined) smallest = Math.min(smallest, value - previous);
    previous = value;
  }
  return smallest;
}
