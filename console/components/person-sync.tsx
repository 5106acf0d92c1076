// "Sync now" for one person (POST /api/tenants/:id/people/:hrisId/sync): applied when the tenant
// is live, a dry-run preview before. While a run is open the button is disabled, saying which; a
// run opened meanwhile is the API's 409, shown in the form. The answer opens the person's trace.
import type { Role } from '../../api/tokens';
import type { TenantRow } from '../../common/tenants-repository';
import { Action } from './tenant-action';

interface PersonSyncProps {
  tenant: Pick<TenantRow, 'id' | 'stage' | 'active_sync_id'>;
  hrisId: string;
  role: Role;
  /** The person page's path, where the trace is shown. */
  personPath: string;
}

export function PersonSync({ tenant, hrisId, role, personPath }: PersonSyncProps) {
  if (role === 'viewer') return null;
  const live = tenant.stage === 'live';
  return (
    <div class="actions">
      <Action
        title={live ? 'Sync now' : 'Preview sync (dry run)'}
        stage={tenant.stage}
        op={live ? 'sync' : 'start_test'}
        unmet={tenant.active_sync_id ? `run ${tenant.active_sync_id} is still open; wait for it to finish` : undefined}
        action={`/api/tenants/${tenant.id}/people/${encodeURIComponent(hrisId)}/sync`}
        then={`${personPath}?trace={syncId}`}
        hint={live ? 'Reads this person alone from the HR system and applies what changed, in seconds; nobody else is touched.' : 'Reads this person alone and plans; writes nothing.'}
      />
    </div>
  );
}
