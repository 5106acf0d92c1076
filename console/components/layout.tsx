// The frame of every console page: the header with its navigation and who is signed in, a skip
// link, and the page's one h1. The CSRF token rides in a meta tag for the script's API calls.
import type { ComponentChildren } from 'preact';
import type { PageContext } from '../render';

interface LayoutProps {
  ctx: Pick<PageContext, 'assets'> & Partial<PageContext>;
  title: string;
  children: ComponentChildren;
}

export function Layout({ ctx, title, children }: LayoutProps) {
  const { caller, csrf, assets } = ctx;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – Roster`}</title>
        <link rel="stylesheet" href={assets.style} />
        <script type="module" src={assets.script} />
        {csrf && <meta name="csrf-token" content={csrf} />}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <a class="brand" href="/">
            Roster
          </a>
          {caller && (
            <nav aria-label="Main">
              <a href="/tenants">Tenants</a>
              {caller.role === 'admin' && <a href="/tokens">API tokens</a>}
              <a href="/docs">API docs</a>
            </nav>
          )}
          {caller && (
            <form class="who" method="post" action="/sign-out">
              <span>
                {caller.name} <span class="role">({caller.role})</span>
              </span>
              <input type="hidden" name="_csrf" value={csrf} />
              <button type="submit" class="link">
                Sign out
              </button>
            </form>
          )}
        </header>
        <main id="main">
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}
