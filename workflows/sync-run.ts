// One sync run (docs/PRODUCT.md "One sync run"): fetch → plan → guards → (approval) → apply → report.
// It carries ids and counts only; the directory, the plan and the results live in Postgres. Its
// final status is written by the tenant workflow, once that has recorded the run's end.
import { ActivityFailure, allHandlersFinished, ApplicationFailure, CancellationScope, condition, isCancellation, setCurrentDetails, setHandler } from '@temporalio/workflow';
import { runStopFor, runStops, type PlanItemKind, type ReadMode, type RunStopType, type SyncPhase } from '../common/sync-run';
import { runBookkeeping, runIo, runPlanning, sendMailSoon } from './activity-profiles';
import { progressQuery, supersedeSignal, type SyncOutcome, type SyncProgress, type SyncRunInput } from './sync-messages';
import { RunDecisions } from './sync-run-decisions';
import { runCurrentDetails } from './summaries';
import type { Actor } from './tenant-messages';

const { markRun, completeRun, queueHoldNotice, runSettings } = runBookkeeping;
const { planRun } = runPlanning;
const { fetchDirectory, fetchPlatform, applyBatch, readChanges, readTargeted } = runIo;

/** The typed failure an activity ended with, if it was one the run acts on. */
function failureType(error: unknown): string | undefined {
  const cause = error instanceof ActivityFailure ? error.cause : undefined;
  return cause instanceof ApplicationFailure && cause.nonRetryable ? (cause.type ?? undefined) : undefined;
}

export async function syncRunWorkflow(input: SyncRunInput): Promise<SyncOutcome> {
  const outcome = await runToEnd(input);
  // A decision still being recorded finishes before the run reports its end.
  await condition(allHandlersFinished);
  return outcome;
}

async function runToEnd(input: SyncRunInput): Promise<SyncOutcome> {
  const { syncId, tenantId } = input;
  let phase: SyncPhase = 'fetching';
  let cancelledBy: Actor | undefined;
  const progress = { done: 0, total: 0 };
  // A cancel or supersede stops the reads at once, even while they wait to retry. Reads only:
  // applying stops between batches, so what was written is always recorded.
  const reads = new CancellationScope();
  const stop = (actor: Actor) => {
    cancelledBy ??= actor;
    reads.cancel();
  };

  const snapshot = (): SyncProgress => ({ syncId, phase, ...progress, awaitingApproval: phase === 'awaiting_approval' });
  setHandler(progressQuery, snapshot);
  const decisions = new RunDecisions({ syncId, tenantId, phase: () => phase, snapshot, stop });
  setHandler(supersedeSignal, (actor: Actor) => {
    if (phase !== 'reporting' && phase !== 'done') stop(actor);
  });

  // Postgres and the Temporal UI's current details learn of each phase and batch together.
  const record = async (extra: Partial<Parameters<typeof markRun>[0]> = {}) => {
    setCurrentDetails(runCurrentDetails(phase, progress));
    await markRun({ syncId, phase, ...extra });
  };
  const moveTo = async (next: SyncPhase, extra: Partial<Parameters<typeof markRun>[0]> = {}) => {
    phase = next;
    await record(extra);
  };
  const cancelled = (): SyncOutcome => ({ status: 'cancelled', error: { code: 'cancelled', message: `Cancelled by ${cancelledBy?.actor ?? 'support'}${cancelledBy?.reason ? ` (${cancelledBy.reason})` : ''}; nothing further was applied.` } });

  let approvals = 0;
  /** Asked of the worker the first time the run is held. */
  let approvalTimeoutHours: number | undefined;
  let toApply: Record<PlanItemKind, number> = { account: 0, manager: 0, group: 0 };
  for (;;) {
    await moveTo('fetching', { status: 'running', hold: null });
    // Read both sides before judging, so the guards' order decides which failure is reported.
    const failures = new Set<string>();
    // Widened, not narrowed to 'full': the reads below set it inside a callback.
    let directoryRead = 'full' as ReadMode;
    /** The day the directory was read as of, which the plan is made for. */
    let today: string | undefined;
    // A read stopped by a cancel is no failure: the run ends cancelled below.
    const failed = (error: unknown) => {
      if (!(cancelledBy && isCancellation(error))) failures.add(failureType(error) ?? rethrow(error));
    };
    await reads
      .run(async () => {
        const source = { syncId, tenantId, credentialRef: input.credentialRef, configVersionId: input.configVersionId };
        // Only runs that asked for it (never before incremental reads existed) call readChanges.
        if (input.scope || input.read === 'incremental') {
          const changes = input.scope ? await readTargeted({ ...source, scope: input.scope }) : await readChanges(source);
          directoryRead = changes.read;
          if (changes.read === 'incremental') today = changes.today;
        }
        if (directoryRead === 'full') ({ today } = await fetchDirectory(source));
      })
      .catch(failed);
    // A targeted run that read only its people needs only their accounts (when that is cheaper).
    const peopleRead = input.scope && directoryRead === 'incremental' ? { peopleRead: { configVersionId: input.configVersionId } } : {};
    const read = await reads.run(() => fetchPlatform({ syncId, tenantId, ...peopleRead })).catch((error) => void failed(error));
    const firstFailure = (Object.keys(runStops) as RunStopType[]).find((type) => failures.has(type));
    if (firstFailure) return { status: 'error', error: runStops[firstFailure] };
    if (cancelledBy) return cancelled();

    await moveTo('planning');
    const planned = await planRun({
      syncId,
      tenantId,
      configVersionId: input.configVersionId,
      trigger: input.trigger,
      today: today!,
      supportedAttributes: read!.supportedAttributes,
      afterApproval: approvals > 0,
      read: directoryRead,
    });
    if (planned.guard.outcome === 'error') return { status: 'error', error: { code: planned.guard.code, message: planned.guard.message } };
    if (cancelledBy) return cancelled();
    if (input.mode === 'dry_run') {
      // A test never waits: it reports what a real run would have held, and why.
      if (planned.guard.outcome === 'hold') await markRun({ syncId, phase, hold: planned.guard.hold });
      const { status } = await completeRun({ syncId, mode: 'dry_run' });
      return { status };
    }
    if (planned.guard.outcome === 'proceed') {
      toApply = planned.toApply;
      progress.total = toApply.account + toApply.manager + toApply.group;
      break;
    }

    await moveTo('awaiting_approval', { status: 'awaiting_approval', hold: planned.guard.hold });
    approvalTimeoutHours ??= (await runSettings()).approvalTimeoutHours;
    const expiresAt = new Date(Date.now() + approvalTimeoutHours * 3_600_000).toISOString();
    await queueHoldNotice({ syncId, tenantId, hold: planned.guard.hold, expiresAt });
    // Sent while the run waits.
    sendMailSoon(tenantId);
    const decided = await decisions.awaitDecision(approvalTimeoutHours * 3_600_000, () => cancelledBy !== undefined);
    if (!decided) return { status: 'cancelled', error: { code: 'approval_expired', message: `Nobody approved the held run within ${approvalTimeoutHours} hours; nothing was applied.` } };
    if (cancelledBy) return cancelled();
    if (decisions.take() === 'reject') return { status: 'rejected', error: { code: 'rejected', message: 'A human rejected the held plan; nothing of it was applied.' } };
    // Approved: read and plan again; the new plan applies only if it deactivates nobody unseen.
    approvals += 1;
  }

  await moveTo('applying', { progress });
  for (const kind of ['account', 'manager', 'group'] satisfies PlanItemKind[]) {
    // Most scheduled runs change nothing: a pass with nothing to write costs no activity.
    if (toApply[kind] === 0) continue;
    for (;;) {
      if (cancelledBy) return cancelled();
      let batch;
      try {
        batch = await applyBatch({ syncId, tenantId, kind });
      } catch (error) {
        // A token revoked mid-run stops the run; what was applied stays recorded item by item.
        const stopped = runStopFor(failureType(error), true);
        if (!stopped) throw error;
        return { status: 'error', error: stopped };
      }
      progress.done += batch.done;
      await record({ progress });
      if (batch.remaining === 0) break;
    }
  }

  await moveTo('reporting');
  const { status } = await completeRun({ syncId, mode: 'apply' });
  return { status };
}

function rethrow(error: unknown): never {
  throw error;
}
