// A sync run's vocabulary (docs/PRODUCT.md "One sync run", docs/API.md "Sync runs"), shared by the
// workflows, the activities and the API.
export const syncTriggers = ['schedule', 'manual', 'initial_load', 'test', 'webhook', 'end_of_day'] as const;
export type SyncTrigger = (typeof syncTriggers)[number];

export type SyncMode = 'apply' | 'dry_run';
/** A full read of the directory, or only the people who changed since the last good run (BambooHR). */
export type ReadMode = 'full' | 'incremental';
/**
 * Whom a targeted run reads (docs/PRODUCT.md "Webhooks"): the people the tenant's webhook events
 * named, one person support asked for, or the people whose employment ended. It reads only them
 * and plans like an incremental run: nobody is deactivated by absence.
 */
export type RunScope = { kind: 'changes' } | { kind: 'person'; hrisId: string } | { kind: 'leavers' };
export const runScopeKinds = ['changes', 'person', 'leavers'] as const satisfies readonly RunScope['kind'][];
export type RunScopeKind = (typeof runScopeKinds)[number];

export type SyncPhase = 'fetching' | 'planning' | 'awaiting_approval' | 'applying' | 'reporting' | 'done';

export const finalStatuses = ['success', 'warning', 'error', 'rejected', 'cancelled'] as const;
export type FinalStatus = (typeof finalStatuses)[number];
export type SyncStatus = 'running' | 'awaiting_approval' | FinalStatus;

/** Why a run ended early, as its outcome and the API say it. */
export interface RunError {
  code: string;
  message: string;
}

/**
 * The typed, non-retryable failures a run's reads and applies end with (activities/sync/failures.ts
 * types connectors' failures; worker/unfixable-interceptor.ts a secret gone), and what the run
 * reports for each. In the guards' order (docs/PRODUCT.md "Safety guards"): when both reads failed,
 * the first listed is reported.
 */
export const runStops = {
  credentials_rejected: { code: 'credentials_rejected', message: 'The HR system rejected the API key: nothing was applied. The HRIS admin must authorise Roster again.' },
  platform_credentials_rejected: { code: 'platform_credentials_rejected', message: "The platform rejected Roster's token: nothing was applied. Check the tenant's platform token." },
  partial_directory: { code: 'partial_directory', message: 'The directory read could not be trusted to be complete, so nothing was applied: people missing from it would have been deactivated.' },
  hris_misconfigured: { code: 'hris_misconfigured', message: "The HR system's settings do not work (wrong address or account): nothing was applied." },
  platform_misconfigured: { code: 'platform_misconfigured', message: "The platform's settings do not work (wrong address or attribute): nothing was applied." },
  secret_missing: { code: 'credentials_missing', message: 'A key or token the run needed was replaced or revoked while it ran: nothing was applied.' },
} as const satisfies Record<string, RunError>;
export type RunStopType = keyof typeof runStops;
/** What a connector's failure becomes; `secret_missing` comes from the worker's interceptor instead. */
export type RunFailureType = Exclude<RunStopType, 'secret_missing'>;

/** What the run reports for a failure `type`, if it is one that stops it; once applying has begun, something may already be written. */
export function runStopFor(type: string | undefined, applying = false): RunError | undefined {
  if (type === undefined || !Object.hasOwn(runStops, type)) return undefined;
  const { code, message } = runStops[type as RunStopType];
  return { code, message: applying ? message.replace('nothing was applied', 'nothing further was applied') : message };
}

export const itemActions = ['create', 'update', 'deactivate', 'reactivate', 'anonymise', 'unchanged', 'skip', 'exclude'] as const;

/** What a plan_items row holds: a person's item, a manager link of the second pass, or a group. */
export type PlanItemKind = 'account' | 'manager' | 'group';
export type ItemResultState = 'pending' | 'done' | 'failed';

/** A plan_items row as stored. `item` is the core's PlanItem or GroupPlanItem. */
export interface PlanItemRow {
  run_id: string;
  seq: number;
  tenant_id: string;
  kind: PlanItemKind;
  hris_id: string | null;
  account_id: string | null;
  identity_key: string | null;
  name: string | null;
  action: string;
  item: Record<string, unknown>;
  result: ItemResultState;
  result_code: string | null;
  result_message: string | null;
  applied_at: Date | null;
}
