// A run's facts: its tenant, trigger, mode, status, who asked, when, how it ended, the decision
// taken on it, and where its workflow is in the Temporal UI.
import type { SyncRun } from '../../api/sync-view';
import type { TenantRow } from '../../common/tenants-repository';
import { syncWorkflowId } from '../../common/workflow-ids';
import { RunBadge } from './run-badge';
import { modeLabels, triggerLabels } from '../../common/run-words';
import { Time } from './time';

const decisionWords = { approve: 'Approved', reject: 'Rejected', cancel: 'Cancelled' } as const;

export function RunDecision({ decision }: { decision: NonNullable<SyncRun['decision']> }) {
  return (
    <section aria-labelledby="decision-heading" class="run-decision">
      <h2 id="decision-heading">Decision</h2>
      <p>
        {decisionWords[decision.action]} by <strong>{decision.actor}</strong>, <Time at={decision.at} />.
      </p>
      {decision.note ? <blockquote class="note">{decision.note}</blockquote> : <p class="muted">No note was given.</p>}
    </section>
  );
}

export function RunSummary({ run, tenant, temporalUiUrl }: { run: SyncRun; tenant: Pick<TenantRow, 'id' | 'name'>; temporalUiUrl?: string }) {
  return (
    <dl class="run-facts">
      <dt>Tenant</dt>
      <dd>
        <a href={`/tenants/${tenant.id}`}>{tenant.name}</a>
      </dd>
      <dt>Status</dt>
      <dd>
        <RunBadge status={run.status} done={run.progress.done} total={run.progress.total} />
      </dd>
      <dt>Trigger</dt>
      <dd>
        {triggerLabels[run.trigger]} <span class="muted">(asked by {run.requestedBy})</span>
      </dd>
      <dt>Mode</dt>
      <dd>
        {modeLabels[run.mode]}
        {run.read === 'incremental' && ', reading only the people who changed'}
      </dd>
      <dt>Platform</dt>
      <dd>{run.target === 'sandbox' ? 'The sandbox (not production)' : 'Production'}</dd>
      <dt>Started</dt>
      <dd>
        <Time at={run.startedAt} />
      </dd>
      <dt>Finished</dt>
      <dd>{run.finishedAt ? <Time at={run.finishedAt} /> : <span class="muted">Not yet</span>}</dd>
      {run.error && (
        <>
          <dt>Stopped because</dt>
          <dd class="problems">{run.error.message}</dd>
        </>
      )}
      {temporalUiUrl && (
        <>
          <dt>Workflow</dt>
          <dd>
            <a href={`${temporalUiUrl}/namespaces/default/workflows/${syncWorkflowId(run.id)}`}>Open in the Temporal UI</a>
          </dd>
        </>
      )}
      <dt>Run id</dt>
      <dd class="mono">{run.id}</dd>
    </dl>
  );
}
