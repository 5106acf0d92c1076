// The demo directory page: hiring, changing and terminating people through the page's forms, which
// the API's own routes take (and refuse, field by field); other tenants get a readable page.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../activities/hris/dates';
import type { HrisSettings } from '../../common/tenant';
import { createToken } from '../../api/tokens';
import { insertTenant } from '../activities/hris/demo-tenant';
import { accessibilityProblems, newContext, screenshots, useStackAndBrowser } from '../support/browser';
import { uniqueTenantId } from '../support/stack';

const ui = useStackAndBrowser({ startWorker: false });

async function signedIn(token: string, path: string): Promise<Page> {
  const page = await (await newContext(ui.browser)).newPage();
  await page.goto(`${ui.stack.url}${path}`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page;
}

type Person = { hrisId: string; firstName?: string; department?: string; status: string; endDate?: string };
const personIn = async (tenantId: string, hrisId: string) =>
  ((await ui.stack.request('GET', `/api/tenants/${tenantId}/demo/people`)).body.people as Person[]).find((person) => person.hrisId === hrisId);

describe('the demo directory page', () => {
  it('hires, changes and terminates a person through the API, showing its refusals beside the fields', async () => {
    const tenantId = await insertTenant(ui.stack.db);
    const page = await signedIn(ui.stack.adminToken, `/tenants/${tenantId}/demo`);
    await page.getByRole('heading', { name: `Demo directory of Demo ${tenantId}` }).waitFor();
    // A page at a time, in HR id order.
    expect(await page.getByRole('row').count()).toBe(51);
    expect(await page.getByRole('cell', { name: 'demo-0051', exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.getByRole('cell', { name: 'demo-0051', exact: true }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('link', { name: 'First page' }).click();
    await page.locator('tbody tr td:nth-child(2)', { hasText: /^demo-0001$/ }).waitFor();

    const hire = page.getByRole('form', { name: 'Hire a person' });
    await hire.getByLabel('First name').fill('Nina');
    await hire.getByLabel('Last name').fill('Newhire');
    await hire.getByLabel('Work e-mail').fill(`nina.${tenantId}@acme.example`);
    await hire.getByLabel('Department').fill('Sales');
    await hire.getByLabel('Start date').fill('2030-02-30');
    await hire.getByRole('button', { name: 'Hire' }).click();
    await expect.poll(() => hire.locator('#hire-startDate-error').textContent()).toContain('must be a date as YYYY-MM-DD');

    await hire.getByLabel('Start date').fill('');
    await hire.getByRole('button', { name: 'Hire' }).click();
    await page.getByRole('heading', { name: /Nina Newhire/ }).waitFor();
    const hrisId = new URL(page.url()).searchParams.get('person')!;
    expect(await personIn(tenantId, hrisId)).toMatchObject({ firstName: 'Nina', department: 'Sales', status: 'active' });

    const change = page.getByRole('form', { name: 'Change Nina Newhire' });
    await change.getByLabel('Department').fill('Marketing');
    await change.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(async () => (await personIn(tenantId, hrisId))?.department).toBe('Marketing');

    const today = localDate('UTC');
    await page.getByRole('button', { name: 'Terminate Nina Newhire' }).click();
    await expect.poll(() => page.locator('#person ~ p').first().textContent()).toContain(`ends ${today}`);
    expect(await personIn(tenantId, hrisId)).toMatchObject({ status: 'terminated', endDate: today });
    expect(await page.getByRole('button', { name: 'Terminate Nina Newhire' }).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshots(page, 'demo-directory');
  });

  it('answers a tenant of another HR system with a readable 409 page, and an unknown one with a 404 page', async () => {
    const tenantId = await insertTenant(ui.stack.db, { provider: 'humaans', baseUrl: 'https://api.humaans.io/api' } as HrisSettings);
    const page = await signedIn(ui.stack.adminToken, '/tenants');
    await page.getByRole('heading', { name: 'Tenants' }).waitFor();
    const refused = await page.goto(`${ui.stack.url}/tenants/${tenantId}/demo`);
    expect(refused?.status()).toBe(409);
    await page.getByRole('heading', { name: 'No demo directory' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('reads its people from humaans, not the demo HRIS');

    expect((await page.goto(`${ui.stack.url}/tenants/${uniqueTenantId()}/demo`))?.status()).toBe(404);
    expect((await page.goto(`${ui.stack.url}/tenants/NOT_AN_ID/demo`))?.status()).toBe(404);
  });

  it('shows a viewer the people and no form', async () => {
    const tenantId = await insertTenant(ui.stack.db);
    const page = await signedIn(await createToken(ui.stack.db, `viewer-${uniqueTenantId()}`, 'viewer'), `/tenants/${tenantId}/demo?person=demo-0001`);
    await page.getByRole('heading', { name: /demo-0001/ }).waitFor();
    expect(await page.locator('form[data-api]').count()).toBe(0);
  });
});
