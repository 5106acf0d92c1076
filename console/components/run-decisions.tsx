// Approve, reject or cancel an open run: forms the console's script sends to the API itself
// (POST /api/syncs/:syncId/approve|reject|cancel), so the run's workflow decides and refuses.
// Approve and reject are for a held run; an open run may always be cancelled.
import type { SyncRun } from '../../api/sync-view';
import { ApiForm } from './api-form';

const decisions = [
  { op: 'approve', button: 'Approve', field: 'note', label: 'Note for the approval', held: true, hint: 'Why the deactivations are right, e.g. "HR confirmed the leavers".' },
  { op: 'reject', button: 'Reject', field: 'note', label: 'Note for the rejection', held: true, hint: 'Why the run must not apply; nothing is written.' },
  { op: 'cancel', button: 'Cancel run', field: 'reason', label: 'Reason to cancel', held: false, hint: 'The run stops where it is.' },
] as const;

export function RunDecisions({ run }: { run: Pick<SyncRun, 'id' | 'status'> }) {
  const held = run.status === 'awaiting_approval';
  return (
    <div class="decisions">
      {decisions
        .filter((decision) => held || !decision.held)
        .map(({ op, button, field, label, hint }) => (
          <ApiForm key={op} action={`/api/syncs/${run.id}/${op}`} label={button} class="stack decision">
            <label for={`${op}-${field}`}>{label}</label>
            <p id={`${op}-${field}-hint`} class="hint">
              {hint}
            </p>
            <textarea id={`${op}-${field}`} name={field} maxLength={500} aria-describedby={`${op}-${field}-hint`} />
            <button type="submit" class={op === 'approve' ? undefined : op === 'reject' ? 'danger' : 'secondary'}>
              {button}
            </button>
          </ApiForm>
        ))}
    </div>
  );
}
