// The tenant as the API shows it, read from the Postgres projection and audit trail. Never a
// secret: the platform's token reference stays inside. The schemas below are the answers'
// published shape (api/openapi/) and type the views, so the two cannot drift apart.
import { z } from 'zod';
import type { Db } from '../common/db';
import { afterGoLive, stages } from '../common/stages';
import { finalStatuses } from '../common/sync-run';
import type { GoLive, PlatformSettings } from '../common/tenant';
import type { TenantConfig } from '../common/tenant-config';
import { parseCron, type CronSchedule } from '../common/tenant-config/cron';
import { nextFireTime } from '../common/tenant-config/next-fire';
import { tenantConfigSchema } from '../common/tenant-config/schema';
import type { TenantRow } from '../common/tenants-repository';
import { line } from '../common/validation';
import { detailSchema } from './errors';
import { requireTenant } from './params';
import { countsSchema, runCounts } from './sync-view';
import { historyEntrySchema, LATEST_HISTORY, latestHistory } from './tenant-history';
import { tenantProblemsSchema, tenantProblemsView } from './tenant-problems';
import { contactsSchema, hrisSchema, platformParts } from './tenant-input';
import { sandboxViewSchema } from './sandbox-settings';

const time = z.iso.datetime();
const stage = z.enum(stages);
// What was sent is shown as it was stored; the view checks no URL policy.
const url = line(2048);
const { scim, demo } = platformParts(url);

/** The config's shape (docs/API.md "Config"); the schedule's shortest gap is checked where a config is recorded. */
export const configSchema = tenantConfigSchema(0).meta({ id: 'TenantConfig' });

export const tenantSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    stage,
    hris: z.object({ provider: z.string() }),
    platform: z.object({ kind: z.enum(['scim', 'demo']) }),
    openProblems: z.number().int().meta({ description: 'How many problems are open (docs/PRODUCT.md "Tenant health").' }),
    createdAt: time,
    updatedAt: time,
  })
  .meta({ id: 'TenantSummary' });

const credential = z.object({ status: z.enum(['missing', 'verified', 'rejected']), verifiedAt: time.optional() }).meta({ description: "The HRIS key's state; never the key." });

export const tenantSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    stage,
    hris: hrisSchema(url, { credential }),
    platform: z.discriminatedUnion('kind', [scim.omit({ token: true }).extend({ sandbox: sandboxViewSchema.optional() }), demo]).meta({ description: "The platform's settings; its token is never shown." }),
    contacts: contactsSchema,
    config: configSchema.nullable().meta({ description: 'The config (docs/API.md "Config") with every default applied; null until one is recorded.' }),
    configVersionId: z.string().nullable(),
    warnings: z.array(detailSchema).meta({ description: "The config's warnings, e.g. a schedule time a daylight-saving change skips." }),
    schedule: z
      .object({
        cron: z.string(),
        timezone: z.string(),
        paused: z.boolean(),
        nextRunAt: time.optional().meta({ description: 'When the schedule is next due, while it is not paused; its run starts within `config.schedule.jitterMinutes` after.' }),
      })
      .optional()
      .meta({ description: 'Once the tenant has gone live.' }),
    goLive: z
      .object({ at: z.iso.datetime({ offset: true }), status: z.enum(['scheduled', 'loading', 'failed']), syncId: z.string().optional(), reason: z.string().optional() })
      .optional()
      .meta({ description: 'A go-live asked for in `ready`: waiting for its time, loading, or failed with the reason.' }),
    hypercareUntil: time.optional(),
    activeSyncId: z.string().optional(),
    lastSync: z.object({ id: z.string(), status: z.enum(finalStatuses), finishedAt: time, counts: countsSchema }).optional(),
    problems: tenantProblemsSchema,
    createdAt: time,
    history: z.array(historyEntrySchema).meta({ description: `The latest ${LATEST_HISTORY} entries of the history, oldest first.` }),
    olderHistoryCursor: z
      .string()
      .optional()
      .meta({ description: 'Present when the history has older entries: `GET /api/tenants/{id}/history?cursor=` this continues with them.' }),
  })
  .meta({ id: 'Tenant' });

export type TenantSummary = z.output<typeof tenantSummarySchema>;
export type Tenant = z.output<typeof tenantSchema>;

function publicPlatform(platform: PlatformSettings) {
  if (platform.kind === 'demo') return platform;
  const { tokenRef: _tokenRef, sandbox, ...visible } = platform;
  return { ...visible, ...(sandbox && { sandbox: { baseUrl: sandbox.baseUrl } }) };
}

export function tenantSummary(row: TenantRow, openProblems: number): TenantSummary {
  return {
    id: row.id,
    name: row.name,
    stage: row.stage,
    hris: { provider: row.hris.provider },
    platform: { kind: row.platform.kind },
    openProblems,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function goLiveView(goLive: GoLive) {
  const { requestedBy: _requestedBy, inviteNewUsers: _invites, ...visible } = goLive;
  return visible;
}

// Parsing checks 28 years of dates (a few ms): each expression is parsed once. Tenants share a
// handful of them; the memo starts afresh past a bound rather than grow without one.
const parsedCrons = new Map<string, CronSchedule | undefined>();
function cronOf(expression: string): CronSchedule | undefined {
  if (!parsedCrons.has(expression)) {
    if (parsedCrons.size >= 1000) parsedCrons.clear();
    const parsed = parseCron(expression);
    parsedCrons.set(expression, parsed.ok ? parsed.cron : undefined);
  }
  return parsedCrons.get(expression);
}

/** The schedule as its config and stage say, without asking Temporal: the read stays on Postgres. */
function scheduleView(row: TenantRow, config: TenantConfig, now: Date) {
  const { cron, timezone } = config.schedule;
  const parsed = cronOf(cron);
  const next = row.stage === 'live' && parsed ? nextFireTime(parsed, timezone, now) : undefined;
  return { cron, timezone, paused: row.stage !== 'live', ...(next && { nextRunAt: next.toISOString() }) };
}

export async function tenantView(db: Db, row: TenantRow): Promise<Tenant> {
  // Independent reads, at once: the answer waits for the slowest, not for their sum.
  const [history, lastSync, problems] = await Promise.all([
    latestHistory(db, row.id),
    db('sync_runs').where({ tenant_id: row.id }).whereNotNull('finished_at').orderBy('finished_at', 'desc').first('id', 'status', 'finished_at', 'mode', 'counts', 'planned'),
    tenantProblemsView(db, row.id),
  ]);
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
    ...(row.config && afterGoLive.includes(row.stage) && { schedule: scheduleView(row, row.config, new Date()) }),
    ...(row.go_live && { goLive: goLiveView(row.go_live) }),
    ...(row.live_since && row.config && { hypercareUntil: new Date(new Date(row.live_since).getTime() + row.config.hypercareDays * 86_400_000).toISOString() }),
    ...(row.active_sync_id && { activeSyncId: row.active_sync_id }),
    ...(lastSync && { lastSync: { id: lastSync.id, status: lastSync.status, finishedAt: new Date(lastSync.finished_at).toISOString(), counts: runCounts(lastSync) } }),
    problems,
    createdAt: row.created_at.toISOString(),
    history: history.entries,
    ...(history.olderCursor && { olderHistoryCursor: history.olderCursor }),
  };
}

/** The tenant as it is now: what a route answers after changing it. */
export async function currentTenantView(db: Db, id: string): Promise<Tenant> {
  return tenantView(db, await requireTenant(db, id));
}
