// A tenant's config: the form that records it whole (PUT /api/tenants/:id/config), the API's
// refusals beside their fields, and above it the warnings of the config in force (a schedule time
// a daylight-saving change skips or repeats), which a save brings up to date as the page reloads.
import type { Tenant } from '../../api/tenant-view';
import { allows, refusal } from '../../common/stages';
import { ConfigForm } from '../components/config-form';
import { Layout } from '../components/layout';
import { TenantEditNav } from '../components/tenant-edit-nav';
import type { PageContext } from '../render';

function ConfigWarnings({ warnings }: { warnings: Tenant['warnings'] }) {
  if (warnings.length === 0) return null;
  return (
    <section class="notice warning" aria-labelledby="config-warnings">
      <h2 id="config-warnings">Warnings</h2>
      <ul>
        {warnings.map(({ path, message }) => (
          <li key={`${path} ${message}`}>
            <code>{path}</code>: {message}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function TenantConfigPage({ ctx, tenant }: { ctx: PageContext; tenant: Tenant }) {
  return (
    <Layout ctx={ctx} title={`Config of ${tenant.name}`}>
      <TenantEditNav tenant={tenant} current="config" />
      {!tenant.config && <p>No config is recorded yet: kick-off cannot complete without one.</p>}
      <ConfigWarnings warnings={tenant.warnings} />
      {allows(tenant.stage, 'change_config') ? <ConfigForm tenantId={tenant.id} config={tenant.config} /> : <p class="notice">{refusal(tenant.stage, 'change_config')}</p>}
    </Layout>
  );
}
