// A run page follows its run while it is open: every 2 s it asks the API for the run (with the
// session cookie) and moves the progress bar, its text and the phase; once the status changes
// (approved, ended), the page reloads to show what the run became.
import { openStatuses, phaseLabels, progressText } from '../../common/run-words';
import type { SyncPhase, SyncStatus } from '../../common/sync-run';

const everyMs = 2000;

interface RunAnswer {
  status: SyncStatus;
  phase: SyncPhase;
  progress: { done: number; total: number };
}

function show(root: HTMLElement, run: RunAnswer): void {
  const bar = root.querySelector('progress');
  if (bar && run.progress.total > 0) {
    bar.max = run.progress.total;
    bar.value = run.progress.done;
  }
  const text = root.querySelector('[data-run-progress-text]');
  if (text) text.textContent = progressText(run.progress.done, run.progress.total);
  const phase = root.querySelector('[data-run-phase]');
  if (phase) phase.textContent = phaseLabels[run.phase] ?? run.phase;
}

export function runProgress(document: Document): void {
  const root = document.querySelector<HTMLElement>('[data-run-progress]');
  const { syncId, status } = root?.dataset ?? {};
  if (!root || !syncId || !openStatuses.includes(status as SyncStatus)) return;
  const poll = async () => {
    try {
      const response = await fetch(`/api/syncs/${encodeURIComponent(syncId)}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (response.ok) {
        const run = (await response.json()) as RunAnswer;
        if (run.status !== status) return window.location.reload();
        show(root, run);
      }
    } catch {
      // A moment without the network: the next poll tries again.
    }
    window.setTimeout(() => void poll(), everyMs);
  };
  window.setTimeout(() => void poll(), everyMs);
}
