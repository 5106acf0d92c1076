// The way back from a tenant's settings or config page to the tenant, and between the two.
import type { Tenant } from '../../api/tenant-view';

export function TenantEditNav({ tenant, current }: { tenant: Pick<Tenant, 'id' | 'name'>; current: 'settings' | 'config' }) {
  const base = `/tenants/${tenant.id}`;
  return (
    <nav class="tenant-edit-nav" aria-label="Tenant">
      <a href={base}>{`Back to ${tenant.name}`}</a>
      <a href={`${base}/settings`} aria-current={current === 'settings' ? 'page' : undefined}>
        Settings
      </a>
      <a href={`${base}/config`} aria-current={current === 'config' ? 'page' : undefined}>
        Config
      </a>
    </nav>
  );
}
