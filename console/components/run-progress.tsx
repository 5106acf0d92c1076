// The run's progress bar and phase. While the run is open, console/browser/progress.ts follows it
// through the API and moves them, and reloads the page once the status changes.
import type { SyncRun } from '../../api/sync-view';
import { phaseLabels, progressText } from '../../common/run-words';

export function RunProgress({ run }: { run: SyncRun }) {
  const { done, total } = run.progress;
  return (
    <div class="run-progress" data-run-progress="" data-sync-id={run.id} data-status={run.status}>
      <p>
        <span class="fact-label">Phase:</span> <span data-run-phase="">{phaseLabels[run.phase]}</span>
      </p>
      <label for="run-progress-bar">Progress</label>
      {/* Without a total yet, the bar is indeterminate rather than falsely empty. */}
      <progress id="run-progress-bar" max={total || undefined} value={total ? done : undefined} aria-describedby="run-progress-text" />{' '}
      <span id="run-progress-text" data-run-progress-text="">
        {progressText(done, total)}
      </span>
    </div>
  );
}
