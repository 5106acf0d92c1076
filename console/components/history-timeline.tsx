// The tenant's history as a timeline, newest first: who did what, when, from which stage to
// which, why, and for config and settings changes the dotted paths they touched (never a value).
import type { HistoryEntry } from '../../api/tenant-history';
import { StageLabel } from './stage-label';
import { Time } from './time';

// What support calls each recorded action; one not listed is shown in words made from its id.
const actionLabels: Record<string, string> = {
  created: 'Tenant created',
  kickoff_completed: 'Kick-off completed',
  config_changed: 'Config changed',
  settings_changed: 'Settings changed',
  authorization_link_issued: 'Authorization link issued',
  credential_verified: 'Key verified',
  credential_replaced: 'Key replaced',
  credential_rejected: 'Key rejected',
  credential_revoked: 'Key revoked',
  test_approved: 'Test approved',
  go_live_scheduled: 'Go-live requested',
  initial_load_started: 'Initial load started',
  go_live_failed: 'Go-live failed',
  went_live: 'Went live',
  paused: 'Paused',
  resumed: 'Resumed',
  offboarded: 'Offboarded',
  scheduled_run_skipped: 'Scheduled run skipped',
  run_approved: 'Held run approved',
  run_rejected: 'Held run rejected',
  run_cancelled: 'Run cancelled',
  welcomes_sent: 'Welcome sent later',
};

export const actionLabel = (action: string): string => actionLabels[action] ?? `${action.charAt(0).toUpperCase()}${action.slice(1).replaceAll('_', ' ')}`;

function Entry({ entry }: { entry: HistoryEntry }) {
  return (
    <li class="timeline-entry">
      <p class="timeline-what">
        <strong>{actionLabel(entry.action)}</strong>
        {entry.to && (
          <span class="timeline-move">
            {' '}
            {entry.from ? (
              <>
                from <StageLabel stage={entry.from} /> to <StageLabel stage={entry.to} />
              </>
            ) : (
              <>
                into <StageLabel stage={entry.to} />
              </>
            )}
          </span>
        )}
      </p>
      <p class="timeline-who">
        <Time at={entry.at} /> by <span class="actor">{entry.actor}</span>
      </p>
      {entry.reason && <p class="timeline-reason">“{entry.reason}”</p>}
      {entry.changes && entry.changes.length > 0 && (
        <p class="timeline-changes">
          Changed: <code>{entry.changes.join(', ')}</code>
        </p>
      )}
      {entry.syncId && (
        <p>
          <a href={`/runs/${entry.syncId}`}>Open the run</a>
        </p>
      )}
    </li>
  );
}

interface HistoryTimelineProps {
  entries: HistoryEntry[];
  /** The page's own address without a history cursor, for "Newest entries". */
  base: string;
  cursor?: string;
  nextCursor: string | null;
}

export function HistoryTimeline({ entries, base, cursor, nextCursor }: HistoryTimelineProps) {
  return (
    <>
      <ol class="timeline">
        {entries.map((entry) => (
          <Entry key={`${entry.at}-${entry.action}`} entry={entry} />
        ))}
      </ol>
      <nav class="pager" aria-label="History pages">
        {cursor && <a href={`${base}#history`}>Newest entries</a>}
        {nextCursor && <a href={`${base}?historyCursor=${encodeURIComponent(nextCursor)}#history`}>Older entries</a>}
      </nav>
    </>
  );
}
