// The hourly sweep (workflows/tenant-health.ts): what no event says. A live tenant whose Temporal
// schedule is gone has `schedule_missing`; one with no successful applied run within
// STALE_INTERVALS times its schedule's longest gap is `stale`. Both close when no longer true, and
// an offboarded tenant's problems close with it. Problems nobody was told of yet are told now.
import { isGrpcServiceError, type Client } from '@temporalio/client';
import type { Db } from '../../common/db';
import { stages } from '../../common/stages';
import { loggerFor } from '../../common/logger';
import { longestGapMinutes } from '../../common/tenant-health/interval';
import { problemTypes, STALE_INTERVALS, type ProblemType } from '../../common/tenant-health/problems';
import { openProblems, resolveProblems } from '../../common/tenant-health/store';
import type { TenantRow } from '../../common/tenants-repository';
import { tenantScheduleId } from '../../common/workflow-ids';
import { notifyOpenedProblems, tenantsWithUntoldProblems, type HealthMailSettings } from './notices';

const log = loggerFor('activities');

type LiveTenant = Pick<TenantRow, 'id' | 'config' | 'live_since'>;

/** What only a live tenant can have. */
const liveOnly: ProblemType[] = ['schedule_missing', 'stale'];

const GRPC_NOT_FOUND = 5;

/**
 * Whether the schedule is there; a describe, not the (eventually consistent) list, so one just
 * made counts. The raw call decodes nothing, so a schedule sealed with another key still counts.
 */
async function scheduleExists(client: Client, tenantId: string): Promise<boolean> {
  try {
    await client.workflowService.describeSchedule({ namespace: client.options.namespace, scheduleId: tenantScheduleId(tenantId) });
    return true;
  } catch (error) {
    if (isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND) return false;
    throw error;
  }
}

/** When each tenant's latest run that applied successfully finished, in one query. */
async function lastSuccesses(db: Db, tenantIds: string[]): Promise<Map<string, Date>> {
  if (tenantIds.length === 0) return new Map();
  const rows: { tenant_id: string; at: Date }[] = await db('sync_runs').whereIn('tenant_id', tenantIds).where({ mode: 'apply' }).whereIn('status', ['success', 'warning']).groupBy('tenant_id').select('tenant_id').max({ at: 'finished_at' });
  return new Map(rows.map((row) => [row.tenant_id, new Date(row.at)]));
}

/** `stale`'s verdict for a live tenant, with what it is based on. */
function staleness(tenant: LiveTenant, lastSuccess: Date | undefined, now: Date): { stale: boolean; lastSuccessAt?: string; intervalHours: number } | undefined {
  const cron = tenant.config?.schedule?.cron;
  const gap = cron && longestGapMinutes(cron);
  const since = lastSuccess ?? tenant.live_since;
  if (!gap || !since) return undefined;
  const stale = now.getTime() - new Date(since).getTime() > STALE_INTERVALS * gap * 60_000;
  return { stale, ...(lastSuccess && { lastSuccessAt: lastSuccess.toISOString() }), intervalHours: Math.round((gap / 60) * 10) / 10 };
}

export interface Swept {
  opened: number;
  resolved: number;
  /** Tenants whose outbox holds health mail to send. */
  mailFor: string[];
}

export async function sweepTenantHealth(db: Db, client: Client, now: Date, settings: HealthMailSettings): Promise<Swept> {
  let [opened, resolved] = [0, 0];
  const bySweep = { kind: 'sweep' } as const;
  // An offboarded tenant has nothing left to put right; only a live one is scheduled.
  for (const [inStages, types] of [[['offboarded'], problemTypes], [stages.filter((stage) => stage !== 'live' && stage !== 'offboarded'), liveOnly]] as const) {
    const tenantIds: { tenant_id: string }[] = await db('tenant_problems as p').join('tenants as t', 't.id', 'p.tenant_id').whereNull('p.resolved_at').whereIn('p.type', types).whereIn('t.stage', inStages).distinct('p.tenant_id');
    for (const { tenant_id: tenantId } of tenantIds) resolved += (await resolveProblems(db, tenantId, types, bySweep, now)).length;
  }
  // A tenant whose workflow has not started yet is the start-up reconciler's (api/tenant-workflows.ts).
  const live: LiveTenant[] = await db('tenants').where({ stage: 'live', workflow_started: true }).select('id', 'config', 'live_since');
  const successes = await lastSuccesses(db, live.map((tenant) => tenant.id));
  for (const tenant of live) {
    const verdict = staleness(tenant, successes.get(tenant.id), now);
    const present = await scheduleExists(client, tenant.id);
    const open = [
      ...(present ? [] : [{ type: 'schedule_missing' as const, detail: {} }]),
      ...(verdict?.stale ? [{ type: 'stale' as const, detail: { lastSuccessAt: verdict.lastSuccessAt, intervalHours: verdict.intervalHours } }] : []),
    ];
    const fine: ProblemType[] = [...(present ? ['schedule_missing' as const] : []), ...(verdict && !verdict.stale ? ['stale' as const] : [])];
    resolved += (await resolveProblems(db, tenant.id, fine, bySweep, now)).length;
    opened += (await openProblems(db, tenant.id, open, now)).length;
  }
  for (const tenantId of await tenantsWithUntoldProblems(db)) await notifyOpenedProblems(db, tenantId, settings);
  const pending: { tenant_id: string }[] = await db('mail_outbox').where({ status: 'pending' }).whereIn('kind', ['tenant_problem', 'health_digest']).distinct('tenant_id');
  if (opened + resolved > 0) log.info('tenant health swept', { opened, resolved });
  return { opened, resolved, mailFor: pending.map((row) => row.tenant_id) };
}

