// "Why was Jane deactivated?" in a real browser: the person search finds a terminated person of a
// live demo tenant by e-mail, and their page says, run by run, what Roster did to them and why.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, launchBrowser, screenshots } from '../support/browser';
import { liveTinyDemoTenant, openSignedIn as openSignedInAs } from '../support/console-pages';
import { settled, useDemoStack } from '../support/onboarding';

const demo = useDemoStack();
let browser: Browser;
let tenantId: string;
let leaverRun: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const live = await liveTinyDemoTenant(demo);
  tenantId = live.tenantId;
  // One leaver of three: below the share guard's minimum of accounts, so the run applies at once.
  expect((await demo.stack.request('POST', `/api/tenants/${tenantId}/demo/people/p0/terminate`, {})).status).toBe(200);
  const started = await demo.stack.request('POST', `/api/tenants/${tenantId}/syncs`, {});
  expect(started.status, started.text).toBe(202);
  leaverRun = started.body.syncId;
  const tenant = await settled(demo.stack, tenantId, live.tenant.lastSync.id);
  expect(tenant.lastSync).toMatchObject({ id: leaverRun, status: 'success' });
});
afterAll(() => browser?.close());

const openSignedIn = (path: string) => openSignedInAs(browser, demo.stack, path);

describe('the person page', () => {
  it('finds a terminated person by e-mail, and their page says they were deactivated and why', async () => {
    const page = await openSignedIn(`/tenants/${tenantId}/people`);
    await page.getByLabel('Name, HR id or e-mail').fill('ADA@acme.example');
    await page.getByRole('button', { name: 'Find' }).click();
    const found = page.getByRole('table', { name: 'People found' }).locator('tbody tr');
    await expect.poll(() => found.count()).toBe(1);
    expect(await found.textContent()).toMatch(/Ada Lovelace.*ada@acme\.example.*Deactivated/s);
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('link', { name: 'Ada Lovelace' }).click();
    await page.getByRole('heading', { name: 'Ada Lovelace', level: 1 }).waitFor();
    const runs = page.locator('ol.person-runs > li');
    const latest = runs.first();
    expect(await latest.getByRole('link').getAttribute('href')).toBe(`/runs/${leaverRun}`);
    expect(await latest.textContent()).toMatch(/Deactivated: Status "terminated" is not one of the included statuses/);
    expect(await latest.locator('ul.changes li', { hasText: 'Account' }).textContent()).toMatch(/active.*inactive/s);
    // The initial load that made the account is there too.
    expect(await runs.filter({ hasText: 'Initial load run' }).textContent()).toContain('Created');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshots(page, 'person');
  });

  it('says so when nobody matches, and answers an unknown person with the not-found page', async () => {
    const page = await openSignedIn(`/tenants/${tenantId}/people`);
    await page.goto(`${demo.stack.url}/tenants/${tenantId}/people?q=${encodeURIComponent('nobody@nowhere')}`);
    expect(await page.locator('main').textContent()).toContain('No one in the latest runs matches “nobody@nowhere”');
    const answer = await page.goto(`${demo.stack.url}/tenants/${tenantId}/people/no-such-person`);
    expect(answer?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not found');
  });
});
