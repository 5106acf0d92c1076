// "Sync now" on the person page (issue 17) in a real browser: a live demo tenant's changed person
// is synced alone, and the page shows the trace — each step's outcome, the field before → after.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accessibilityProblems, artifactsDir, launchBrowser } from '../support/browser';
import { liveTinyDemoTenant, openSignedIn } from '../support/console-pages';
import { liveTenantThatHolds, useDemoStack } from '../support/onboarding';
import { eventually } from '../support/stack';

const demo = useDemoStack();
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

it('syncs one changed person from their page and shows the trace step by step', async () => {
  const { tenantId } = await liveTinyDemoTenant(demo);
  expect((await demo.stack.request('PATCH', `/api/tenants/${tenantId}/demo/people/p1`, { position: 'Staff Engineer' })).status).toBe(200);

  const page = await openSignedIn(browser, demo.stack, `/tenants/${tenantId}/people/p1`);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await page.getByRole('heading', { name: 'What the run did for this person' }).waitFor({ timeout: 40_000 });
  expect(new URL(page.url()).searchParams.get('trace')).toMatch(/^[0-9a-f-]{36}$/);
  // The answer came once the run's end was recorded: the page shows it ended, and the button back.
  expect(await page.locator('section[aria-labelledby="trace-heading"] .badge').first().textContent()).toBe('Success');
  expect(await page.getByRole('button', { name: 'Sync now' }).isEnabled()).toBe(true);

  const steps = page.locator('ol.trace > li');
  expect(await steps.locator('h3').allTextContents()).toEqual([
    'Read from the HR system Found',
    'In scope? In scope',
    'Matched to an account Matched',
    'Planned Planned',
    'Written to the platform Done',
  ]);
  expect(await steps.nth(2).textContent()).toContain("by Roster's link to this person");
  expect(await steps.nth(3).locator('ul.changes li', { hasText: 'title' }).textContent()).toMatch(/\(none\).*Staff Engineer/s);
  expect(await accessibilityProblems(page)).toEqual([]);

  const shot = join(artifactsDir, 'person-sync-trace.png');
  await page.screenshot({ path: shot, fullPage: true });
  copyFileSync(shot, join(process.cwd(), 'docs', 'screenshots', 'person-sync-trace.png'));
});

it('disables the button while a run is open, and shows the 409 when one opens meanwhile', async () => {
  const tenantId = await liveTenantThatHolds(demo);
  const page = await openSignedIn(browser, demo.stack, `/tenants/${tenantId}/people/p1`);
  // A run opens after the page was drawn: the API's refusal is shown in the form.
  expect((await demo.stack.request('POST', `/api/tenants/${tenantId}/demo/people/p0/terminate`, {})).status).toBe(200);
  const held = (await demo.stack.request('POST', `/api/tenants/${tenantId}/syncs`, {})).body.syncId;
  await eventually(async () => (await demo.stack.request('GET', `/api/syncs/${held}`)).body.status === 'awaiting_approval');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toContain(`Run ${held} is still open`);

  await page.reload();
  expect(await page.getByRole('button', { name: 'Sync now' }).isDisabled()).toBe(true);
  expect(await page.locator('.refusal').textContent()).toContain(`run ${held} is still open`);
  expect(await accessibilityProblems(page)).toEqual([]);
});
