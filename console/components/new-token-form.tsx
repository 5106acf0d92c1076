// Creating an API token: a name and a role, sent to POST /api/tokens. The answer's token is shown
// in the form, once (`data-show`, console/browser/api-forms.ts), with a Copy button; the page does
// not reload, so the token is never part of a page Roster sends.
import { roles } from '../../api/tokens';
import { ApiForm } from './api-form';
import { Input, Select } from './form-fields';

const roleWords = { viewer: 'viewer: reads', support: 'support: drives tenants and runs', admin: 'admin: also offboards and manages tokens' } as const;

export function NewTokenForm() {
  return (
    <ApiForm action="/api/tokens" method="POST" show="token" label="New API token" class="stack narrow">
      <Input name="name" label="Name" hint="Who or what uses it, e.g. payroll-script or jane.doe. It names them in every history." required autocomplete="off" />
      <Select name="role" label="Role" options={roles.map((role) => ({ value: role, label: roleWords[role] }))} value="support" />
      <button type="submit">Create token</button>
      <div class="shown-once" data-shown tabIndex={-1} hidden>
        <p>
          <strong>Copy this token now: it will not be shown again.</strong> Roster keeps only its hash.
        </p>
        <output id="new-token" class="mono" aria-label="The new token" />
        <p>
          <button type="button" class="secondary" data-copy="new-token">
            Copy
          </button>{' '}
          <a href="/tokens">Done: show the list</a>
        </p>
      </div>
    </ApiForm>
  );
}
