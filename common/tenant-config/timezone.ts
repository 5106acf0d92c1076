// Schedules run in the tenant's IANA timezone, which Temporal's server resolves by its exact
// name. Intl knows the same database but forgives more (any letter case, "+10:00" offsets in
// newer engines), so accept only what both read the same way.

// An IANA name: "UTC", "Australia/Sydney", "America/Argentina/Buenos_Aires", "Etc/GMT+10".
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/** Why the name is not a timezone a schedule can use, or undefined when it is. */
export function timeZoneProblem(name: string): string | undefined {
  const accepted = 'an IANA timezone name such as "Australia/Sydney", "Europe/London" or "UTC"';
  if (!IANA_NAME.test(name)) return `"${name}" is not ${accepted}; offsets such as "+10:00" are not accepted.`;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return `"${name}" is not a known timezone: use ${accepted}.`;
  }
  if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) {
    return `"${name}" must be spelled exactly "${resolved}" (timezone names are case-sensitive).`;
  }
  return undefined;
}
