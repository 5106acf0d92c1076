// Live tenants with no successful run within twice their schedule's longest gap between fires
// (common/tenant-health/ holds the rule, whose `stale` problem names each): the count, for an
// alert. A tenant just gone live counts from its go-live.
import type { Db } from '../../common/db';
import { longestGapMinutes } from '../../common/tenant-health/interval';
import { STALE_INTERVALS } from '../../common/tenant-health/problems';

interface LiveTenant {
  cron: string | null;
  live_since: Date | null;
  last_success: Date | null;
}

export async function staleTenants(db: Db, now: Date): Promise<number> {
  // The latest applying run that succeeded, per live tenant, through the (tenant_id, started_at) index.
  const rows: LiveTenant[] = await db('tenants as t')
    .where('t.stage', 'live')
    .select(db.raw("t.config->'schedule'->>'cron' as cron"), 't.live_since', 's.finished_at as last_success')
    .joinRaw(
      `left join lateral (select r.finished_at from sync_runs r where r.tenant_id = t.id and r.mode = 'apply' and r.status in ('success', 'warning') order by r.started_at desc limit 1) s on true`,
    );
  return rows.filter(({ cron, live_since, last_success }) => {
    const gap = cron ? longestGapMinutes(cron) : undefined;
    const since = Math.max(live_since?.getTime() ?? 0, last_success?.getTime() ?? 0);
    return gap !== undefined && since > 0 && now.getTime() - since > STALE_INTERVALS * gap * 60_000;
  }).length;
}
