// Sign-in: an API token, exchanged for a session (console/session.ts). The token field is a
// password field: it is a credential, and screens are shared with customers.
import { Layout } from '../components/layout';
import type { PageContext } from '../render';

export function SignInPage({ ctx, next, problem }: { ctx: Pick<PageContext, 'assets'>; next: string; problem?: string }) {
  return (
    <Layout ctx={ctx} title="Sign in">
      {problem && (
        <p class="notice error" role="alert">
          {problem}
        </p>
      )}
      <form method="post" action="/sign-in" class="stack narrow">
        <input type="hidden" name="next" value={next} />
        <label for="token">API token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required aria-describedby="token-help" />
        <p id="token-help" class="hint">
          The admin token of <code>npm start</code> is printed when it starts; others are made on the API tokens page or with <code>npm run token -- create</code>.
        </p>
        <button type="submit">Sign in</button>
      </form>
    </Layout>
  );
}
