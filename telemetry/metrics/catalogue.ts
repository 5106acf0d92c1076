// Every metric Roster serves, in one place: its name, what it means and its labels. The API's
// registry (./api-metrics.ts) and the worker's (./worker-metrics.ts) make them from here, and the
// alert rules and the dashboard (deploy/) use these names. Labels hold closed lists only (route
// patterns, statuses, triggers, stages, actions, providers), never a tenant, a person or a URL.
import { hrisProviders, type HrisProvider } from '../../activities/hris/registry';
import type { GroupPlanItem, ItemAction } from '../../activities/sync/core';
import type { RunDecision } from '../../activities/sync/run-records';
import { stages } from '../../common/stages';
import { finalStatuses, syncTriggers } from '../../common/sync-run';

/** Who is called over HTTP: an HR system by its provider, or the tenant's platform. */
export type OutboundProvider = HrisProvider | 'platform';
export const outboundProviders: readonly OutboundProvider[] = [...hrisProviders, 'platform'];

/** What ends a held run's wait: a person's decision, or the approval timeout. */
export type HoldEnd = RunDecision['action'] | 'expired';

/** What an applied plan item did, for a person or a group. */
export type AppliedAction = ItemAction | GroupPlanItem['action'];
const appliedActionSet: Record<AppliedAction, true> = { create: true, update: true, deactivate: true, reactivate: true, anonymise: true, unchanged: true, skip: true, exclude: true, empty: true, delete: true };
export const appliedActions = Object.keys(appliedActionSet) as AppliedAction[];

export const labelValues = { trigger: syncTriggers, status: finalStatuses, stage: stages, provider: outboundProviders };

const seconds = {
  request: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  outbound: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  run: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400],
  hold: [60, 300, 900, 3600, 4 * 3600, 12 * 3600, 24 * 3600, 48 * 3600, 72 * 3600, 96 * 3600],
};

/** The API's figures: its requests, and what it reads from PostgreSQL at each scrape. */
export const apiCatalogue = {
  httpRequestDuration: { name: 'roster_http_request_duration_seconds', help: 'API requests by route pattern, method and status', labelNames: ['route', 'method', 'status'], buckets: seconds.request },
  tenants: { name: 'roster_tenants', help: 'Tenants by stage', labelNames: ['stage'] },
  tenantsStale: { name: 'roster_tenants_stale', help: 'Live tenants with no successful run (or go-live) within twice their schedule\'s longest gap, as the hourly health sweep found them', labelNames: [] },
  mailOutbox: { name: 'roster_mail_outbox_messages', help: 'Mail in the outbox waiting to be sent (pending) or given up on (failed)', labelNames: ['status'] },
  mailOutboxOldestPending: { name: 'roster_mail_outbox_oldest_pending_seconds', help: 'Age of the oldest mail still waiting in the outbox (0 when none)', labelNames: [] },
  runsHeld: { name: 'roster_runs_held', help: 'Runs waiting for approval now', labelNames: [] },
  runsHeldOldest: { name: 'roster_runs_held_oldest_seconds', help: 'How long the longest-waiting held run has waited (0 when none)', labelNames: [] },
  tenantProblems: { name: 'roster_tenant_problems_open', help: 'Open tenant health problems, by type (common/tenant-health)', labelNames: ['type'] },
} as const;

/** The worker's figures, counted where the activities do the work. */
export const workerCatalogue = {
  runsStarted: { name: 'roster_runs_started_total', help: 'Sync runs started, by trigger', labelNames: ['trigger'] },
  runsFinished: { name: 'roster_runs_finished_total', help: 'Sync runs finished, by trigger and final status', labelNames: ['trigger', 'status'] },
  runDuration: { name: 'roster_run_duration_seconds', help: 'Sync runs from start to final status, by trigger and status', labelNames: ['trigger', 'status'], buckets: seconds.run },
  runsHeld: { name: 'roster_runs_held_total', help: 'Times a run was held for approval', labelNames: [] },
  holdWait: { name: 'roster_run_hold_wait_seconds', help: 'How long a held run waited, by what ended the wait', labelNames: ['ended_by'], buckets: seconds.hold },
  itemsApplied: { name: 'roster_items_applied_total', help: 'Plan items applied to the platform, by action and result', labelNames: ['action', 'result'] },
  scheduledFiresSkipped: { name: 'roster_scheduled_fires_skipped_total', help: 'Schedule fires that started no run, by the tenant\'s stage (live: a run was still open)', labelNames: ['stage'] },
  outboundRequests: { name: 'roster_outbound_requests_total', help: 'HTTP requests to HR systems and platforms, by provider and status (error: no answer)', labelNames: ['provider', 'status'] },
  outboundRateLimited: { name: 'roster_outbound_rate_limited_total', help: 'HTTP requests answered 429, by provider', labelNames: ['provider'] },
  outboundDuration: { name: 'roster_outbound_request_duration_seconds', help: 'HTTP requests to HR systems and platforms until their answer\'s headers, by provider', labelNames: ['provider'], buckets: seconds.outbound },
} as const;

/** The Temporal SDK's own worker metrics carry this prefix (Runtime's Prometheus exporter). */
export const sdkMetricPrefix = 'temporal_';
