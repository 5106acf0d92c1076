// API tokens (admins): every token with its role and dates, a form to create one (shown once),
// and revoking, confirmed in a second step. Revoking ends the token's console sessions too.
import type { TokenRow } from '../../api/tokens';
import { ApiForm } from '../components/api-form';
import { Layout } from '../components/layout';
import { NewTokenForm } from '../components/new-token-form';
import { Time } from '../components/time';
import type { PageContext } from '../render';

function RevokeToken({ name }: { name: string }) {
  return (
    <details class="confirm">
      <summary>
        Revoke<span class="visually-hidden"> {name}</span>…
      </summary>
      <ApiForm action={`/api/tokens/${encodeURIComponent(name)}`} method="DELETE" label={`Revoke ${name}`}>
        <p>Scripts and console sessions using it stop working at once. This cannot be undone.</p>
        <button type="submit" class="danger">
          Revoke {name}
        </button>
      </ApiForm>
    </details>
  );
}

function TokenRowView({ token }: { token: TokenRow }) {
  return (
    <tr>
      <td class="mono">{token.name}</td>
      <td>{token.role}</td>
      <td>
        <Time at={token.created_at} />
      </td>
      <td>
        {token.revoked_at ? (
          <>
            <span class="badge quiet">Revoked</span> <Time at={token.revoked_at} />
          </>
        ) : (
          <span class="badge good">Active</span>
        )}
      </td>
      <td>{!token.revoked_at && <RevokeToken name={token.name} />}</td>
    </tr>
  );
}

export function TokensPage({ ctx, tokens }: { ctx: PageContext; tokens: TokenRow[] }) {
  return (
    <Layout ctx={ctx} title="API tokens">
      <p>
        Scripts send a token as <code>Authorization: Bearer …</code>; people sign in to this console with one. The token set as <code>ROSTER_ADMIN_TOKEN</code> is not
        listed: it changes in the environment.
      </p>
      <h2>New token</h2>
      <NewTokenForm />
      <h2>Tokens</h2>
      {tokens.length === 0 ? (
        <p>No token yet.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">API tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <TokenRowView key={token.name} token={token} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
