// The tenant as the API shows it, read from the Postgres projection and audit trail. Never a
// secret: the platform's token reference stays inside.
import type { Db } from '../common/db';
import { afterGoLive } from '../common/stages';
import type { GoLive, PlatformSettings } from '../common/tenant';
import type { TenantRow } from '../common/tenants-repository';
import { requireTenant } from './params';

function publicPlatform(platform: PlatformSettings) {
  if (platform.kind === 'demo') return platform;
  const { tokenRef: _tokenRef, ...visible } = platform;
  return visible;
}

export function tenantSummary(row: TenantRow) {
  return {
    id: row.id,
    name: row.name,
    stage: row.stage,
    hris: { provider: row.hris.provider },
    platform: { kind: row.platform.kind },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** When the schedule fires next, from Temporal (absent when it cannot say). */
export type NextRunLookup = (tenantId: string) => Promise<string | undefined>;

function goLiveView(goLive: GoLive) {
  const { requestedBy: _requestedBy, inviteNewUsers: _invites, ...visible } = goLive;
  return visible;
}

export async function tenantView(db: Db, row: TenantRow, nextRunAt?: NextRunLookup) {
  const history = await db('tenant_history').where({ tenant_id: row.id }).orderBy([{ column: 'at' }, { column: 'id' }]);
  const lastSync = await db('sync_runs').where({ tenant_id: row.id }).whereNotNull('finished_at').orderBy('finished_at', 'desc').first('id', 'status', 'finished_at', 'counts');
  return {
    id: row.id,
    name: row.name,
    stage: row.stage,
    hris: { ...row.hris, credential: row.credential },
    platform: publicPlatform(row.platform),
    contacts: row.contacts,
    config: row.config,
    configVersionId: row.config_version_id,
    warnings: row.warnings,
    ...(row.config && afterGoLive.includes(row.stage) && {
      schedule: { cron: row.config.schedule.cron, timezone: row.config.schedule.timezone, paused: row.stage !== 'live', ...(row.stage === 'live' && nextRunAt && { nextRunAt: await nextRunAt(row.id) }) },
    }),
    ...(row.go_live && { goLive: goLiveView(row.go_live) }),
    ...(row.live_since && row.config && { hypercareUntil: new Date(new Date(row.live_since).getTime() + row.config.hypercareDays * 86_400_000).toISOString() }),
    ...(row.active_sync_id && { activeSyncId: row.active_sync_id }),
    ...(lastSync && { lastSync: { id: lastSync.id, status: lastSync.status, finishedAt: new Date(lastSync.finished_at).toISOString(), counts: lastSync.counts } }),
    createdAt: row.created_at.toISOString(),
    history: history.map((h) => ({
      at: new Date(h.at).toISOString(),
      actor: h.actor,
      action: h.action,
      ...(h.from_stage && { from: h.from_stage }),
      ...(h.to_stage && { to: h.to_stage }),
      ...(h.reason && { reason: h.reason }),
      ...(h.changes && { changes: h.changes }),
    })),
  };
}

/** The tenant as it is now: what a route answers after changing it. */
export async function currentTenantView(db: Db, id: string, nextRunAt?: NextRunLookup) {
  return tenantView(db, await requireTenant(db, id), nextRunAt);
}
