// What support can do to the tenant, in the order of its lifecycle: each action enabled as the
// stage table allows, the others disabled with its reason. Viewers see none; offboarding is the
// admin's, with the tenant's id typed to confirm.
import type { Tenant } from '../../api/tenant-view';
import type { Role } from '../../api/tokens';
import type { LinkMail } from '../data/tenant-page';
import { Input } from './form-fields';
import { Action, Reason } from './tenant-action';
import { TenantAuthorization } from './tenant-authorization';
import { WelcomeLater } from './welcome-later';

interface TenantActionsProps {
  tenant: Tenant;
  role: Role;
  linkMail?: LinkMail;
  neverWelcomed: number;
}

export function TenantActions({ tenant, role, linkMail, neverWelcomed }: TenantActionsProps) {
  if (role === 'viewer') return null;
  const { id, stage } = tenant;
  const api = `/api/tenants/${id}`;
  return (
    <section aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      <div class="actions">
        <Action title="Complete kick-off" stage={stage} op="complete_kickoff" unmet={tenant.config ? undefined : 'record the config first'} action={`${api}/kickoff/complete`} hint="The kick-off decisions are recorded; the tenant moves on to authorization.">
          <Reason form="kickoff" />
        </Action>
        <TenantAuthorization tenant={tenant} linkMail={linkMail} />
        <Action title="Revoke the key" stage={stage} op="revoke_key" method="DELETE" action={`${api}/credentials`} danger hint="The key is destroyed; what follows depends on the stage.">
          <Reason form="revoke" />
        </Action>
        <Action title="Start a test run" stage={stage} op="start_test" action={`${api}/test-runs`} then="/runs/{syncId}" hint="A dry run: it reads both sides and plans, and writes nothing." />
        <Action title="Approve the test" stage={stage} op="approve_test" action={`${api}/test/approve`} hint="Needs the latest test finished with success or warning, with the current config.">
          <Input id="approve-note" name="note" label="Note (optional)" />
        </Action>
        <Action title="Go live" stage={stage} op="go_live" action={`${api}/go-live`} hint="The initial load runs at that time (now when left empty); a newer request replaces a waiting one.">
          <div class="field">
            <label for="go-live-at">At (your time, optional)</label>
            {/* The script sends the viewer's wall-clock time as an ISO instant. */}
            <input id="go-live-at" name="at" type="datetime-local" data-type="datetime" />
          </div>
        </Action>
        <Action title="Sync now" stage={stage} op="sync" action={`${api}/syncs`} then="/runs/{syncId}" hint="An on-demand run, reading the whole directory." />
        <WelcomeLater tenantId={id} stage={stage} count={neverWelcomed} unmet={stage === 'ready' && tenant.goLive?.status !== 'failed' ? 'no account has been created yet: the initial load has not run' : undefined} />
        <Action title="Pause" stage={stage} op="pause" action={`${api}/pause`} hint="The schedule stops; an open run finishes.">
          <Reason form="pause" />
        </Action>
        <Action title="Resume" stage={stage} op="resume" action={`${api}/resume`} hint="The schedule runs again; needs a verified key.">
          <Reason form="resume" />
        </Action>
        {role === 'admin' && stage !== 'offboarded' && (
          <Action title="Offboard" stage={stage} op="offboard" method="DELETE" action={api} confirmValue={id} danger hint="For good: the schedule, links and keys go and the tenant's data is purged. Accounts on the platform stay.">
            <Reason form="offboard" />
            <div class="field">
              <label for="offboard-confirm">{`Type ${id} to confirm`}</label>
              {/* Checked by the script against the form's confirmValue, never sent. */}
              <input id="offboard-confirm" type="text" data-confirm="" required autocomplete="off" />
            </div>
          </Action>
        )}
      </div>
    </section>
  );
}
