// A run's status as a badge: Success, Warning, Error, Held or Running (with its progress). The
// word carries the meaning; the colour only repeats it.
import type { SyncStatus } from '../../common/sync-run';

const badges: Record<SyncStatus, { label: string; tone: string }> = {
  success: { label: 'Success', tone: 'good' },
  warning: { label: 'Warning', tone: 'warn' },
  error: { label: 'Error', tone: 'bad' },
  awaiting_approval: { label: 'Held', tone: 'held' },
  running: { label: 'Running', tone: 'busy' },
  rejected: { label: 'Rejected', tone: 'quiet' },
  cancelled: { label: 'Cancelled', tone: 'quiet' },
};

export function RunBadge({ status, done, total }: { status: SyncStatus; done?: number; total?: number }) {
  const { label, tone } = badges[status];
  const progress = status === 'running' && total ? ` ${Math.floor(((done ?? 0) / total) * 100)} %` : '';
  return <span class={`badge ${tone}`}>{`${label}${progress}`}</span>;
}
