// The worker process's figures, one registry per process however many workers it runs (the tests
// run several): the activities call the functions below where the work happens, and the worker's
// metrics port (./worker-server.ts) serves them with the Temporal SDK's own.
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Stage } from '../../common/stages';
import type { FinalStatus, SyncTrigger } from '../../common/sync-run';
import { appliedActions, labelValues, workerCatalogue as named, type AppliedAction, type HoldEnd, type OutboundProvider } from './catalogue';

export const workerRegistry = new Registry();
collectDefaultMetrics({ register: workerRegistry });

const registers = [workerRegistry];
const runsStarted = new Counter({ ...named.runsStarted, registers });
const runsFinished = new Counter({ ...named.runsFinished, registers });
const runDuration = new Histogram({ ...named.runDuration, registers });
const runsHeld = new Counter({ ...named.runsHeld, registers });
const holdWait = new Histogram({ ...named.holdWait, registers });
const itemsApplied = new Counter({ ...named.itemsApplied, registers });
const firesSkipped = new Counter({ ...named.scheduledFiresSkipped, registers });
const outboundRequests = new Counter({ ...named.outboundRequests, registers });
const outboundRateLimited = new Counter({ ...named.outboundRateLimited, registers });
const outboundDuration = new Histogram({ ...named.outboundDuration, registers });

// Series an alert divides or rates exist from the start, at 0, rather than appearing with the first event.
for (const trigger of labelValues.trigger) {
  runsStarted.inc({ trigger }, 0);
  for (const status of labelValues.status) runsFinished.inc({ trigger, status }, 0);
}
for (const provider of labelValues.provider) outboundRateLimited.inc({ provider }, 0);

const knownActions = new Set<string>(appliedActions);

/** A finished run's sync_runs row, as the finish returns it. */
export interface FinishedRunRow {
  trigger: SyncTrigger;
  started_at: Date;
  held_at: Date | null;
}

const secondsBetween = (from: Date, to: string) => Math.max(0, (Date.parse(to) - from.getTime()) / 1000);

export const workerMetrics = {
  runStarted(trigger: SyncTrigger): void {
    runsStarted.inc({ trigger });
  },

  /** A run's final status recorded, with its row as stored; a run held until the approval timeout ends its wait too. */
  runFinished(run: FinishedRunRow | undefined, outcome: { status: FinalStatus; error?: { code: string }; at: string }): void {
    if (!run) return;
    const labels = { trigger: run.trigger, status: outcome.status };
    runsFinished.inc(labels);
    runDuration.observe(labels, secondsBetween(run.started_at, outcome.at));
    if (outcome.error?.code === 'approval_expired') this.holdEnded('expired', run.held_at, outcome.at);
  },

  runHeld(): void {
    runsHeld.inc();
  },

  /** A held run's wait ends (`heldAt` null: the run was not held, as with a cancel while it reads). */
  holdEnded(endedBy: HoldEnd, heldAt: Date | null | undefined, at: string): void {
    if (heldAt) holdWait.observe({ ended_by: endedBy }, secondsBetween(heldAt, at));
  },

  /** A plan_items row's action as stored; one Roster does not know is counted as `other`. */
  itemApplied(action: string, result: 'done' | 'failed'): void {
    itemsApplied.inc({ action: knownActions.has(action) ? (action as AppliedAction) : 'other', result });
  },

  scheduledFireSkipped(stage: Stage): void {
    firesSkipped.inc({ stage });
  },

  outboundAnswered(provider: OutboundProvider, status: number | 'error', seconds: number): void {
    outboundRequests.inc({ provider, status: String(status) });
    if (status === 429) outboundRateLimited.inc({ provider });
    outboundDuration.observe({ provider }, seconds);
  },
};
