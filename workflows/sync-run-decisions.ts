// The decisions a person takes about a run (docs/PRODUCT.md "Status of a run"): approve or reject
// a held run, cancel an open one, by API, Temporal UI or CLI alike. Each is recorded on the run and
// in its tenant's history before it is taken, so a decision that could not be recorded was not
// taken, and every one taken names its actor, time and note.
import { ApplicationFailure, condition, setHandler, uuid4 } from '@temporalio/workflow';
import type { RunDecision } from '../activities/sync/run-records';
import { ensureStorable } from '../common/storable';
import type { SyncPhase } from '../common/sync-run';
import { failureMessage, records } from './activity-profiles';
import { approveUpdate, cancelUpdate, rejectUpdate, type RunRefusalCode, type SyncProgress } from './sync-messages';
import type { Actor } from './tenant-messages';

const refuse = (type: RunRefusalCode, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });

export interface DecidedRun {
  syncId: string;
  tenantId: string;
  phase(): SyncPhase;
  snapshot(): SyncProgress;
  /** Stops the run at its next step: a cancel once recorded. */
  stop(actor: Actor): void;
}

export class RunDecisions {
  /** Approve or reject, once recorded, until the run takes it. */
  private choice: 'approve' | 'reject' | undefined;
  /** Decisions being recorded: none is taken, or refused by the clock, until it is written. */
  private recording = 0;

  constructor(private readonly run: DecidedRun) {
    const mustBeHeld = (actor: Actor) => {
      ensureStorable(actor);
      if (run.phase() !== 'awaiting_approval') throw refuse('not_awaiting_approval', `The run is ${run.phase()}, not awaiting approval.`);
      if (this.recording > 0 || this.choice) throw refuse('not_awaiting_approval', 'Another decision on this run is being taken.');
    };
    setHandler(approveUpdate, (actor) => this.decide('approve', actor), { validator: mustBeHeld });
    setHandler(rejectUpdate, (actor) => this.decide('reject', actor), { validator: mustBeHeld });
    setHandler(cancelUpdate, (actor) => this.decide('cancel', actor), {
      validator: (actor: Actor) => {
        ensureStorable(actor);
        const phase = run.phase();
        if (phase === 'reporting' || phase === 'done') throw refuse('run_finished', 'The run has finished applying; there is nothing left to cancel.');
      },
    });
  }

  /**
   * Waits for a person's decision on the held run, at most `timeoutMs`: true once one is taken
   * (or the run was stopped). A decision being recorded as the time runs out is still taken.
   */
  async awaitDecision(timeoutMs: number, stopped: () => boolean): Promise<boolean> {
    const decided = () => this.choice !== undefined || stopped();
    if (await condition(decided, timeoutMs)) return true;
    await condition(() => this.recording === 0);
    return decided();
  }

  /** The approval or rejection taken, once: after an approval the run may be held again. */
  take(): 'approve' | 'reject' | undefined {
    const choice = this.choice;
    this.choice = undefined;
    return choice;
  }

  private async decide(action: RunDecision['action'], { actor, reason }: Actor): Promise<SyncProgress> {
    const { syncId, tenantId } = this.run;
    const decision: RunDecision = { action, actor, at: new Date().toISOString(), ...(reason && { note: reason }) };
    this.recording += 1;
    try {
      await records.recordRunDecision({ entryId: uuid4(), syncId, tenantId, decision });
    } catch (error) {
      throw ApplicationFailure.create({ type: 'not_recorded', message: `Roster could not record this decision, so it was not taken: ${failureMessage(error)}`, nonRetryable: true });
    } finally {
      this.recording -= 1;
    }
    if (action === 'cancel') this.run.stop({ actor, reason });
    else this.choice = action;
    return this.run.snapshot();
  }
}
