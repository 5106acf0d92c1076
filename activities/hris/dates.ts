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
