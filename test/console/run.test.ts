// The run page in a real browser: a finished run's counts, an item's before → after and its CSV
// downloads; a held run's staged deactivations, approved with a note from the page; the page
// following an open run and reloading by itself once it ends; no decision buttons for a viewer.
// On the real stack: a live demo tenant allowed no deactivation, whose runs hold for one leaver.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../api/tokens';
import { accessibilityProblems, launchBrowser, screenshots } from '../support/browser';
import { liveTinyDemoTenant, openSignedIn as openSignedInAs } from '../support/console-pages';
import { useDemoStack } from '../support/onboarding';
import { eventually, uniqueTenantId } from '../support/stack';

const demo = useDemoStack();
// Each test waits for one or two real runs, on a machine other tests share.
const runsTimeout = 150_000;
let browser: Browser;
let tenantId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  ({ tenantId } = await liveTinyDemoTenant(demo, { safety: { maxDeactivations: 0, maxDeactivationShare: 0.1 } }));
});
afterAll(() => browser?.close());

const runOf = async (syncId: string) => (await demo.stack.request('GET', `/api/syncs/${syncId}`)).body;

async function requestSync(): Promise<string> {
  const started = await demo.stack.request('POST', `/api/tenants/${tenantId}/syncs`, {});
  expect(started.status, started.text).toBe(202);
  return started.body.syncId;
}

/** A run that holds for the leaver not yet deactivated (made one first, when named). */
async function heldRun(leaver?: string): Promise<string> {
  if (leaver) expect((await demo.stack.request('POST', `/api/tenants/${tenantId}/demo/people/${leaver}/terminate`, {})).status).toBe(200);
  const syncId = await requestSync();
  await eventually(async () => (await runOf(syncId)).status === 'awaiting_approval', 60_000);
  return syncId;
}

const ended = (syncId: string) => eventually(async () => (await demo.stack.db('sync_runs').where({ id: syncId }).first('finished_at')).finished_at !== null && runOf(syncId), 60_000);

const openSignedIn = (path: string, token?: string) => openSignedInAs(browser, demo.stack, path, token);

const badge = (page: Page) => page.locator('.run-facts .badge').textContent();

describe('the run page', () => {
  it("shows a finished run's counts, an item's before → after, and downloads that answer in the session", async () => {
    expect((await demo.stack.request('PATCH', `/api/tenants/${tenantId}/demo/people/p2`, { department: 'Research' })).status).toBe(200);
    const syncId = await requestSync();
    expect(await ended(syncId)).toMatchObject({ status: 'success', counts: { updated: 1 } });

    const page = await openSignedIn(`/runs/${syncId}`);
    await page.getByRole('link', { name: `Acme ${tenantId}` }).waitFor();
    expect(await badge(page)).toBe('Success');
    expect(await page.locator('.run-facts').textContent()).toContain('PlatformProduction');
    const updated = page.getByRole('row', { name: /^Updated/ });
    expect(await updated.locator('td').allTextContents()).toEqual(['1', '1']);

    await page.getByLabel('Action').selectOption('update');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe('update');
    const item = page.locator('table.items tbody tr');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.locator('td').first().textContent()).toContain('Grace Hopper');
    const change = item.locator('ul.changes li', { hasText: 'department' });
    expect(await change.locator('del').textContent()).toBe('Engineering');
    expect(await change.locator('ins').textContent()).toBe('Research');

    for (const file of ['errors.csv', 'items.csv']) {
      const href = await page.getByRole('link', { name: file }).getAttribute('href');
      const download = await page.context().request.get(`${demo.stack.url}${href}`);
      expect(download.status(), file).toBe(200);
      expect(download.headers()['content-type']).toContain('text/csv');
    }
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshots(page, 'run-finished');
  }, runsTimeout);

  it('shows whom a held run would deactivate, and approving it with a note from the page applies it and shows the decision', async () => {
    const syncId = await heldRun('p0');
    const page = await openSignedIn(`/runs/${syncId}`);
    const staged = page.getByRole('table', { name: 'Who would be deactivated' });
    expect(await staged.locator('tbody tr').allTextContents()).toEqual([expect.stringMatching(/Ada Lovelace.*ada@acme\.example.*terminated/s)]);
    expect(await badge(page)).toBe('Held');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshots(page, 'run-held');

    await page.getByLabel('Note for the approval').fill('HR confirmed Ada left');
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(async () => (await runOf(syncId)).status, { timeout: 60_000 }).toBe('success');
    expect((await runOf(syncId)).counts.deactivated).toBe(1);
    // The form's answer reloads the page; the progress script reloads it again once the run has ended.
    await expect.poll(() => badge(page), { timeout: 20_000 }).toBe('Success');
    const decision = page.getByRole('region', { name: 'Decision' });
    expect(await decision.textContent()).toMatch(/Approved by admin-env.*HR confirmed Ada left/s);
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
  }, runsTimeout);

  it('shows a viewer the held run and whom it would deactivate, with no decision buttons', async () => {
    const syncId = await heldRun('p1');
    const page = await openSignedIn(`/runs/${syncId}`, await createToken(demo.stack.db, uniqueTenantId('viewer'), 'viewer'));
    expect(await page.getByRole('table', { name: 'Who would be deactivated' }).textContent()).toContain('Alan Turing');
    expect(await page.getByRole('button', { name: /Approve|Reject|Cancel/ }).count()).toBe(0);
    expect((await demo.stack.request('POST', `/api/syncs/${syncId}/cancel`, { reason: 'viewer test done' })).status).toBe(200);
    expect(await ended(syncId)).toMatchObject({ status: 'cancelled' });
  }, runsTimeout);

  it('follows an open run with its progress bar and reloads by itself once it ends', async () => {
    const syncId = await heldRun();
    const page = await openSignedIn(`/runs/${syncId}`);
    expect(await page.locator('progress').count()).toBe(1);
    expect(await page.getByLabel('Progress').count()).toBe(1);
    expect(await badge(page)).toBe('Held');
    // Decided elsewhere (here through the API): the page sees it without anyone reloading it.
    expect((await demo.stack.request('POST', `/api/syncs/${syncId}/approve`, { note: 'approved by script' })).status).toBe(200);
    await expect.poll(() => badge(page), { timeout: 60_000 }).toBe('Success');
    expect(await page.getByRole('region', { name: 'Decision' }).textContent()).toContain('approved by script');
  }, runsTimeout);

  it('answers an unknown or malformed run id with the not-found page', async () => {
    const page = await openSignedIn('/runs/0b6c3a52-5a0e-4d3c-9a43-2f0f6f7c1f7e');
    for (const id of ['0b6c3a52-5a0e-4d3c-9a43-2f0f6f7c1f7e', 'not-a-run']) {
      const answer = await page.goto(`${demo.stack.url}/runs/${id}`);
      expect(answer?.status()).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not found');
    }
  });
});
