// Create a tenant: its id and name, where its directory comes from, where its accounts go, and
// who hears about it. Sent as POST /api/tenants; the API's refusals land beside their fields.
import { ApiForm, Field } from '../components/api-form';
import { HrisProviderChoice } from '../components/hris-settings-fields';
import { Layout } from '../components/layout';
import { ContactsFields, NewPlatformFields } from '../components/platform-fields';
import type { HrisSettingsForm } from '../data/tenant-edit';
import type { PageContext } from '../render';

export function NewTenantPage({ ctx, hrisForms }: { ctx: PageContext; hrisForms: HrisSettingsForm[] }) {
  return (
    <Layout ctx={ctx} title="New tenant">
      <p>The tenant starts in kick-off, with no config: record it on the tenant's page next.</p>
      <ApiForm action="/api/tenants" method="POST" then="/tenants/{id}" label="New tenant" class="stack edit-form">
        <fieldset>
          <legend>The customer</legend>
          <Field name="id" label="Tenant id" required hint='Lower-case letters, digits and dashes, e.g. "acme-corp". It never changes and is never used again.' />
          <Field name="name" label="Name" required hint="The customer's name as support says it." />
        </fieldset>
        <fieldset>
          <legend>HR system</legend>
          <HrisProviderChoice forms={hrisForms} />
        </fieldset>
        <fieldset>
          <legend>Platform</legend>
          <NewPlatformFields />
        </fieldset>
        <fieldset>
          <legend>Contacts</legend>
          <ContactsFields />
        </fieldset>
        <button type="submit">Create the tenant</button>
      </ApiForm>
    </Layout>
  );
}
