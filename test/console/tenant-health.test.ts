// Tenant health in the console, in a real browser: a tenant's open problems on its page, and the
// tenant list's "has open problems" filter, with no serious accessibility problem.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProblems } from '../../common/tenant-health/store';
import { accessibilityProblems, launchBrowser } from '../support/browser';
import { liveTinyDemoTenant, openSignedIn } from '../support/console-pages';
import { useDemoStack } from '../support/onboarding';

const demo = useDemoStack();
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('tenant health in the console', () => {
  it("lists a tenant's open problems on its page, and filters the tenant list by them", async () => {
    const { tenantId, tenant } = await liveTinyDemoTenant(demo);
    const page = await openSignedIn(browser, demo.stack, `/tenants/${tenantId}`);
    const section = page.getByRole('region', { name: 'Open problems' });
    await expect.poll(() => section.textContent()).toContain('None.');

    await openProblems(demo.stack.db, tenantId, [{ type: 'empty_directory', detail: { syncId: tenant.lastSync.id, code: 'empty_directory' } }], new Date());
    await page.reload();
    await expect.poll(() => section.textContent()).toContain('The directory came back empty, or with nobody in scope');
    expect(await section.getByRole('link', { name: 'the run' }).getAttribute('href')).toBe(`/runs/${tenant.lastSync.id}`);
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.goto(`${demo.stack.url}/tenants?q=${tenantId}`);
    await page.getByLabel('Problems').selectOption('true');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('hasProblems')).toBe('true');
    const row = page.getByRole('row', { name: new RegExp(tenantId) });
    await expect.poll(() => row.textContent()).toContain('The directory came back empty, or with nobody in scope');
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.goto(`${demo.stack.url}/tenants?q=${tenantId}&hasProblems=false`);
    await expect.poll(() => page.getByText('No tenant matches.').isVisible()).toBe(true);
  }, 120_000);
});
