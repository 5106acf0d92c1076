// The tenant page in a real browser: the stage stepper, actions enabled and disabled by the stage
// table, writes through the API with its refusals beside their fields, the history, what a
// viewer sees, and its accessibility in testing and live.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../api/tokens';
import { refusal } from '../../common/stages';
import { accessibilityProblems, launchBrowser, newContext, screenshots } from '../support/browser';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { configureAndKickOff, enterKey, takeLive, useDemoStack, useTinyDirectory } from '../support/onboarding';
import { uniqueTenantId } from '../support/stack';

const demo = useDemoStack();
let browser: Browser;
let support: BrowserContext;
beforeAll(async () => {
  browser = await launchBrowser();
  support = await signedIn(demo.stack.adminToken);
});
afterAll(() => browser?.close());

const config = { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'Australia/Sydney' } };

async function newTenant(): Promise<ReturnType<typeof demoTenant>> {
  const tenant = demoTenant();
  const created = await demo.stack.request('POST', '/api/tenants', tenant);
  expect(created.status, created.text).toBe(201);
  return tenant;
}

/** A browser context signed in through the sign-in page with the token. */
async function signedIn(token: string): Promise<BrowserContext> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${demo.stack.url}/sign-in`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Tenants' }).waitFor();
  await page.close();
  return context;
}

/** The tenant's page, in a signed-in context (support's unless said). */
async function tenantPage(id: string, context = support): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${demo.stack.url}/tenants/${id}`);
  await page.getByRole('list', { name: 'Onboarding stages' }).waitFor();
  return page;
}

const currentStep = (page: Page) => page.locator('.stepper [aria-current="step"] .step-name').textContent();
const action = (page: Page, title: string) => page.getByRole('region', { name: title });

describe('the tenant page', () => {
  it('shows a tenant in kick-off at its first step, completes kick-off once a config exists, and lists who did it', async () => {
    const tenant = await newTenant();
    const page = await tenantPage(tenant.id);
    await page.getByRole('heading', { name: tenant.name }).waitFor();
    expect(await currentStep(page)).toBe('Kick-off');
    const kickoff = action(page, 'Complete kick-off');
    expect(await kickoff.getByRole('button', { name: 'Complete kick-off' }).isDisabled()).toBe(true);
    expect(await kickoff.locator('.refusal').textContent()).toBe(refusal('kickoff', 'complete_kickoff', 'record the config first'));

    expect((await demo.stack.request('PUT', `/api/tenants/${tenant.id}/config`, config)).status).toBe(200);
    await page.reload();
    await kickoff.getByLabel('Reason (optional)').fill('kick-off call');
    await kickoff.getByRole('button', { name: 'Complete kick-off' }).click();
    await expect.poll(() => currentStep(page)).toBe('Authorization');
    expect((await demo.stack.request('GET', `/api/tenants/${tenant.id}`)).body.stage).toBe('authorization');

    const history = page.getByRole('region', { name: 'History' });
    const entry = history.getByRole('listitem').filter({ hasText: 'Kick-off completed' });
    expect(await entry.textContent()).toContain('by admin-env');
    expect(await entry.textContent()).toContain('“kick-off call”');
    expect(await history.getByRole('listitem').first().textContent()).toContain('Kick-off completed');
    expect(await history.getByRole('listitem').filter({ hasText: 'Config changed' }).locator('code').textContent()).toContain('schedule');
  });

  it('issues an authorization link and shows its URL in place, and shows the refusal of a wrong-shaped key beside its field', async () => {
    const tenant = await newTenant();
    await configureAndKickOff(demo.stack, tenant.id, config);
    const page = await tenantPage(tenant.id);

    const link = action(page, 'Issue an authorization link');
    await link.getByRole('button', { name: 'Issue a link' }).click();
    const url = link.getByLabel('The new authorization link');
    await expect.poll(() => url.textContent()).toMatch(/^https?:\/\/\S+\/authorize\/\S+$/);
    expect(await link.textContent()).toContain(`Its e-mail to ${tenant.contacts.hrisAdminEmail} is queued`);
    const issued = (await demo.stack.request('GET', `/api/tenants/${tenant.id}/history?limit=1`)).body.history[0];
    expect(issued).toMatchObject({ action: 'authorization_link_issued', actor: 'admin-env' });

    const key = action(page, 'Enter a key');
    await key.getByLabel('API key').fill('k'.repeat(5000));
    await key.getByRole('button', { name: 'Check and keep the key' }).click();
    await expect.poll(() => key.locator('.field-error').textContent()).toBe('must be at most 4096 characters');
    expect(await key.getByLabel('API key').getAttribute('aria-invalid')).toBe('true');
    expect((await demo.stack.request('GET', `/api/tenants/${tenant.id}`)).body.stage).toBe('authorization');
  });

  it('shows a viewer the tenant without a single action', async () => {
    const tenant = await newTenant();
    const token = await createToken(demo.stack.db, `viewer-${uniqueTenantId()}`, 'viewer');
    const page = await tenantPage(tenant.id, await signedIn(token));
    await page.getByRole('heading', { name: 'Summary' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Actions' }).count()).toBe(0);
    expect(await page.getByRole('button').allTextContents()).toEqual(['Sign out']);
    expect(await page.getByRole('link', { name: 'Edit settings' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Find a person' }).getAttribute('href')).toBe(`/tenants/${tenant.id}/people`);
  });

  it('pages the history back with "Older entries", newest first', async () => {
    const tenant = await newTenant();
    for (let n = 1; n <= 25; n += 1) expect((await demo.stack.request('PATCH', `/api/tenants/${tenant.id}`, { name: `Acme ${n}`, reason: `rename ${n}` })).status).toBe(200);
    const page = await tenantPage(tenant.id);
    const entries = page.getByRole('region', { name: 'History' }).getByRole('listitem');
    expect(await entries.first().textContent()).toContain('“rename 25”');
    expect(await entries.filter({ hasText: 'Tenant created' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Older entries' }).click();
    await expect.poll(() => entries.allTextContents()).toEqual([expect.stringContaining('Tenant created')]);
    expect(new URL(page.url()).searchParams.get('historyCursor')).toBeTruthy();
  });

  it('answers an unknown tenant with a not-found page', async () => {
    const page = await tenantPage((await newTenant()).id);
    for (const id of ['t-unknown', 'not%20an%20id']) {
      const answer = await page.goto(`${demo.stack.url}/tenants/${id}`);
      expect(answer?.status()).toBe(404);
      await page.getByRole('heading', { name: 'Not found' }).waitFor();
    }
  });

  it('shows a tenant in testing and once live with no serious accessibility problem, at both widths', async () => {
    const tenant = await newTenant();
    demo.platformFor(tenant.id);
    await useTinyDirectory(demo.stack, tenant.id);
    await configureAndKickOff(demo.stack, tenant.id, config);
    const tested = await enterKey(demo.stack, tenant.id, 'demo-key');

    const page = await tenantPage(tenant.id);
    expect(await currentStep(page)).toBe('Testing');
    expect(await action(page, 'Approve the test').getByRole('button').isEnabled()).toBe(true);
    expect(await action(page, 'Go live').getByRole('button').isDisabled()).toBe(true);
    expect(await page.getByRole('link', { name: /^Success|^Warning/ }).first().getAttribute('href')).toBe(`/runs/${tested.lastSync.id}`);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshots(page, 'tenant-testing');

    await takeLive(demo.stack, tenant.id);
    await page.reload();
    expect(await currentStep(page)).toBe('Live');
    expect(await page.locator('dd').filter({ hasText: 'Live since' }).count()).toBe(1);
    // The next run in the viewer's timezone, and the tenant's beside it.
    await expect.poll(() => page.locator('dd').filter({ hasText: 'Next run' }).locator('time').textContent()).toContain('in Australia/Sydney');
    expect(await action(page, 'Pause').getByRole('button').isEnabled()).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshots(page, 'tenant-live');
  });
});
