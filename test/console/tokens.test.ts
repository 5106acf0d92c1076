// The API tokens page: an admin creates a token, sees it once and can copy it; it signs in at once;
// revoked on the page, it ends the session it opened. Others get a 403 page and no link to it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createToken } from '../../api/tokens';
import { accessibilityProblems, newContext, screenshots, useStackAndBrowser } from '../support/browser';
import { uniqueTenantId } from '../support/stack';

const ui = useStackAndBrowser({ startWorker: false });

async function signIn(page: Page, token: string, path: string): Promise<void> {
  await page.goto(`${ui.stack.url}${path}`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const pathOf = (page: Page) => new URL(page.url()).pathname;

describe('the API tokens page', () => {
  it('creates a token shown once, which signs in until the admin revokes it', async () => {
    const context = await newContext(ui.browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ui.stack.url });
    const admin = await context.newPage();
    await signIn(admin, ui.stack.adminToken, '/tokens');
    await admin.getByRole('heading', { name: 'API tokens' }).waitFor();

    const name = `agent-${uniqueTenantId()}`;
    const form = admin.getByRole('form', { name: 'New API token' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Role').selectOption('support');
    await form.getByRole('button', { name: 'Create token' }).click();
    const shown = admin.locator('#new-token', { hasText: /^rst_/ });
    await shown.waitFor();
    const token = (await shown.textContent())!;
    expect(await form.textContent()).toContain('it will not be shown again');
    expect(pathOf(admin)).toBe('/tokens');
    await form.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => admin.evaluate(() => navigator.clipboard.readText())).toBe(token);
    expect(await accessibilityProblems(admin)).toEqual([]);

    // Once the list is shown again, the token is nowhere on the page.
    await form.getByRole('link', { name: 'Done: show the list' }).click();
    const row = admin.getByRole('row').filter({ hasText: name });
    await expect.poll(() => row.textContent()).toContain('Active');
    expect(await row.textContent()).toContain('support');
    expect(await admin.content()).not.toContain(token);

    const agent = await (await newContext(ui.browser)).newPage();
    await signIn(agent, token, '/tenants');
    await agent.getByRole('heading', { name: 'Tenants' }).waitFor();
    expect(await agent.getByText(`${name} (support)`).count()).toBe(1);

    await row.locator('summary').click();
    await row.getByRole('button', { name: `Revoke ${name}` }).click();
    await expect.poll(() => row.textContent()).toContain('Revoked');
    expect(await row.getByRole('button').count()).toBe(0);
    await screenshots(admin, 'tokens');

    await agent.reload();
    await expect.poll(() => pathOf(agent)).toBe('/sign-in');
  });

  it('shows the API refusal in the form: a name taken', async () => {
    const name = `taken-${uniqueTenantId()}`;
    await createToken(ui.stack.db, name, 'viewer');
    const page = await (await newContext(ui.browser)).newPage();
    await signIn(page, ui.stack.adminToken, '/tokens');
    const form = page.getByRole('form', { name: 'New API token' });
    await form.getByLabel('Name').fill(name);
    await form.getByRole('button', { name: 'Create token' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain(`A token named '${name}' exists already`);
    expect(await page.locator('#new-token').isVisible()).toBe(false);
  });

  it('answers support with a 403 page, and shows it no link to the page', async () => {
    const token = await createToken(ui.stack.db, `support-${uniqueTenantId()}`, 'support');
    const page = await (await newContext(ui.browser)).newPage();
    await signIn(page, token, '/tenants');
    await page.getByRole('heading', { name: 'Tenants' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Tenants' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'API tokens' }).count()).toBe(0);

    const answer = await page.goto(`${ui.stack.url}/tokens`);
    expect(answer?.status()).toBe(403);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Only admins manage API tokens');
    expect(await page.getByRole('form', { name: 'New API token' }).count()).toBe(0);
  });
});
