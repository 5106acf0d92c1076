// Where to go from a tenant: its people, the demo directory of a demo tenant, its workflows in the
// Temporal UI, and (for support) the pages that edit its settings and its config.
import { RosterTenantId } from '../../common/search-attributes';
import type { PageContext } from '../render';

/** The Temporal UI's list of this tenant's workflows, filtered by its search attribute. */
export const temporalWorkflowsUrl = (temporalUiUrl: string, tenantId: string) =>
  `${temporalUiUrl}/namespaces/default/workflows?query=${encodeURIComponent(`${RosterTenantId.name}="${tenantId}"`)}`;

export function TenantLinks({ ctx, tenantId, offboarded, demo }: { ctx: PageContext; tenantId: string; offboarded: boolean; demo: boolean }) {
  const edits = ctx.caller.role !== 'viewer' && !offboarded;
  return (
    <ul class="links" aria-label="Tenant links">
      <li>
        <a href={`/tenants/${tenantId}/people`}>Find a person</a>
      </li>
      {demo && !offboarded && (
        <li>
          <a href={`/tenants/${tenantId}/demo`}>Demo directory: hire, change and terminate people</a>
        </li>
      )}
      {ctx.temporalUiUrl && (
        <li>
          <a href={temporalWorkflowsUrl(ctx.temporalUiUrl, tenantId)}>Workflows in the Temporal UI</a>
        </li>
      )}
      {edits && (
        <li>
          <a href={`/tenants/${tenantId}/settings`}>Edit settings</a>
        </li>
      )}
      {edits && (
        <li>
          <a href={`/tenants/${tenantId}/config`}>Edit config</a>
        </li>
      )}
    </ul>
  );
}
