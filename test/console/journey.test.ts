// The journey through the console alone, in a real browser on the real stack: support
// signs in, creates a demo tenant, records its config (fixing the one field the API refuses),
// completes kick-off, issues an authorization link the customer opens without a session to paste
// the key, approves the test, goes live, terminates 30 people in the demo directory, syncs on
// demand, approves the held run from its e-mail's link and finds one leaver with the reason.
// Every write is a click or a keystroke on a page; the API is only read, to see the outcomes.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, launchBrowser, newContext, screenshots } from '../support/browser';
import { useDemoStack } from '../support/onboarding';
import { eventually, uniqueTenantId } from '../support/stack';

const demo = useDemoStack();
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

// The demo directory's fillers (demo-0028 onwards) are active people with a work e-mail that no
// exclusion rule leaves out: each has an account after the initial load.
const leavers = Array.from({ length: 30 }, (_, n) => `demo-${String(28 + n).padStart(4, '0')}`);
// 30 deactivations of ~270 active accounts: more than the 25 a run may make, and more than 10 %.
const safety = { maxDeactivations: '25', maxDeactivationShare: '0.1' };
// 04:00 on the 1st of a month: the schedule never fires during the journey.
const schedule = { cron: '0 4 1 * *', timezone: 'Europe/Paris' };
// Several real runs of the ~290-person directory, on a machine other tests share.
const journeyTimeout = 300_000;
const runTimeout = { timeout: 90_000 };

const pathOf = (page: Page) => new URL(page.url()).pathname;
const currentStep = (page: Page) => page.locator('.stepper [aria-current="step"] .step-name').textContent();
const action = (page: Page, title: string) => page.getByRole('region', { name: title });
/** The tenant page's newest run, as its line in "Latest runs" says it, after a reload. */
async function latestRun(page: Page): Promise<string> {
  await page.reload();
  return (await page.getByRole('region', { name: 'Latest runs' }).getByRole('listitem').first().textContent()) ?? '';
}
const tenantView = async (id: string) => (await demo.stack.request('GET', `/api/tenants/${id}`)).body;

async function signIn(page: Page): Promise<void> {
  await page.goto(`${demo.stack.url}/sign-in`);
  await page.getByLabel('API token').fill(demo.stack.adminToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Tenants' }).waitFor();
}

async function createTenant(page: Page, id: string, name: string): Promise<void> {
  await page.getByRole('link', { name: 'New tenant' }).click();
  await page.getByLabel('Tenant id').fill(id);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('HR system').selectOption('demo');
  await page.getByLabel('Platform', { exact: true }).selectOption('demo');
  await page.getByLabel("HR admin's e-mail").fill('hr-admin@acme.example');
  await page.getByLabel('Support e-mail').fill('support@roster.example');
  await page.getByRole('button', { name: 'Create the tenant' }).click();
  await expect.poll(() => pathOf(page)).toBe(`/tenants/${id}`);
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

/** Records the config through its page: first with a bad cron, refused beside its field, then fixed. */
async function recordConfig(page: Page, id: string): Promise<void> {
  await page.getByRole('link', { name: 'Edit config' }).click();
  await page.getByLabel('Identity key').selectOption('workEmail');
  await page.getByLabel('Exclusion rules (JSON)').fill('[{"field": "department", "equals": "Contractors"}]');
  await page.getByLabel('Errors to').fill('it@acme.example');
  await page.getByLabel('Timezone').fill(schedule.timezone);
  await page.getByLabel('Deactivations before a run is held').fill(safety.maxDeactivations);
  await page.getByLabel('Share of active accounts before a run is held').fill(safety.maxDeactivationShare);
  await page.getByLabel('When (cron)').fill('every night');
  await page.getByRole('button', { name: 'Save the config' }).click();
  await expect.poll(() => page.locator('#field-schedule-cron + .field-error').textContent()).toMatch(/\S/);
  expect(await page.locator('.field-error').count()).toBe(1);
  expect(await page.getByLabel('When (cron)').getAttribute('aria-invalid')).toBe('true');
  expect((await tenantView(id)).config).toBeNull();

  const unrecorded = page.getByText('No config is recorded yet');
  expect(await unrecorded.count()).toBe(1);
  await page.getByLabel('When (cron)').fill(schedule.cron);
  await page.getByRole('button', { name: 'Save the config' }).click();
  // The page reloads once the API has taken the config: leaving it before would race the reload.
  await expect.poll(() => unrecorded.count()).toBe(0);
  await expect.poll(async () => (await tenantView(id)).config).toMatchObject({
    identityKey: 'workEmail',
    schedule,
    safety: { maxDeactivations: 25, maxDeactivationShare: 0.1 },
    include: { statuses: ['active', 'onboarding'], exclude: [{ field: 'department', equals: 'Contractors' }] },
  });
  await page.getByRole('link', { name: /^Back to / }).click();
  await page.getByRole('list', { name: 'Onboarding stages' }).waitFor();
}

/** The customer opens the link in a browser of their own, without any session, and pastes the demo HR system's key. */
async function customerEntersKey(url: string): Promise<void> {
  const customer = await newContext(browser);
  const page = await customer.newPage();
  await page.goto(url);
  await page.getByLabel(/^API key from/).fill('demo-key');
  await page.getByRole('button', { name: 'Check and save the key' }).click();
  await page.getByRole('heading', { name: 'The key works' }).waitFor();
  expect(await page.getByRole('status').textContent()).toContain('There is nothing more to do');
  expect(await customer.cookies()).toEqual([]);
  await customer.close();
}

/** Terminates each leaver through the demo directory page's form; resolves with the first one's name and e-mail. */
async function terminateLeavers(page: Page): Promise<{ name: string; email: string }> {
  let first: { name: string; email: string } | undefined;
  for (const hrisId of leavers) {
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: hrisId, exact: true }) });
    // After a termination the page shows the directory's first page again.
    if ((await row.count()) === 0) await page.getByRole('link', { name: 'Next page' }).click();
    const name = (await row.getByRole('link').textContent())!;
    first ??= { name, email: (await row.locator('td').nth(2).textContent())! };
    await row.getByRole('link').click();
    const panel = page.getByRole('region', { name: new RegExp(hrisId) });
    await panel.getByRole('button', { name: `Terminate ${name}` }).click();
    await expect.poll(() => panel.locator('.badge').textContent()).toBe('terminated');
  }
  return first!;
}

describe('the journey through the console alone', () => {
  it('takes a demo tenant from creation to live, holds a run of 30 leavers, approves it from its e-mail and explains a leaver', async () => {
    const { stack } = demo;
    const id = uniqueTenantId('journey');
    const name = `Acme ${id}`;
    const page = await (await newContext(browser)).newPage();

    // 1–2. Sign in, create the tenant.
    await signIn(page);
    await createTenant(page, id, name);
    demo.platformFor(id);
    expect(await tenantView(id)).toMatchObject({ stage: 'kickoff', hris: { provider: 'demo' }, platform: { kind: 'demo' }, contacts: { hrisAdminEmail: 'hr-admin@acme.example' } });
    expect(await currentStep(page)).toBe('Kick-off');

    // 3–4. The config, then kick-off.
    await recordConfig(page, id);
    await action(page, 'Complete kick-off').getByLabel('Reason (optional)').fill('kick-off call with Acme');
    await action(page, 'Complete kick-off').getByRole('button', { name: 'Complete kick-off' }).click();
    await expect.poll(() => currentStep(page)).toBe('Authorization');

    // 5. The authorization link, opened by the customer; the test run that follows by itself.
    const link = action(page, 'Issue an authorization link');
    await link.getByRole('button', { name: 'Issue a link' }).click();
    const shown = link.getByLabel('The new authorization link');
    await expect.poll(() => shown.textContent()).toMatch(/^http:\/\/\S+\/authorize\/\S+$/);
    await customerEntersKey((await shown.textContent())!);
    await page.reload();
    expect(await currentStep(page)).toBe('Testing');
    await expect.poll(() => latestRun(page), runTimeout).toMatch(/^(Success|Warning) Test/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshots(page, 'journey-tenant-testing');

    // 6. Approve the test, go live now: the initial load applies.
    await action(page, 'Approve the test').getByLabel('Note (optional)').fill('Test plan checked with Acme HR');
    await action(page, 'Approve the test').getByRole('button', { name: 'Approve the test' }).click();
    await expect.poll(() => currentStep(page)).toBe('Ready');
    const testRun = (await tenantView(id)).lastSync.id;
    await action(page, 'Go live').getByRole('button', { name: 'Go live' }).click();
    const live = await eventually(async () => {
      const tenant = await tenantView(id);
      if (tenant.goLive?.status === 'failed') throw new Error(`The go-live failed: ${tenant.goLive.reason}`);
      return tenant.stage === 'live' && !tenant.activeSyncId && tenant.lastSync?.id !== testRun && tenant;
    }, 120_000);
    expect(live.lastSync.status).toMatch(/^(success|warning)$/);
    await page.reload();
    expect(await currentStep(page)).toBe('Live');
    expect(await latestRun(page)).toMatch(/^(Success|Warning) Initial load/);

    // 7. Thirty leavers in the demo directory, then a sync on demand.
    await page.getByRole('link', { name: /^Demo directory/ }).click();
    const leaver = await terminateLeavers(page);
    await page.getByRole('link', { name, exact: true }).click();
    await action(page, 'Sync now').getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => pathOf(page)).toMatch(/^\/runs\//);
    const syncId = pathOf(page).split('/').at(-1)!;
    const badge = page.locator('.run-facts .badge');
    // The run page follows the run and reloads by itself once it is held; the tenant page after it.
    await expect.poll(() => badge.textContent(), runTimeout).toBe('Held');
    await page.getByRole('link', { name, exact: true }).click();

    // 8. Held: on the tenant page, in the e-mail, and on the run page its link opens.
    await expect.poll(() => latestRun(page), runTimeout).toMatch(/^Held On demand/);
    const mail = await stack.mail.waitFor((sent) => sent.subject === `${name}: a sync is waiting for approval (30 deactivations)`, 30_000);
    // The worker's publicUrl is http://roster.test in tests: the link's path is opened on this stack.
    const runLink = mail.text.match(/http:\/\/roster\.test(\/runs\/\S+)/);
    expect(runLink, mail.text).not.toBeNull();
    expect(runLink![1]).toBe(`/runs/${syncId}`);
    await page.goto(`${stack.url}${runLink![1]}`);
    expect(await badge.textContent()).toBe('Held');
    const staged = page.getByRole('table', { name: 'Who would be deactivated' }).locator('tbody tr');
    expect(await staged.count()).toBe(30);
    expect(await staged.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining(leaver.email)]));
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshots(page, 'journey-held-run');

    await page.getByLabel('Note for the approval').fill('Acme HR confirmed the 30 leavers');
    await page.getByRole('button', { name: 'Approve' }).click();
    // The page reloads by itself once the run's status changes.
    await expect.poll(() => badge.textContent(), runTimeout).toMatch(/^(Success|Warning)$/);
    expect((await stack.request('GET', `/api/syncs/${syncId}`)).body.counts.deactivated).toBe(30);
    expect(await page.getByRole('region', { name: 'Decision' }).textContent()).toContain('Acme HR confirmed the 30 leavers');

    // 9. Why was this person deactivated?
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('link', { name: 'Find a person' }).click();
    await page.getByLabel('Name, HR id or e-mail').fill(leaver.email);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('table', { name: 'People found' }).getByRole('link', { name: leaver.name }).click();
    await page.getByRole('heading', { name: leaver.name, level: 1 }).waitFor();
    const latest = page.locator('ol.person-runs > li').first();
    expect(await latest.getByRole('link').getAttribute('href')).toBe(`/runs/${syncId}`);
    expect(await latest.textContent()).toMatch(/Deactivated: Status "terminated" is not one of the included statuses/);

    // The tenants page at the end, the tenant found by its id.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tenants' }).click();
    await page.getByLabel('Search by id or name').fill(id);
    await page.getByRole('button', { name: 'Show' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    await expect.poll(() => row.textContent()).toMatch(/Live.*(Success|Warning)/s);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshots(page, 'journey-tenants');
  }, journeyTimeout);
});
