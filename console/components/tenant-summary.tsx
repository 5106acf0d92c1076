// The tenant at a glance: its HR system and platform, contacts, the key's state, the schedule and
// its next run (the viewer's time, the tenant's beside it), go-live and hypercare, and the
// config's warnings (a schedule time a daylight-saving change skips or repeats).
import { hrisDescriptor } from '../../activities/hris/registry';
import type { Tenant } from '../../api/tenant-view';
import { Time } from './time';

const platformNames: Record<Tenant['platform']['kind'], string> = { scim: 'SCIM platform', demo: 'Demo platform' };

function KeyState({ credential }: { credential: Tenant['hris']['credential'] }) {
  if (credential.status === 'verified') return <>Verified {credential.verifiedAt && <Time at={credential.verifiedAt} />}</>;
  if (credential.status === 'rejected') return <span class="problem">Rejected by the HR system: a new key is needed</span>;
  return <span class="muted">No key yet</span>;
}

function Schedule({ tenant }: { tenant: Tenant }) {
  const schedule = tenant.schedule ?? tenant.config?.schedule;
  if (!schedule) return <span class="muted">Set in the config</span>;
  return (
    <>
      <code>{schedule.cron}</code> in {schedule.timezone}
      {tenant.schedule?.paused && <span class="muted"> (not running while the tenant is not live)</span>}
      {tenant.schedule?.nextRunAt && (
        <div>
          Next run: <Time at={tenant.schedule.nextRunAt} zone={schedule.timezone} />
        </div>
      )}
      {!tenant.schedule && <div class="muted">Runs start once the tenant is live.</div>}
    </>
  );
}

function GoLive({ tenant, liveSince }: { tenant: Tenant; liveSince: Date | null }) {
  const { goLive } = tenant;
  if (goLive?.status === 'scheduled') return <>Requested for <Time at={goLive.at} /></>;
  if (goLive?.status === 'loading') return <>The initial load is running{goLive.syncId && <> (<a href={`/runs/${goLive.syncId}`}>the run</a>)</>}</>;
  if (goLive?.status === 'failed') return <span class="problem">{`Failed: ${goLive.reason ?? 'see the run'}`}</span>;
  if (liveSince) return <>Live since <Time at={liveSince} /></>;
  return <span class="muted">Pending</span>;
}

export function TenantSummary({ tenant, liveSince }: { tenant: Tenant; liveSince: Date | null }) {
  const { contacts } = tenant;
  return (
    <section aria-labelledby="summary-heading" class="summary">
      <h2 id="summary-heading">Summary</h2>
      <dl class="facts">
        <dt>HR system</dt>
        <dd>{hrisDescriptor(tenant.hris.provider)?.name ?? tenant.hris.provider}</dd>
        <dt>Platform</dt>
        <dd>{platformNames[tenant.platform.kind]}</dd>
        <dt>HRIS admin</dt>
        <dd>{contacts.hrisAdminEmail ?? <span class="muted">Not set</span>}</dd>
        <dt>Support contact</dt>
        <dd>{contacts.supportEmail ?? <span class="muted">Not set</span>}</dd>
        <dt>Key</dt>
        <dd>
          <KeyState credential={tenant.hris.credential} />
        </dd>
        <dt>Schedule</dt>
        <dd>
          <Schedule tenant={tenant} />
        </dd>
        <dt>Go-live</dt>
        <dd>
          <GoLive tenant={tenant} liveSince={liveSince} />
        </dd>
        <dt>Hypercare ends</dt>
        <dd>{tenant.hypercareUntil ? <Time at={tenant.hypercareUntil} /> : <span class="muted">After go-live</span>}</dd>
      </dl>
      {tenant.warnings.length > 0 && (
        <div class="notice">
          <p>The config has warnings:</p>
          <ul>
            {tenant.warnings.map(({ path, message }) => (
              <li key={path}>
                <code>{path}</code>: {message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
