// A sync run's messages, shared by the run's workflow, the tenant workflow and the API.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { FinalStatus, ReadMode, RunError, RunScope, SyncMode, SyncPhase, SyncTrigger } from '../common/sync-run';
import type { Actor } from './tenant-messages';

export type { RunError } from '../common/sync-run';

/**
 * What a run is started with: references, not copies. The activities read the config (time zone,
 * adopting accounts) from its version, and a held run asks the worker how long to wait.
 */
export interface SyncRunInput {
  syncId: string;
  tenantId: string;
  trigger: SyncTrigger;
  mode: SyncMode;
  configVersionId: string;
  /** The secret store's reference to the HRIS key; never the key. */
  credentialRef: string;
  /** `incremental`: read only who changed when that is allowed (readChanges decides); a full read otherwise. */
  read?: ReadMode;
  /** A targeted run: only these people are read (readTargeted), planned as an incremental read. */
  scope?: RunScope;
}

/** What the run tells the tenant workflow when it ends: small, and free of people's data. */
export interface SyncOutcome {
  status: FinalStatus;
  error?: RunError;
}

export interface SyncProgress {
  syncId: string;
  phase: SyncPhase;
  done: number;
  total: number;
  awaitingApproval: boolean;
}

/** Error types a refused approve, reject or cancel carries; the API turns each into a 409, `validation_failed` into a 400. */
export const runRefusalCodes = ['validation_failed', 'not_awaiting_approval', 'run_finished'] as const;
export type RunRefusalCode = (typeof runRefusalCodes)[number];

export const approveUpdate = defineUpdate<SyncProgress, [Actor]>('approve');
export const rejectUpdate = defineUpdate<SyncProgress, [Actor]>('reject');
export const cancelUpdate = defineUpdate<SyncProgress, [Actor]>('cancel');
/** From the tenant workflow: a newer test replaces this one, which stops at its next step. */
export const supersedeSignal = defineSignal<[Actor]>('supersede');
export const progressQuery = defineQuery<SyncProgress>('progress');
