// The platform's settings and the tenant's contacts, on the create form and the settings form.
// The SCIM token is a password field, filled by no one but the person typing it: it is only ever
// sent, never shown, and the settings form leaves it empty (empty keeps the token in use).
import type { Tenant } from '../../api/tenant-view';
import { Input, Select, ShownWhen } from './form-fields';

const loginUrlHint = 'Optional: the page where people sign in to the platform, quoted in welcome e-mails.';
const sandboxHint = "The customer's sandbox of the same platform: tests and trial loads write there until go-live, whose initial load writes to production.";

/** The create form's platform: SCIM (address and token) or the demo platform. */
export function NewPlatformFields() {
  return (
    <>
      <Select
        name="platform.kind"
        label="Platform"
        value="scim"
        options={[
          { value: 'scim', label: 'A SCIM platform' },
          { value: 'demo', label: 'The demo platform' },
        ]}
        hint="Where the accounts are kept. It cannot change later: the accounts are linked to it."
      />
      <ShownWhen field="platform.kind" equals="scim" shown>
        <Input name="platform.baseUrl" label="SCIM address (base URL)" type="url" required hint="E.g. https://platform.example/scim/v2" />
        <Input name="platform.token" label="SCIM token" type="password" autocomplete="off" required hint="Checked by the platform as it is used; never shown again." />
        <Input name="platform.sandbox.baseUrl" label="Sandbox SCIM address (optional)" type="url" hint={sandboxHint} />
        <Input name="platform.sandbox.token" label="Sandbox SCIM token" type="password" autocomplete="off" hint="With a sandbox address only; never shown again." />
      </ShownWhen>
      <Input name="platform.loginUrl" label="Sign-in page (login URL)" type="url" hint={loginUrlHint} />
    </>
  );
}

/**
 * The settings form's platform: its kind stays; an emptied optional field goes back to its default.
 * The sandbox can change only before go-live (`sandboxOpen`); after it, every run goes to production.
 */
export function PlatformSettingsFields({ platform, sandboxOpen }: { platform: Tenant['platform']; sandboxOpen: boolean }) {
  if (platform.kind === 'demo') {
    return (
      <>
        <p>The demo platform.</p>
        <Input name="platform.loginUrl" label="Sign-in page (login URL)" type="url" value={platform.loginUrl} removable hint={loginUrlHint} />
      </>
    );
  }
  return (
    <>
      <p>A SCIM platform.</p>
      <Input name="platform.baseUrl" label="SCIM address (base URL)" type="url" required value={platform.baseUrl} hint="A new address needs a new token in the same change." />
      <Input
        name="platform.token"
        label="New SCIM token"
        type="password"
        autocomplete="off"
        hint="Optional: leave empty to keep the token in use. A new one is checked with the platform before it replaces the old one, which is then destroyed."
      />
      <Input name="platform.loginUrl" label="Sign-in page (login URL)" type="url" value={platform.loginUrl} removable hint={loginUrlHint} />
      <Input name="platform.maxRequestsPerSecond" label="Requests per second at most" type="number" as="number" step="any" value={platform.maxRequestsPerSecond} removable hint="Empty: the default, 10." />
      <Input name="platform.concurrency" label="Requests at once at most" type="number" as="number" value={platform.concurrency} removable hint="Empty: the default, 4." />
      {sandboxOpen ? (
        <>
          <Input name="platform.sandbox.baseUrl" label="Sandbox SCIM address (optional)" type="url" value={platform.sandbox?.baseUrl} hint={sandboxHint} />
          <Input
            name="platform.sandbox.token"
            label="New sandbox SCIM token"
            type="password"
            autocomplete="off"
            hint="Needed for a new sandbox or a new sandbox address; checked with the sandbox before it is kept."
          />
        </>
      ) : (
        platform.sandbox && <p>{`Sandbox: ${platform.sandbox.baseUrl}. Since go-live every run writes to production.`}</p>
      )}
    </>
  );
}

/** Who hears about the tenant; on the settings form an emptied contact is removed. */
export function ContactsFields({ contacts = {}, removable }: { contacts?: Tenant['contacts']; removable?: boolean }) {
  return (
    <>
      <Input
        name="contacts.hrisAdminEmail"
        label="HR admin's e-mail"
        type="email"
        value={contacts.hrisAdminEmail}
        removable={removable}
        hint="Optional: the customer's HR admin, who is e-mailed the authorization link."
      />
      <Input name="contacts.supportEmail" label="Support e-mail" type="email" value={contacts.supportEmail} removable={removable} hint="Optional: your support team's address. It hears of held runs, and gets the summaries of the initial load and of runs during hypercare." />
    </>
  );
}
