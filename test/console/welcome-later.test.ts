// Sending the welcome later from the console, in a real browser: the tenant page offers it to
// those never invited, confirmed by typing how many, shows what was queued in place and records it
// in the history; the initial load's page then has nobody left to welcome.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, launchBrowser, newContext } from '../support/browser';
import { kickoffConfig } from '../support/fixtures';
import { liveDemoTenant, useDemoStack } from '../support/onboarding';

const demo = useDemoStack();
let browser: Browser;
let support: BrowserContext;
beforeAll(async () => {
  browser = await launchBrowser();
  support = await newContext(browser);
  const page = await support.newPage();
  await page.goto(`${demo.stack.url}/sign-in`);
  await page.getByLabel('API token').fill(demo.stack.adminToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Tenants' }).waitFor();
  await page.close();
});
afterAll(() => browser?.close());

async function open(path: string): Promise<Page> {
  const page = await support.newPage();
  await page.goto(`${demo.stack.url}${path}`);
  return page;
}

describe('sending the welcome later in the console', () => {
  it('confirms how many, shows what was queued, records it, and leaves nobody to welcome on the run page', async () => {
    // Three people, live with invitations off: nobody has been welcomed.
    const id = await liveDemoTenant(demo, { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } });
    const initialLoad = (await demo.stack.request('GET', `/api/tenants/${id}`)).body.lastSync.id as string;

    const page = await open(`/tenants/${id}`);
    const card = page.getByRole('region', { name: 'Send welcome to those never invited' });
    expect(await card.locator('.hint').textContent()).toContain('3 of accounts Roster manages have never had a welcome e-mail');
    await card.getByLabel('Type 3 to send up to 3 welcomes').fill('2');
    await card.getByRole('button', { name: 'Send welcome to those never invited' }).click();
    expect(await card.locator('.form-problem').textContent()).toBe('Type 3 to confirm.');
    expect(await demo.stack.db('welcomes').where({ tenant_id: id })).toEqual([]);

    await card.getByLabel('Reason (optional)').fill('invites were off at go-live');
    await card.getByLabel('Type 3 to send up to 3 welcomes').fill('3');
    await card.getByRole('button', { name: 'Send welcome to those never invited' }).click();
    await expect.poll(() => card.locator('output').textContent()).toBe('3 welcomes queued.');
    await demo.stack.mail.waitFor((mail) => mail.to.includes('grace@acme.example'));
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.reload();
    const entry = page.getByRole('region', { name: 'History' }).getByRole('listitem').filter({ hasText: 'Welcome sent later' });
    expect(await entry.textContent()).toContain('3 queued');
    expect(await card.getByRole('button').isDisabled()).toBe(true);

    const run = await open(`/runs/${initialLoad}`);
    const runCard = run.getByRole('region', { name: 'Send welcome to the accounts this run created' });
    expect(await runCard.locator('.refusal').textContent()).toContain('every one of the accounts this run created has been welcomed');
    expect(await runCard.getByRole('button').isDisabled()).toBe(true);
  });
});
