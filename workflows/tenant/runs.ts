// The tenant's sync runs, as the tenant workflow keeps them: at most one open, each with a unique
// id; its end recorded (and acted on) before its final status is written anywhere; a test asked
// for while a run is open started as soon as that run has ended.
import { log, patched, startChild, uuid4, type ChildWorkflowHandle } from '@temporalio/workflow';
import { RosterTenantId } from '../common/search-attributes';
import { syncWorkflowId, type ReadMode, type SyncMode, type SyncTrigger } from '../common/sync-run';
import { readsChanges, type TenantProfile, type TenantState } from '../common/tenant';
import { failureMessage, mail, records } from './activity-profiles';
import { supersedeSignal, type SyncOutcome } from './sync-messages';
import { syncRunWorkflow } from './sync-run';
import type { Actor } from './tenant-messages';

const { createSyncRun, finishSyncRun, queueRunMail, purgeRunData } = records;
const { deliverMail } = mail;

/** A step after a run's end that failed for good is logged; the run's end still completes. */
const noted = (step: string, syncId: string) => (error: unknown) => log.warn(`${step} failed for good`, { syncId, error: failureMessage(error) });

/** The mail and the purge before the final status, so a tenant may continue as new the moment it is written. */
const FINAL_STATUS_LAST = 'final-status-last';

export interface RunRequest extends Actor {
  trigger: SyncTrigger;
  mode: SyncMode;
  /** The go-live's choice for its initial load; the config's otherwise. */
  inviteNewUsers?: boolean;
  /** `incremental`: only who changed, where the HR system can say and a full run is not due. */
  read?: ReadMode;
}

/** What the lifecycle does about a run's end, before its final status is written. */
export type RunEndReaction = (syncId: string, outcome: SyncOutcome) => Promise<void>;

/** Whether a run's summary also goes to support: the initial load, and every run in hypercare. */
export type Hypercare = (trigger: SyncTrigger) => boolean;

export function tenantRuns(profile: TenantProfile, state: TenantState, onEnd: RunEndReaction, hypercare: Hypercare) {
  /** Runs whose end is recorded but whose final status is still being written. */
  let finishing = 0;
  let openRun: ChildWorkflowHandle<typeof syncRunWorkflow> | undefined;

  /** Waits for a run to end, records its end, and only then writes its final status. */
  const follow = async (syncId: string, trigger: SyncTrigger, configVersionId: string, invites: boolean, result: Promise<SyncOutcome>) => {
    let outcome: SyncOutcome;
    try {
      outcome = await result;
    } catch {
      outcome = { status: 'error', error: { code: 'run_failed', message: 'The run stopped unexpectedly; nothing further was applied. Its workflow in the Temporal UI says why.' } };
    }
    finishing += 1;
    openRun = undefined;
    state.activeSyncId = undefined;
    state.activeTrigger = undefined;
    state.lastSync = { id: syncId, status: outcome.status, errorCode: outcome.error?.code };
    if (trigger === 'test') state.lastTest = { id: syncId, status: outcome.status, configVersionId };
    // No step of a run's end may stop the others: a run left `running` would refuse every request.
    await onEnd(syncId, outcome).catch(noted('reacting to the run end', syncId));
    const finishedAt = new Date().toISOString();
    const finish = () =>
      finishSyncRun({ syncId, tenantId: profile.tenantId, status: outcome.status, error: outcome.error, at: finishedAt }).catch((error) => {
        noted('writing the final status', syncId)(error);
        // The outcome's message may be what Postgres refused: the status goes in with a plain one.
        const plain = { code: outcome.error?.code ?? 'not_recorded', message: 'The run ended, but its message could not be stored.' };
        return finishSyncRun({ syncId, tenantId: profile.tenantId, status: outcome.status, error: plain, at: finishedAt }).catch(noted('writing the plain final status', syncId));
      });
    const queueMail = () => queueRunMail({ syncId, tenantId: profile.tenantId, status: outcome.status, error: outcome.error, finishedAt, welcomes: invites, hypercare: hypercare(trigger) }).catch(noted('queueing the run mail', syncId));
    const purge = () => purgeRunData({ tenantId: profile.tenantId, now: finishedAt }).catch(noted('purging old run data', syncId));
    if (patched(FINAL_STATUS_LAST)) {
      // Once the final status is readable the next request may come: nothing of this run is left then.
      await queueMail();
      await purge();
      await finish();
    } else {
      await finish();
      await queueMail();
      await purge();
    }
    finishing -= 1;
    await deliverMail({ tenantId: profile.tenantId }).catch(() => undefined);
  };

  const start = async ({ trigger, mode, actor, inviteNewUsers, read }: RunRequest): Promise<{ syncId: string }> => {
    // Claimed before the first await, so a second request is refused at once.
    const syncId = uuid4();
    state.activeSyncId = syncId;
    state.activeTrigger = trigger;
    // A test asked for by hand is the test the lifecycle was waiting for.
    if (trigger === 'test') state.testWanted = undefined;
    const config = state.config!;
    const configVersionId = state.configVersionId!;
    const invites = (inviteNewUsers ?? config.inviteNewUsers) && mode === 'apply';
    let run: ChildWorkflowHandle<typeof syncRunWorkflow>;
    try {
      const { approvalTimeoutHours } = await createSyncRun({ syncId, tenantId: profile.tenantId, trigger, mode, configVersionId, requestedBy: actor, at: new Date().toISOString() });
      run = await startChild(syncRunWorkflow, {
        workflowId: syncWorkflowId(syncId),
        typedSearchAttributes: [{ key: RosterTenantId, value: profile.tenantId }],
        args: [
          {
            syncId,
            tenantId: profile.tenantId,
            trigger,
            mode,
            configVersionId,
            credentialRef: state.credential!.ref,
            timezone: config.schedule.timezone,
            adoptExistingAccounts: config.adoptExistingAccounts && (trigger === 'initial_load' || trigger === 'test'),
            inviteNewUsers: invites,
            approvalTimeoutHours,
            ...(read === 'incremental' && mode === 'apply' && readsChanges(profile.hris) && { read }),
          },
        ],
      });
    } catch (error) {
      // A run that never started must not hold the tenant's one open run for good.
      state.activeSyncId = undefined;
      state.activeTrigger = undefined;
      throw error;
    }
    openRun = run;
    void follow(syncId, trigger, configVersionId, invites, run.result());
    return { syncId };
  };

  /** Stops the open run at its next step (nothing further applied); its end is followed as any other. */
  const supersede = async (actor: Actor) => {
    // A run that ended a moment ago has nothing left to stop.
    if (openRun) await openRun.signal(supersedeSignal, actor).catch(() => undefined);
  };

  return {
    start,
    supersede,
    /** No run open, and every ended run's final status written. */
    idle: () => state.activeSyncId === undefined && finishing === 0,

    /** Asks for a test with the current config and key: an open test is superseded by it. */
    async wantTest(actor: Actor) {
      state.testWanted = { actor: actor.actor, reason: actor.reason };
      if (state.activeTrigger === 'test') await supersede({ actor: 'system', reason: 'superseded by a newer test' });
    },

    /** Starts the test asked for, once nothing else is open. */
    testDue: () => state.testWanted !== undefined && state.activeSyncId === undefined && finishing === 0,
    async startWantedTest() {
      const { actor, reason } = state.testWanted!;
      state.testWanted = undefined;
      // Not retried in a loop: the next key or config change asks for a test again.
      await start({ trigger: 'test', mode: 'dry_run', actor, reason }).catch(noted('starting the wanted test', 'none'));
    },
  };
}
