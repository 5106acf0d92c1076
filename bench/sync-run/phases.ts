// Where a run's time went: each phase as the span of its activities in the workflow histories, and
// the SCIM server's own time for the requests that arrived within a span, which tells the fake
// platform's share of a phase from Roster's.
import type { ScimOperation } from '../../dev/scim-server';
import type { ActivitySpan, WorkflowScan } from './history';

export interface Span {
  from: number;
  to: number;
}

export const spanOf = (spans: ActivitySpan[]): Span | undefined =>
  spans.length === 0 ? undefined : { from: Math.min(...spans.map((s) => s.scheduledAt)), to: Math.max(...spans.map((s) => s.closedAt ?? NaN)) };
const length = (span: Span | undefined) => (span ? span.to - span.from : NaN);

export const activitiesOf = (scan: WorkflowScan, type: string) => scan.activities.filter((a) => a.type === type);

/** The SCIM server's own time for requests that arrived within a span. */
export function serverTime(operations: ScimOperation[], span: Span | undefined, filter: (op: ScimOperation) => boolean = () => true) {
  const within = span ? operations.filter((op) => op.at >= span.from && op.at <= span.to && filter(op)) : [];
  const times = within.map((op) => (op.doneAt ?? op.at) - op.at).sort((a, b) => a - b);
  const total = times.reduce((sum, t) => sum + t, 0);
  return { requests: within.length, totalMs: total, meanMs: times.length ? total / times.length : 0, p99Ms: times[Math.floor(times.length * 0.99)] ?? 0, maxMs: times.at(-1) ?? 0 };
}

/** Requests by method and resource: `GET /Users`, `PATCH /Groups`, … */
export const byMethod = (operations: ScimOperation[]) =>
  operations.reduce<Record<string, number>>((counts, op) => {
    const key = `${op.method} /${op.path.split('/')[1] ?? ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
    return counts;
  }, {});

/** The run workflow's phases in which the worker's memory is told apart. */
export function phaseWindows(run: WorkflowScan): Record<string, Span | undefined> {
  return {
    fetchDirectory: spanOf(activitiesOf(run, 'fetchDirectory')),
    fetchPlatform: spanOf(activitiesOf(run, 'fetchPlatform')),
    planRun: spanOf(activitiesOf(run, 'planRun')),
    apply: spanOf(activitiesOf(run, 'applyBatch')),
  };
}

/**
 * Each phase's time from the run workflow's history, and the SCIM server's own time within it.
 * The tenant workflow's activities count from a second before the request, never from before
 * `notBefore` (when the previous run was seen finished: its activities are not this run's).
 */
export function phasesOf(run: WorkflowScan, tenant: WorkflowScan, operations: ScimOperation[], requestedAt: number, notBefore = -Infinity) {
  const { fetchDirectory, fetchPlatform, planRun, apply } = phaseWindows(run);
  const report = spanOf(activitiesOf(run, 'completeRun'));
  const since = (type: string) => tenant.activities.filter((a) => a.type === type && a.scheduledAt >= Math.max(requestedAt - 1000, notBefore));
  const finish = spanOf(since('finishSyncRun'));
  const requested = spanOf(since('createSyncRun'));
  const ms = (span: Span | undefined) => Math.round(length(span));
  return {
    createSyncRunMs: ms(requested),
    runWorkflowMs: run.closedAt ? Math.round(run.closedAt - run.startedAt) : undefined,
    fetchDirectoryMs: ms(fetchDirectory),
    fetchPlatformMs: ms(fetchPlatform),
    planMs: ms(planRun),
    applyMs: ms(apply),
    applyBatches: activitiesOf(run, 'applyBatch').length,
    reportMs: ms(report),
    finishSyncRunMs: ms(finish),
    scim: {
      fetchPlatform: serverTime(operations, fetchPlatform),
      apply: serverTime(operations, apply),
    },
  };
}
