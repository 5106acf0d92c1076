// What the herd left, read after every run has finished: each tenant's fire (the schedule's
// workflow start) and run (its sync_runs row), Temporal's histories, the platform's accounts.
import type { Client } from '@temporalio/client';
import type { Db } from '../../common/db';
import { RosterTenantId } from '../../common/search-attributes';
import { syncWorkflowId, tenantWorkflowId } from '../../common/workflow-ids';
import type { ScimServer } from '../../dev/scim-server';
import { scanWorkflow } from '../sync-run/history';
import { percentile } from '../webhook/latency';

export interface HerdRun {
  tenantId: string;
  syncId: string;
  status: string;
  firedAt: number;
  startedAt: number;
  finishedAt: number;
}

/** Scheduled runs started since `since` that have finished, by tenant. */
export async function finishedRuns(db: Db, since: Date): Promise<number> {
  const row = await db('sync_runs').where({ trigger: 'schedule' }).where('started_at', '>=', since).whereNotNull('finished_at').count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/** When each tenant's schedule fired since `since`: its scheduled-run workflow's start. */
async function firesSince(client: Client, since: Date): Promise<Map<string, number>> {
  const fires = new Map<string, number>();
  for await (const execution of client.workflow.list({ query: `WorkflowType = 'scheduledRunWorkflow' AND StartTime >= '${since.toISOString()}'` })) {
    const tenantId = execution.typedSearchAttributes.get(RosterTenantId);
    if (tenantId) fires.set(tenantId, execution.startTime.getTime());
  }
  return fires;
}

export async function herdRuns(db: Db, client: Client, since: Date): Promise<HerdRun[]> {
  const fires = await firesSince(client, since);
  const rows = await db('sync_runs').where({ trigger: 'schedule' }).where('started_at', '>=', since).select('id', 'tenant_id', 'status', 'started_at', 'finished_at');
  return rows.map((row) => ({
    tenantId: row.tenant_id,
    syncId: row.id,
    status: row.status,
    firedAt: fires.get(row.tenant_id) ?? Number.NaN,
    startedAt: new Date(row.started_at).getTime(),
    finishedAt: row.finished_at ? new Date(row.finished_at).getTime() : Number.NaN,
  }));
}

export const spread = (values: readonly number[]) => ({ p50: percentile(values, 50), p99: percentile(values, 99), max: Math.max(...values) });

/** History lengths of every tenant workflow's current run and every herd run; the largest payload of a sample of each. */
export async function herdHistories(client: Client, tenants: readonly string[], runs: readonly HerdRun[], sample: number) {
  const lengths = async (ids: readonly string[]) => {
    const found: number[] = [];
    for (let i = 0; i < ids.length; i += 20) {
      const described = await Promise.all(ids.slice(i, i + 20).map((id) => client.workflow.getHandle(id).describe()));
      found.push(...described.map((description) => description.historyLength));
    }
    return found;
  };
  const tenantIds = tenants.map(tenantWorkflowId);
  const runIds = runs.map((run) => syncWorkflowId(run.syncId));
  const [tenantEvents, runEvents] = [await lengths(tenantIds), await lengths(runIds)];
  let largestPayload = { bytes: 0, workflowId: '', activity: '' as string | undefined };
  for (const id of [...tenantIds.slice(0, sample), ...runIds.slice(0, sample)]) {
    const scan = await scanWorkflow(client, id);
    if (scan.largestPayload.bytes > largestPayload.bytes) largestPayload = { bytes: scan.largestPayload.bytes, workflowId: id, activity: scan.largestPayload.activity };
  }
  return { tenantEvents: spread(tenantEvents), runEvents: spread(runEvents), largestPayload, scanned: Math.min(sample, tenantIds.length) + Math.min(sample, runIds.length) };
}

/** Accounts the platform holds twice for one person (the same externalId or userName), over every tenant. */
export function duplicateAccounts(scimServer: ScimServer, tenants: readonly string[]): number {
  let duplicates = 0;
  for (const id of tenants) {
    const users = scimServer.tenant(id)?.directory.users() ?? [];
    for (const key of ['externalId', 'userName'] as const) {
      const values = users.map((user) => user[key]).filter((value) => value !== undefined);
      duplicates += values.length - new Set(values).size;
    }
  }
  return duplicates;
}

export async function postgresBytes(db: Db): Promise<number> {
  const { rows } = await db.raw<{ rows: { bytes: string }[] }>('select pg_database_size(current_database()) as bytes');
  return Number(rows[0]!.bytes);
}
