// The tenant's sync runs, as the tenant workflow keeps them: at most one open, each with a unique
// id; its end recorded (and acted on by the lifecycle) before its final status is written
// anywhere; a test asked for while a run is open started as soon as that run has ended.
import { startChild, uuid4, type ChildWorkflowHandle } from '@temporalio/workflow';
import { RosterTenantId } from '../../common/search-attributes';
import type { ReadMode, RunScope, SyncMode, SyncTrigger } from '../../common/sync-run';
import { readsChanges, runTarget, type TenantProfile, type TenantState } from '../../common/tenant';
import { syncWorkflowId } from '../../common/workflow-ids';
import { loggedFailure, records, sendMailSoon } from '../activity-profiles';
import { supersedeSignal, type SyncOutcome } from '../sync-messages';
import { syncRunWorkflow } from '../sync-run';
import { runDetails, runSummary } from '../summaries';
import type { Actor } from '../tenant-messages';

const { createSyncRun, finishSyncRun, queueRunMail, purgeRunData } = records;

/**
 * Which runs go first when workers are busy (1 first, Temporal's default 3): someone waits on a
 * run started by hand or on a test; a change in the HR system should reach the platform within
 * seconds; a night's scheduled runs can wait their turn (docs/TEMPORAL.md "Fairness between tenants").
 */
const priorityOf: Record<SyncTrigger, number> = { manual: 1, test: 1, initial_load: 2, webhook: 2, end_of_day: 3, schedule: 3 };

export interface RunRequest extends Actor {
  trigger: SyncTrigger;
  mode: SyncMode;
  /** The go-live's choice for its initial load; the config's otherwise. */
  inviteNewUsers?: boolean;
  /** `incremental`: only who changed, where the HR system can say and a full run is not due. */
  read?: ReadMode;
  /** A targeted run: only these people, planned as an incremental read. */
  scope?: RunScope;
}

/** A run that has started, and what its end needs to know. */
export interface StartedRun {
  syncId: string;
  trigger: SyncTrigger;
  configVersionId: string;
  invites: boolean;
  handle: ChildWorkflowHandle<typeof syncRunWorkflow>;
}

export class TenantRuns {
  /** Runs whose end is recorded but whose final status is still being written. */
  private finishing = 0;
  private openRun: StartedRun | undefined;

  constructor(
    private readonly profile: TenantProfile,
    private readonly state: TenantState,
  ) {}

  async start({ trigger, mode, actor, inviteNewUsers, read, scope }: RunRequest): Promise<StartedRun> {
    const { state, profile } = this;
    // Claimed before the first await, so a second request is refused at once.
    const syncId = uuid4();
    state.activeSyncId = syncId;
    state.activeTrigger = trigger;
    // A test asked for by hand is the test the lifecycle was waiting for.
    if (trigger === 'test') state.testWanted = undefined;
    const config = state.config!;
    const configVersionId = state.configVersionId!;
    const target = runTarget(profile.platform, state.stage, trigger);
    // A sandbox's accounts are for trying the sync out: nobody is welcomed to them.
    const invites = (inviteNewUsers ?? config.inviteNewUsers) && mode === 'apply' && target === 'production';
    const changesOnly = read === 'incremental' && mode === 'apply' && readsChanges(profile.hris);
    try {
      await createSyncRun({ syncId, tenantId: profile.tenantId, trigger, mode, configVersionId, requestedBy: actor, at: new Date().toISOString(), target });
      const handle = await startChild(syncRunWorkflow, {
        workflowId: syncWorkflowId(syncId),
        typedSearchAttributes: [{ key: RosterTenantId, value: profile.tenantId }],
        staticSummary: runSummary({ tenantId: profile.tenantId, trigger }),
        staticDetails: runDetails({ tenantId: profile.tenantId, trigger, mode, read: changesOnly ? 'incremental' : 'full', scope: scope?.kind, actor }),
        // Each tenant's run and its activities are one fair share of the task queue, whatever its size.
        priority: { fairnessKey: profile.tenantId, priorityKey: priorityOf[trigger] },
        args: [
          {
            syncId,
            tenantId: profile.tenantId,
            trigger,
            mode,
            configVersionId,
            credentialRef: state.credential!.ref,
            ...(changesOnly && { read: 'incremental' as const }),
            ...(scope && { scope }),
          },
        ],
      });
      this.openRun = { syncId, trigger, configVersionId, invites, handle };
      return this.openRun;
    } catch (error) {
      // A run that never started must not hold the tenant's one open run for good.
      state.activeSyncId = undefined;
      state.activeTrigger = undefined;
      throw error;
    }
  }

  /** Waits for the run to end, and records its end in the state: the lifecycle acts on it next. */
  async ended(run: StartedRun): Promise<SyncOutcome> {
    let outcome: SyncOutcome;
    try {
      outcome = await run.handle.result();
    } catch {
      outcome = { status: 'error', error: { code: 'run_failed', message: 'The run stopped unexpectedly; nothing further was applied. Its workflow in the Temporal UI says why.' } };
    }
    const { state } = this;
    this.finishing += 1;
    this.openRun = undefined;
    state.activeSyncId = undefined;
    state.activeTrigger = undefined;
    state.lastSync = { id: run.syncId, status: outcome.status, errorCode: outcome.error?.code };
    if (run.trigger === 'test') state.lastTest = { id: run.syncId, status: outcome.status, configVersionId: run.configVersionId };
    return outcome;
  }

  /**
   * The run's mail and purge, then its final status: once that is readable the next request may
   * come, and nothing of this run is left. No step may stop the others: a run left `running`
   * would refuse every request.
   */
  async finish(run: StartedRun, outcome: SyncOutcome, hypercare: boolean): Promise<void> {
    const { syncId } = run;
    const tenantId = this.profile.tenantId;
    const finishedAt = new Date().toISOString();
    await queueRunMail({ syncId, tenantId, status: outcome.status, error: outcome.error, finishedAt, welcomes: run.invites, hypercare }).catch(loggedFailure('queueing the run mail', { syncId }));
    await purgeRunData({ tenantId, now: finishedAt }).catch(loggedFailure('purging old run data', { syncId }));
    await finishSyncRun({ syncId, tenantId, status: outcome.status, error: outcome.error, at: finishedAt }).catch((error) => {
      loggedFailure('writing the final status', { syncId })(error);
      // The outcome's message may be what Postgres refused: the status goes in with a plain one.
      const plain = { code: outcome.error?.code ?? 'not_recorded', message: 'The run ended, but its message could not be stored.' };
      return finishSyncRun({ syncId, tenantId, status: outcome.status, error: plain, at: finishedAt }).catch(loggedFailure('writing the plain final status', { syncId }));
    });
    this.finishing -= 1;
    sendMailSoon(tenantId);
  }

  /** Stops the open run at its next step (nothing further applied); its end is followed as any other. */
  async supersede(actor: Actor): Promise<void> {
    // A run that ended a moment ago has nothing left to stop.
    if (this.openRun) await this.openRun.handle.signal(supersedeSignal, actor).catch(() => undefined);
  }

  /** No run open, and every ended run's final status written. */
  idle(): boolean {
    return this.state.activeSyncId === undefined && this.finishing === 0;
  }

  /** Asks for a test with the current config and key: an open test is superseded by it. */
  async wantTest(actor: Actor): Promise<void> {
    this.state.testWanted = { actor: actor.actor, reason: actor.reason };
    if (this.state.activeTrigger === 'test') await this.supersede({ actor: 'system', reason: 'superseded by a newer test' });
  }

  /** A test was asked for, and nothing else is open. */
  testDue(): boolean {
    return this.state.testWanted !== undefined && this.idle();
  }

  /** The test asked for, as a request to start now. */
  takeWantedTest(): RunRequest {
    const { actor, reason } = this.state.testWanted!;
    this.state.testWanted = undefined;
    return { trigger: 'test', mode: 'dry_run', actor, reason };
  }
}
