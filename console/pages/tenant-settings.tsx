// A tenant's settings after creation: name, contacts, the HR system's and the platform's settings,
// sent whole as PATCH /api/tenants/:id (a merge patch: an unchanged value changes nothing, an
// emptied optional one is sent as null and removed). The HR system and the platform's kind stay.
import type { Tenant } from '../../api/tenant-view';
import { afterGoLive, allows, refusal } from '../../common/stages';
import { ApiForm, Field } from '../components/api-form';
import { HrisSettingsFields } from '../components/hris-settings-fields';
import { Layout } from '../components/layout';
import { ContactsFields, PlatformSettingsFields } from '../components/platform-fields';
import { TenantEditNav } from '../components/tenant-edit-nav';
import type { HrisSettingsForm } from '../data/tenant-edit';
import type { PageContext } from '../render';

interface TenantSettingsPageProps {
  ctx: PageContext;
  tenant: Tenant;
  hrisForm: HrisSettingsForm | undefined;
}

export function TenantSettingsPage({ ctx, tenant, hrisForm }: TenantSettingsPageProps) {
  const { credential: _credential, ...hris } = tenant.hris;
  return (
    <Layout ctx={ctx} title={`Settings of ${tenant.name}`}>
      <TenantEditNav tenant={tenant} current="settings" />
      {!allows(tenant.stage, 'change_settings') ? (
        <p class="notice">{refusal(tenant.stage, 'change_settings')}</p>
      ) : (
        <ApiForm action={`/api/tenants/${tenant.id}`} method="PATCH" then={`/tenants/${tenant.id}`} label="Settings" class="stack edit-form">
          <fieldset>
            <legend>The customer</legend>
            <Field name="name" label="Name" value={tenant.name} required />
            <ContactsFields contacts={tenant.contacts} removable />
          </fieldset>
          <fieldset>
            <legend>{`HR system: ${hrisForm?.name ?? tenant.hris.provider}`}</legend>
            {hrisForm && <HrisSettingsFields form={hrisForm} settings={hris} />}
          </fieldset>
          <fieldset>
            <legend>Platform</legend>
            <PlatformSettingsFields platform={tenant.platform} sandboxOpen={!afterGoLive.includes(tenant.stage)} />
          </fieldset>
          <Field name="reason" label="Why (optional)" hint="Kept in the tenant's history with the names of the fields changed, never their values." />
          <button type="submit">Save the settings</button>
        </ApiForm>
      )}
    </Layout>
  );
}
