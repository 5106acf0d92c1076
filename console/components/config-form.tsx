// A tenant's config as a form (docs/API.md "Config"), sent whole as PUT /api/tenants/:id/config.
// Scalar settings have their own inputs; the nested lists are JSON textareas named by their path,
// so a refusal of `include.exclude.0.field` lands beside `include.exclude`. The API checks it all.
import { IDENTITY_KEYS, STATUSES, type TenantConfig } from '../../common/tenant-config';
import { ApiForm } from './api-form';
import { ConfigListFields } from './config-form-lists';
import { Checkbox, Input, Select } from './form-fields';

const choices = (values: readonly string[]) => values.map((value) => ({ value, label: value }));
const listed = (values: readonly string[] | undefined) => values?.join(', ');

/** What a new config starts from: the schema's defaults and a nightly schedule. */
const starting = {
  statuses: ['active', 'onboarding'],
  cron: '0 2 * * *',
  jitterMinutes: 10,
  maxDeactivations: 25,
  maxDeactivationShare: 0.1,
  hypercareDays: 14,
};

export function ConfigForm({ tenantId, config }: { tenantId: string; config: TenantConfig | null }) {
  return (
    <ApiForm action={`/api/tenants/${tenantId}/config`} method="PUT" label="Config" class="stack edit-form">
      <fieldset>
        <legend>Who is synced</legend>
        <Select
          name="identityKey"
          label="Identity key"
          required
          placeholder="Choose the identity key"
          options={choices(IDENTITY_KEYS)}
          value={config?.identityKey}
          hint="The HR system's value that becomes the user name. It cannot change after go-live."
        />
        <Input name="include.statuses" label="Statuses synced" as="lines" required value={listed(config?.include.statuses ?? starting.statuses)} hint={`Separated by commas: ${STATUSES.join(', ')}.`} />
      </fieldset>
      <fieldset>
        <legend>What is written</legend>
        <ConfigListFields config={config} />
        <Checkbox name="inviteNewUsers" label="Invite new users" checked={config?.inviteNewUsers ?? false} hint="Accounts a run creates get the platform's welcome e-mail (never in a test)." />
        <Checkbox name="adoptExistingAccounts" label="Adopt existing accounts" checked={config?.adoptExistingAccounts ?? false} hint="At the initial load, an account the platform already has with the person's user name is taken over rather than skipped (the usual single sign-on case)." />
        <Checkbox
          name="requireWorkEmail"
          label="Require a work e-mail to create an account"
          checked={config?.requireWorkEmail ?? false}
          hint="For an identity key other than the work e-mail: a person without one gets no new account and is listed in errors.csv as missing_email."
        />
        <Input
          name="anonymiseAfterDays"
          label="Anonymise deactivated accounts after (days)"
          type="number"
          as="number"
          value={config?.anonymiseAfterDays}
          hint="Empty: never. From 7 to 3650: an account Roster deactivated that long ago, and still inactive, has its profile replaced with neutral values (names, e-mail, user name, mapped attributes); Roster forgets the person too. A rehire gets the account back."
        />
        <Checkbox
          name="adoptExistingGroups"
          label="Adopt existing groups"
          checked={config?.adoptExistingGroups ?? false}
          hint="At the initial load, a platform group without an external id that has a planned group's name is taken over (stamped and linked) rather than doubled. Also on when existing accounts are adopted."
        />
      </fieldset>
      <fieldset>
        <legend>Schedule</legend>
        <Input name="schedule.cron" label="When (cron)" required value={config?.schedule.cron ?? starting.cron} hint={`Five fields on the tenant's clock, e.g. "0 2 * * *" for 02:00 every day.`} />
        <Input name="schedule.timezone" label="Timezone" required value={config?.schedule.timezone} hint="An IANA name such as Australia/Sydney, Europe/Paris or UTC." />
        <Input name="schedule.jitterMinutes" label="Spread (minutes)" type="number" as="number" value={config?.schedule.jitterMinutes ?? starting.jitterMinutes} hint="Each run starts up to this many minutes late, so tenants do not all start at once." />
      </fieldset>
      <fieldset>
        <legend>Safety</legend>
        <Input name="safety.maxDeactivations" label="Deactivations before a run is held" type="number" as="number" value={config?.safety.maxDeactivations ?? starting.maxDeactivations} />
        <Input
          name="safety.maxDeactivationShare"
          label="Share of active accounts before a run is held"
          type="number"
          as="number"
          step="any"
          value={config?.safety.maxDeactivationShare ?? starting.maxDeactivationShare}
          hint="A fraction: 0.1 holds a run that would deactivate more than 10 % of the active accounts."
        />
        <Input name="hypercareDays" label="Hypercare (days after go-live)" type="number" as="number" value={config?.hypercareDays ?? starting.hypercareDays} hint="For this long after go-live, the support contact gets every run's summary too." />
      </fieldset>
      <fieldset>
        <legend>Notifications</legend>
        <Input name="notifications.errorsTo" label="Errors to" as="lines" required value={listed(config?.notifications.errorsTo)} hint="E-mail addresses, separated by commas: who hears of failed and held runs." />
        <Input name="notifications.summaryTo" label="Summaries to" as="lines" value={listed(config?.notifications.summaryTo)} hint="E-mail addresses, separated by commas: who gets every run's summary." />
      </fieldset>
      <button type="submit">Save the config</button>
    </ApiForm>
  );
}
