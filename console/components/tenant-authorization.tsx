// Authorizing the tenant's HR system: an authorization link for the customer's HRIS admin (shown
// once, with a Copy button, and e-mailed when the tenant has an HRIS admin contact), or the key
// entered by support during a call. The link's URL is shown in place of a reload (ApiForm's
// `show`): the API gives it only in that one answer.
import { hrisDescriptor } from '../../activities/hris/registry';
import type { Tenant } from '../../api/tenant-view';
import type { LinkMail } from '../data/tenant-page';
import { Input } from './form-fields';
import { Action } from './tenant-action';
import { Time } from './time';

function LinkMailState({ mail }: { mail?: LinkMail }) {
  if (!mail) return null;
  if (mail.status === 'sent') return <p class="hint">The latest link's e-mail went out <Time at={mail.sentAt} />.</p>;
  if (mail.status === 'failed') return <p class="hint problem">The latest link's e-mail could not be sent: issue a new link, or send one yourself.</p>;
  return <p class="hint">The latest link's e-mail is waiting to be sent (queued <Time at={mail.queuedAt} />); reload to see it go out.</p>;
}

function IssuedLink({ to }: { to?: string }) {
  return (
    <div class="shown-once" data-shown tabIndex={-1} hidden>
      <p>
        <strong>The new link</strong>, shown only now:
      </p>
      <output id="issued-link-url" class="mono link-url" aria-label="The new authorization link" />
      <p>
        <button type="button" class="secondary" data-copy="issued-link-url">
          Copy
        </button>
      </p>
      <p>{to ? `Its e-mail to ${to} is queued; reload the page to see it go out.` : 'Nothing was e-mailed (the tenant has no HRIS admin contact): send it yourself.'}</p>
    </div>
  );
}

export function TenantAuthorization({ tenant, linkMail }: { tenant: Tenant; linkMail?: LinkMail }) {
  const { id, stage, hris, contacts } = tenant;
  const descriptor = hrisDescriptor(hris.provider);
  const takesKey = descriptor?.takesKey ?? true;
  const to = contacts.hrisAdminEmail;
  return (
    <>
      {takesKey && (
        <Action
          title="Issue an authorization link"
          button="Issue a link"
          stage={stage}
          op="authorize"
          action={`/api/tenants/${id}/authorization-links`}
          show="url"
          hint={to ? `The customer's HRIS admin opens it to paste a key; it is e-mailed to ${to}. A new link revokes older ones.` : 'The customer\'s HRIS admin opens it to paste a key. A new link revokes older ones.'}
        >
          <Input id="link-hours" name="expiresInHours" label="Works for (hours, optional)" type="number" as="number" hint="1 to 720; a week when left empty." />
          <IssuedLink to={to} />
          <LinkMailState mail={linkMail} />
        </Action>
      )}
      <Action
        title={takesKey ? 'Enter a key' : 'Authorize from users.csv'}
        button={takesKey ? 'Check and keep the key' : 'Authorize'}
        stage={stage}
        op="authorize"
        action={`/api/tenants/${id}/credentials`}
        hint={takesKey ? 'Roster checks the key with the HR system before keeping it.' : 'A CSV tenant has no key: it is authorized once its users.csv is accepted.'}
      >
        {takesKey && <Input id="key-api-key" name="apiKey" label="API key" type="password" autocomplete="off" required hint={descriptor?.whereToCreateKey} />}
      </Action>
    </>
  );
}
