// The customer's report of one run: the signed link of the run's e-mails opens it without any
// session, shows the counts and each skipped record's reason, and serves errors.csv; an expired,
// altered, foreign or wrong-kind link is refused with a readable page; the link opens nothing else.
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDirectory } from '../../bench/sync-run/seed';
import { derivedKeys } from '../../common/derived-keys';
import { signReportToken } from '../../common/report-links';
import { createKeyring } from '../../common/secrets';
import { consolePolicy } from '../../console/render';
import type { CapturedMail } from '../../dev/mail-capture';
import { accessibilityProblems, launchBrowser, newContext, screenshots } from '../support/browser';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { configureAndKickOff, enterKey, takeLive, useDemoStack } from '../support/onboarding';
import { encryptionKey } from '../support/stack';

const demo = useDemoStack();
const keyring = createKeyring(encryptionKey);
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const config = { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'Australia/Sydney', jitterMinutes: 0 } };

interface LiveRun {
  tenantId: string;
  tenantName: string;
  runId: string;
  /** The report link of the run's summary e-mail, on this stack's address. */
  reportPath: string;
  token: string;
}

let live: LiveRun;

/** A demo tenant whose directory has one person without a work e-mail (a skip), taken live; its initial load's summary e-mail. */
async function liveRunWithSkip(): Promise<LiveRun> {
  const { stack } = demo;
  const body = demoTenant();
  expect((await stack.request('POST', '/api/tenants', body)).status).toBe(201);
  demo.platformFor(body.id);
  await seedDirectory(stack.db, body.id, [
    { hrisId: 'p0', status: 'active', firstName: 'Ada', lastName: 'Lovelace', workEmail: 'ada@acme.example', department: 'Engineering' },
    { hrisId: 'p1', status: 'active', firstName: 'Noah', lastName: 'Mailless', department: 'Engineering' },
  ]);
  await configureAndKickOff(stack, body.id, config);
  await enterKey(stack, body.id, 'demo-key');
  const tenant = await takeLive(stack, body.id);
  const summary: CapturedMail = await stack.mail.waitFor((mail) => mail.subject === `${body.name}: initial load finished with warnings`, 30_000);
  const url = summary.text.match(/http:\/\/roster\.test(\/reports\/(\S+))/);
  expect(url, summary.text).not.toBeNull();
  return { tenantId: body.id, tenantName: body.name, runId: tenant.lastSync.id, reportPath: url![1]!, token: url![2]! };
}

beforeAll(async () => {
  live = await liveRunWithSkip();
}, 120_000);

const get = (path: string, init: RequestInit = {}) => fetch(`${demo.stack.url}${path}`, { redirect: 'manual', ...init });

/** A refusal: the readable page, its status, and nothing of why beyond its title. */
async function expectRefused(path: string, status: 404 | 410) {
  const answer = await get(path);
  const html = await answer.text();
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
  expect(answer.headers.get('x-robots-tag')).toContain('noindex');
  expect(html).toContain(status === 410 ? 'This report link has expired' : 'This report link is not valid');
  expect(html).not.toMatch(/signature|JWS|JWT|\bat \w+ \(/);
}

describe('the signed report link', () => {
  it("opens the live tenant's run from its summary e-mail without a session: counts, a skipped record's reason, errors.csv", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const answer = await page.goto(`${demo.stack.url}${live.reportPath}`);
    expect(answer?.status()).toBe(200);
    expect(await context.cookies()).toEqual([]);
    const headers = answer!.headers();
    expect(headers).toMatchObject({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'content-security-policy': consolePolicy });
    expect(headers['x-robots-tag']).toContain('noindex');

    await page.getByRole('heading', { name: `Sync report for ${live.tenantName}` }).waitFor();
    const counts = page.getByRole('table').filter({ has: page.getByRole('rowheader', { name: 'Accounts created' }) });
    await expect.poll(() => counts.getByRole('row', { name: /People skipped \(data problem\)/ }).textContent()).toContain('1');
    await expect.poll(() => counts.getByRole('row', { name: /Accounts created/ }).textContent()).toContain('1');
    const skipped = page.getByRole('row', { name: /Noah Mailless/ });
    await expect.poll(() => skipped.textContent()).toMatch(/Skipped.*missing_identity_key/);
    // Nothing else of Roster: no navigation, no sign-out.
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);

    const download = await get(`${live.reportPath}/errors.csv`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(download.headers.get('cache-control')).toBe('no-store');
    const csv = await download.text();
    expect(csv.split('\r\n')[0]).toBe('hrisId,identityKey,name,action,severity,reasonCode,reason,line');
    expect(csv).toMatch(/^p1,,Noah Mailless,skip,skipped,missing_identity_key,/m);
    expect(csv).not.toContain('Ada');
    await expect.poll(() => page.getByRole('link', { name: 'Download errors.csv' }).getAttribute('href')).toBe(`${live.reportPath}/errors.csv`);
  });

  it('refuses the link signed with an expiry in the past with the "expired" page', async () => {
    const expired = await signReportToken(keyring, { runId: live.runId, tenantId: live.tenantId }, new Date(Date.now() - 60_000));
    await expectRefused(`/reports/${expired}`, 410);
    await expectRefused(`/reports/${expired}/errors.csv`, 410);
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${demo.stack.url}/reports/${expired}`);
    await page.getByRole('heading', { name: 'This report link has expired' }).waitFor();
  });

  it('refuses a link with one character altered, one signed with another key, and one of another kind', async () => {
    const [header, payload, signature] = live.token.split('.') as [string, string, string];
    const altered = `${header}.${payload.slice(0, 10)}${payload[10] === 'x' ? 'y' : 'x'}${payload.slice(11)}.${signature}`;
    const otherKey = await signReportToken(createKeyring(randomBytes(32).toString('base64')), { runId: live.runId, tenantId: live.tenantId }, new Date(Date.now() + 3_600_000));
    // Signed with the report key, but not as a report link.
    const otherKind = await new SignJWT({ tid: live.tenantId }).setProtectedHeader({ alg: 'HS256' }).setSubject(live.runId).setExpirationTime('1h').sign(derivedKeys(keyring, 'report links')[0]!);
    for (const token of [altered, otherKey, otherKind, 'not-a-token', randomBytes(32).toString('base64url')]) {
      await expectRefused(`/reports/${token}`, 404);
      await expectRefused(`/reports/${token}/errors.csv`, 404);
    }
    await expectRefused(`${live.reportPath}/items.csv`, 404);
  });

  it("cannot open another run's report, a console page or the API", async () => {
    const { stack } = demo;
    // The tenant's test run: the report link's payload swapped for one naming it, under the same signature.
    const testRun = (await stack.request('GET', `/api/tenants/${live.tenantId}/syncs`)).body.syncs.find((run: { id: string }) => run.id !== live.runId);
    const [header, , signature] = live.token.split('.') as [string, string, string];
    const claims = Buffer.from(JSON.stringify({ sub: testRun.id, tid: live.tenantId, aud: 'roster report', exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url');
    await expectRefused(`/reports/${header}.${claims}.${signature}`, 404);

    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${stack.url}${live.reportPath}`);
    await page.getByRole('heading', { name: `Sync report for ${live.tenantName}` }).waitFor();
    await page.goto(`${stack.url}/tenants/${live.tenantId}`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
    const tenants = await get('/tenants');
    expect(tenants.status).toBe(303);
    expect(tenants.headers.get('location')).toMatch(/^\/sign-in/);
    expect((await get(`/api/syncs/${live.runId}`, { headers: { authorization: `Bearer ${live.token}` } })).status).toBe(401);
  });

  it('shows the report with no serious accessibility problem, at both widths', async () => {
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${demo.stack.url}${live.reportPath}`);
    await page.getByRole('heading', { name: `Sync report for ${live.tenantName}` }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshots(page, 'report');
  });

  it('leaves the token out of the logs, and no e-mail links to the API', async () => {
    expect(demo.stack.logs.join('\n')).not.toContain(live.token.split('.')[2]);
    expect(demo.stack.mail.messages.length).toBeGreaterThan(0);
    for (const mail of demo.stack.mail.messages) expect(mail.text, mail.subject).not.toContain('/api/');
  });
});
