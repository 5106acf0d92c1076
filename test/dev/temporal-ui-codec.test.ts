// The Temporal UI as `npm start` runs it (dev/temporal-ui.ts), in a real browser: a run's input
// reads decoded to someone signed in to the console, whose session cookie the UI sends to the
// API's codec endpoint, and as ciphertext to anyone else. Its screenshots go to test-artifacts/console/
// (docs/screenshots/temporal-ui-*.png are copies from a run).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { freePort } from '../../common/free-port';
import { findTemporalUiServer, startTemporalUi, type TemporalUi } from '../../dev/temporal-ui';
import { artifactsDir, launchBrowser, newContext } from '../support/browser';
import { liveTinyDemoTenant } from '../support/console-pages';
import { startDemoStack, type DemoStack } from '../support/onboarding';

let demo: DemoStack;
let ui: TemporalUi;
let browser: Browser;
let apiUrl: string;
let syncId: string;
let tenantId: string;

beforeAll(async () => {
  const uiPort = await freePort();
  // localhost for both, as `npm start` serves them: one site, so the UI's request carries the console's cookie.
  demo = await startDemoStack({}, { temporalUiUrl: `http://localhost:${uiPort}` });
  apiUrl = demo.stack.url.replace('127.0.0.1', 'localhost');
  const binary = await findTemporalUiServer();
  if (!binary) throw new Error("Temporal's UI server could not be built: this test needs Go, as `npm start` does.");
  [ui, browser] = await Promise.all([
    startTemporalUi({ binary, port: uiPort, temporalAddress: inject('temporalAddress'), codecEndpoint: `${apiUrl}/codec`, dir: mkdtempSync(join(tmpdir(), 'roster-ui-')) }),
    launchBrowser(),
  ]);
  const live = await liveTinyDemoTenant(demo);
  tenantId = live.tenantId;
  syncId = live.tenant.lastSync.id;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await ui?.stop();
  await demo?.stop();
});

/** What the UI shows of a payload it could not decode: its metadata as base64. */
const sealedEncoding = `"encoding": "${Buffer.from('binary/encrypted').toString('base64')}"`;

/** The run's page in the Temporal UI, once its input panel shows `text`. */
async function openRun(page: Page, text: string) {
  await page.goto(`${ui.url}/namespaces/default/workflows/sync-${syncId}`);
  await expect.poll(() => page.locator('body').innerText(), { timeout: 30_000 }).toContain(text);
}

it("shows a signed-in user the run's input decoded", async () => {
  const page = await (await newContext(browser)).newPage();
  await page.goto(`${apiUrl}/tenants`);
  await page.getByLabel('API token').fill(demo.stack.adminToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Tenants' }).waitFor();

  await openRun(page, `"syncId": "${syncId}"`);
  expect(await page.locator('body').innerText()).toContain(`"tenantId": "${tenantId}"`);
  expect(await page.locator('body').innerText()).not.toContain(sealedEncoding);
  await page.screenshot({ path: join(artifactsDir, 'temporal-ui-decoded.png') });
});

it('shows anyone else ciphertext', async () => {
  const page = await (await newContext(browser)).newPage();
  await openRun(page, sealedEncoding);
  expect(await page.locator('body').innerText()).not.toContain(`"syncId": "${syncId}"`);
  await page.screenshot({ path: join(artifactsDir, 'temporal-ui-ciphertext.png') });
});
