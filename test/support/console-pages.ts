// What the console's page tests share: a live demo tenant of three people (its runs take seconds),
// and a console page opened by someone signing in on the way, as a visitor would.
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { newContext } from './browser';
import { demoTenant, kickoffConfig } from './fixtures';
import { configureAndKickOff, enterKey, takeLive, useTinyDirectory, type DemoStack } from './onboarding';
import type { TestStack } from './stack';

/** A demo tenant in `testing` with a three-person directory, `config` over the kick-off config, and its first test finished; resolves with its id. */
export async function testingTinyDemoTenant(demo: DemoStack, config: object = {}): Promise<string> {
  const body = demoTenant();
  expect((await demo.stack.request('POST', '/api/tenants', body)).status).toBe(201);
  demo.platformFor(body.id);
  await useTinyDirectory(demo.stack, body.id);
  await configureAndKickOff(demo.stack, body.id, { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' }, ...config });
  await enterKey(demo.stack, body.id, 'demo-key');
  return body.id;
}

/** A live demo tenant with a three-person directory and `config` over the kick-off config; resolves with its id and its tenant view. */
export async function liveTinyDemoTenant(demo: DemoStack, config: object = {}) {
  const tenantId = await testingTinyDemoTenant(demo, config);
  return { tenantId, tenant: await takeLive(demo.stack, tenantId) };
}

/** Opens a console page as the token's holder, through the sign-in page it sends a visitor to. */
export async function openSignedIn(browser: Browser, stack: TestStack, path: string, token = stack.adminToken): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await page.goto(`${stack.url}${path}`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe(path);
  await page.waitForLoadState('load');
  return page;
}
