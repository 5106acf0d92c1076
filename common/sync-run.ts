// A sync run's vocabulary (PRODUCT.md "One sync run", API.md "Sync runs"), shared by the
// workflows, the activities and the API.
export const syncTriggers = ['schedule', 'manual', 'initial_load', 'test', 'webhook'] as const;
export type SyncTrigger = (typeof syncTriggers)[number];

export type SyncMode = 'apply' | 'dry_run';
/** A full read of the directory, or only the people who changed since the last good run (BambooHR). */
export type ReadMode = 'full' | 'incremental';
export type SyncPhase = 'fetching' | 'planning' | 'awaiting_approval' | 'applying' | 'reporting' | 'done';

export const finalStatuses = ['success', 'warning', 'error', 'rejected', 'cancelled'] as const;
export type FinalStatus = (typeof finalStatuses)[number];
export type SyncStatus = 'running' | 'awaiting_approval' | FinalStatus;

export const itemActions = ['create', 'update', 'deactivate', 'reactivate', 'unchanged', 'skip', 'exclude'] as const;

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

export const syncWorkflowId = (syncId: string): string => `sync-${syncId}`;
