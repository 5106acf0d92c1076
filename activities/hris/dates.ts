// Calendar dates as the HR systems give them: YYYY-MM-DD strings, compared as strings.

/** The date at `instant` in an IANA timezone: the tenant's "today". */
export function localDate(timeZone: string, instant: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** The date part of a date or timestamp; undefined for anything else. */
export function dateOnly(value: string | null | undefined): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(value?.trim() ?? '');
  return match?.[1];
}

/** The instant a local date begins in an IANA timezone (its midnight, or the first minute after a gap). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  // Guess UTC midnight, then move by the zone's offset there; twice, for days on which the offset changes.
  let instant = Date.parse(`${date}T00:00:00Z`);
  for (let i = 0; i < 2; i += 1) instant = Date.parse(`${date}T00:00:00Z`) - offsetAt(instant, timeZone);
  return new Date(instant);
}

/** The zone's offset from UTC at an instant, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - Math.floor(instant / 1000) * 1000;
}
