// The tenant's latest runs, newest first, each linking to its run page.
import type { SyncRun } from '../../api/sync-view';
import { triggerLabels } from '../../common/run-words';
import { RunBadge } from './run-badge';
import { Time } from './time';

export function TenantRuns({ runs, activeSyncId }: { runs: SyncRun[]; activeSyncId?: string }) {
  return (
    <section aria-labelledby="runs-heading">
      <h2 id="runs-heading">Latest runs</h2>
      {runs.length === 0 ? (
        <p class="muted">No run yet.</p>
      ) : (
        <ul class="runs">
          {runs.map((run) => (
            <li key={run.id}>
              <a href={`/runs/${run.id}`}>
                <RunBadge status={run.status} done={run.progress.done} total={run.progress.total} /> {triggerLabels[run.trigger]}
                {run.mode === 'dry_run' && run.trigger !== 'test' && ' (dry run)'}
              </a>{' '}
              <span class="muted">
                started <Time at={run.startedAt} />
              </span>
              {run.id === activeSyncId && <span class="muted"> — open now</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
