// Signing in to the console: a token exchanged for a session cookie, pages only behind it, writes
// through the session only with its CSRF token, and a revoked token ending its sessions.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createToken, revokeToken } from '../../api/tokens';
import { demoTenant } from '../support/fixtures';
import { accessibilityProblems, newContext, screenshots, useStackAndBrowser } from '../support/browser';
import { uniqueTenantId } from '../support/stack';

const ui = useStackAndBrowser();

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(`${ui.stack.url}/tenants`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('the console sign-in', () => {
  it('sends a visitor without a session to sign in, and back to the page they asked for', async () => {
    const tenant = demoTenant();
    expect((await ui.stack.request('POST', '/api/tenants', tenant)).status).toBe(201);
    const page = await (await newContext(ui.browser)).newPage();
    await page.goto(`${ui.stack.url}/tenants?q=${tenant.id}`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshots(page, 'sign-in');

    await page.getByLabel('API token').fill('rst_not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('unknown or revoked');

    await page.getByLabel('API token').fill(ui.stack.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Tenants' }).waitFor();
    expect(new URL(page.url()).search).toBe(`?q=${tenant.id}`);
    await expect.poll(() => page.getByRole('link', { name: tenant.name }).count()).toBe(1);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'roster_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(JSON.stringify(await ui.stack.db('console_sessions').select('sess'))).not.toContain(ui.stack.adminToken);
  });

  it('lets the page write through the API with its CSRF token, and refuses the same write without it', async () => {
    const page = await (await newContext(ui.browser)).newPage();
    await signIn(page, ui.stack.adminToken);
    await page.getByRole('heading', { name: 'Tenants' }).waitFor();
    const post = (withToken: boolean, id: string) =>
      page.evaluate(
        async ({ body, withToken }) => {
          const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')!.content;
          const headers: Record<string, string> = { 'content-type': 'application/json', ...(withToken ? { 'x-csrf-token': csrf } : {}) };
          const answer = await fetch('/api/tenants', { method: 'POST', headers, body: JSON.stringify(body) });
          return { status: answer.status, body: await answer.json() };
        },
        { body: demoTenant(id), withToken },
      );
    const refused = await post(false, uniqueTenantId());
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'csrf_token_invalid' } } });
    const created = await post(true, uniqueTenantId());
    expect(created.status).toBe(201);
    const history = await ui.stack.request('GET', `/api/tenants/${created.body.id}/history`);
    expect(history.body.history.at(-1).actor).toBe('admin-env');
  });

  it('ends the session at sign-out, and every session of a token once it is revoked', async () => {
    const name = `console-${uniqueTenantId()}`;
    const token = await createToken(ui.stack.db, name, 'viewer');
    const page = await (await newContext(ui.browser)).newPage();
    await signIn(page, token);
    await page.getByRole('heading', { name: 'Tenants' }).waitFor();
    expect(await page.getByRole('link', { name: 'New tenant' }).count()).toBe(0);
    await revokeToken(ui.stack.db, name);
    await page.reload();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');

    await signIn(page, ui.stack.adminToken);
    await page.getByRole('heading', { name: 'Tenants' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
    await page.goto(`${ui.stack.url}/tenants`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('shows the tenants page with no serious accessibility problem, at both widths', async () => {
    const page = await (await newContext(ui.browser)).newPage();
    await signIn(page, ui.stack.adminToken);
    await page.getByRole('heading', { name: 'Tenants' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshots(page, 'tenants');
  });
});
