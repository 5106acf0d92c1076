// "Due at 02:00 in its own time zone", at a moment of the benchmark's choosing: the zones where a
// given instant is 02:xx local time, and each zone's cron for that instant. Zones of different
// offsets (a whole hour, :30, :45) are preferred, so that the schedules differ in minute as well.
export interface ZoneFire {
  timezone: string;
  /** Daily at the instant's local 02:mm in this zone. */
  cron: string;
}

function localTime(instant: Date, timezone: string): { hour: number; minute: number; offset: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { hour: Number(part('hour')), minute: Number(part('minute')), offset: part('timeZoneName') };
}

/** Up to `count` zones where `instant` falls in the 02:00 hour, one per offset first. */
export function zonesAtTwo(instant: Date, count: number): ZoneFire[] {
  const byOffset = new Map<string, ZoneFire[]>();
  for (const timezone of Intl.supportedValuesOf('timeZone')) {
    const { hour, minute, offset } = localTime(instant, timezone);
    if (hour !== 2) continue;
    byOffset.set(offset, [...(byOffset.get(offset) ?? []), { timezone, cron: `${minute} 2 * * *` }]);
  }
  const picked: ZoneFire[] = [];
  for (let round = 0; picked.length < count; round += 1) {
    const more = [...byOffset.values()].map((zones) => zones[round]).filter((zone): zone is ZoneFire => zone !== undefined);
    if (more.length === 0) break;
    picked.push(...more.slice(0, count - picked.length));
  }
  if (picked.length === 0) throw new Error(`No time zone has 02:xx at ${instant.toISOString()}`);
  return picked;
}
