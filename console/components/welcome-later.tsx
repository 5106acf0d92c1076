// Sending the welcome later (issue 19), from the tenant page (everyone never welcomed) or a run's
// page (the accounts that run created). Support types how many to confirm; the answer's summary
// (how many were queued, who was left out and why) is shown in place.
import type { Stage } from '../../common/stages';
import { Action, Reason } from './tenant-action';

interface WelcomeLaterProps {
  tenantId: string;
  stage: Stage;
  /** Managed accounts never welcomed that this send is for. */
  count: number;
  /** The run whose created accounts are welcomed; the whole tenant when absent. */
  syncId?: string;
  /** A rule beyond the stage that refuses it (before go-live, no account yet). */
  unmet?: string;
}

export function WelcomeLater({ tenantId, stage, count, syncId, unmet }: WelcomeLaterProps) {
  const form = syncId ? 'run-welcome' : 'welcome';
  const whom = syncId ? 'the accounts this run created' : 'accounts Roster manages';
  return (
    <Action
      title={syncId ? 'Send welcome to the accounts this run created' : 'Send welcome to those never invited'}
      stage={stage}
      op="send_welcomes"
      unmet={unmet ?? (count === 0 ? `every one of ${whom} has been welcomed` : undefined)}
      action={`/api/tenants/${tenantId}/welcomes`}
      show="summary"
      confirmValue={String(count)}
      hint={`${count} of ${whom} ${count === 1 ? 'has' : 'have'} never had a welcome e-mail. Each person gets one at most, at their account's work e-mail; those without one, or deactivated, are left out.`}
    >
      {syncId && <input type="hidden" name="syncId" value={syncId} />}
      <Reason form={form} />
      <div class="field">
        <label for={`${form}-confirm`}>{`Type ${count} to send up to ${count} ${count === 1 ? 'welcome' : 'welcomes'}`}</label>
        {/* Checked by the script against the form's confirmValue, never sent. */}
        <input id={`${form}-confirm`} type="text" data-confirm="" required autocomplete="off" />
      </div>
      <div class="shown-once" data-shown tabIndex={-1} hidden>
        <output id={`${form}-result`} aria-label="What was sent" />
      </div>
    </Action>
  );
}
