// Creating a tenant and changing its settings and config in the console: forms sent to the API
// itself, whose refusals land beside their fields (inside a JSON field too), the HR system's own
// settings shown as it is chosen, the config's daylight-saving warnings, and no form for a viewer.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createToken } from '../../api/tokens';
import { demoTenant, scimTenant } from '../support/fixtures';
import { accessibilityProblems, newContext, screenshots, useStackAndBrowser } from '../support/browser';
import { uniqueTenantId } from '../support/stack';

const ui = useStackAndBrowser();

/**
 * Signs in through the page. express-session sends the 303's headers before the new session is
 * stored, so the redirect may outrun it: the test waits for the answer's end, then opens the page.
 */
async function signedIn(token = ui.stack.adminToken): Promise<Page> {
  const page = await (await newContext(ui.browser)).newPage();
  await page.goto(`${ui.stack.url}/sign-in`);
  await page.getByLabel('API token').fill(token);
  const [answer] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/sign-in'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  await answer.finished();
  return page;
}

async function apiTenant(): Promise<ReturnType<typeof demoTenant>> {
  const tenant = demoTenant();
  expect((await ui.stack.request('POST', '/api/tenants', tenant)).status).toBe(201);
  return tenant;
}

/** The error note the script put beside a field. */
const errorBeside = (page: Page, fieldId: string) => page.locator(`#${fieldId} + .field-error`);

describe('the new tenant page', () => {
  it('creates a demo tenant and goes to its page', async () => {
    const page = await signedIn();
    await page.goto(`${ui.stack.url}/tenants/new`);
    const id = uniqueTenantId('new');
    await page.getByLabel('Tenant id').fill(id);
    await page.getByLabel('Name', { exact: true }).fill(`Initech ${id}`);
    await page.getByLabel('HR system').selectOption('demo');
    await page.getByLabel('Platform', { exact: true }).selectOption('demo');
    await page.getByLabel("HR admin's e-mail").fill('hr@initech.example');
    await page.getByRole('button', { name: 'Create the tenant' }).click();

    await expect.poll(() => new URL(page.url()).pathname).toBe(`/tenants/${id}`);
    const { status, body } = await ui.stack.request('GET', `/api/tenants/${id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: `Initech ${id}`, stage: 'kickoff', hris: { provider: 'demo' }, platform: { kind: 'demo' }, contacts: { hrisAdminEmail: 'hr@initech.example' } });
  });

  it('creates a SCIM tenant with a sandbox, whose token is never shown, and offers its address in the settings until go-live', async () => {
    const page = await signedIn();
    await page.goto(`${ui.stack.url}/tenants/new`);
    const id = uniqueTenantId('sandbox');
    await page.getByLabel('Tenant id').fill(id);
    await page.getByLabel('Name', { exact: true }).fill(`Umbrella ${id}`);
    await page.getByLabel('HR system').selectOption('demo');
    await page.getByLabel('Platform', { exact: true }).selectOption('scim');
    await page.getByLabel('SCIM address (base URL)').fill('http://127.0.0.1:9/scim/v2');
    await page.getByLabel('SCIM token', { exact: true }).fill('production-token');
    await page.getByLabel('Sandbox SCIM address (optional)').fill('http://127.0.0.1:9/sandbox/scim/v2');
    await page.getByLabel('Sandbox SCIM token').fill('sandbox-token');
    await page.getByRole('button', { name: 'Create the tenant' }).click();

    await expect.poll(() => new URL(page.url()).pathname).toBe(`/tenants/${id}`);
    const { body, text } = await ui.stack.request('GET', `/api/tenants/${id}`);
    expect(body.platform).toMatchObject({ kind: 'scim', sandbox: { baseUrl: 'http://127.0.0.1:9/sandbox/scim/v2' } });
    expect(text).not.toContain('sandbox-token');
    await page.goto(`${ui.stack.url}/tenants/${id}/settings`);
    expect(await page.getByLabel('Sandbox SCIM address (optional)').inputValue()).toBe('http://127.0.0.1:9/sandbox/scim/v2');
    expect(await page.getByLabel('New sandbox SCIM token').inputValue()).toBe('');
  });

  it("shows the API's refusal of a bad id beside the id field, and creates nothing", async () => {
    const page = await signedIn();
    await page.goto(`${ui.stack.url}/tenants/new`);
    const name = `Bad id ${uniqueTenantId()}`;
    await page.getByLabel('Tenant id').fill('Not An Id!');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('HR system').selectOption('demo');
    await page.getByLabel('Platform', { exact: true }).selectOption('demo');
    await page.getByRole('button', { name: 'Create the tenant' }).click();

    await expect.poll(() => errorBeside(page, 'field-id').textContent()).toContain('lower-case letters, digits or dashes');
    expect(await page.getByLabel('Tenant id').getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).pathname).toBe('/tenants/new');
    const { body } = await ui.stack.request('GET', `/api/tenants?q=${encodeURIComponent(name)}`);
    expect(body.tenants).toEqual([]);
  });

  it("shows only the chosen HR system's own settings, and sends only those", async () => {
    const page = await signedIn();
    await page.goto(`${ui.stack.url}/tenants/new`);
    const demoNote = page.getByText('The demo HR system needs no settings here.');
    const humaansAddress = page.locator('#field-hris-humaans-baseUrl');
    const bambooSubdomain = page.locator('#field-hris-bamboohr-subdomain');

    await page.getByLabel('HR system').selectOption('demo');
    await demoNote.waitFor();
    expect(await humaansAddress.isVisible()).toBe(false);

    await page.getByLabel('HR system').selectOption('humaans');
    await humaansAddress.waitFor();
    expect(await demoNote.isVisible()).toBe(false);
    expect(await bambooSubdomain.isVisible()).toBe(false);
    expect(await bambooSubdomain.isDisabled()).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshots(page, 'tenant-new');

    const id = uniqueTenantId('hum');
    await page.getByLabel('Tenant id').fill(id);
    await page.getByLabel('Name', { exact: true }).fill(`Hooli ${id}`);
    await humaansAddress.fill('http://127.0.0.1:9/api');
    await page.getByLabel('Platform', { exact: true }).selectOption('demo');
    await page.getByRole('button', { name: 'Create the tenant' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/tenants/${id}`);
    const { body } = await ui.stack.request('GET', `/api/tenants/${id}`);
    expect(body.hris).toEqual({ provider: 'humaans', baseUrl: 'http://127.0.0.1:9/api', credential: { status: 'missing' } });
  });
});

/** Opens a new demo tenant's config page with the required fields filled; the test adds its own. */
async function configPage(required: { identityKey?: string; errorsTo?: string; timezone?: string; cron?: string } = {}) {
  const tenant = await apiTenant();
  const page = await signedIn();
  await page.goto(`${ui.stack.url}/tenants/${tenant.id}/config`);
  await page.getByLabel('Identity key').selectOption(required.identityKey ?? 'workEmail');
  await page.getByLabel('Errors to').fill(required.errorsTo ?? 'it@acme.example');
  await page.getByLabel('Timezone').fill(required.timezone ?? 'UTC');
  await page.getByLabel('When (cron)').fill(required.cron ?? '0 4 * * *');
  return { tenant, page };
}

describe('the config page', () => {
  it('shows each refusal beside its field, a JSON field included, then records the fixed config', async () => {
    const { tenant, page } = await configPage({ errorsTo: 'it@acme.example, ops@acme.example', cron: 'every night' });
    await page.getByLabel('Exclusion rules (JSON)').fill('[{"field": "shoeSize", "equals": "44"}]');
    await page.getByRole('button', { name: 'Save the config' }).click();

    await expect.poll(() => errorBeside(page, 'field-schedule-cron').textContent()).toMatch(/\S/);
    expect(await errorBeside(page, 'field-include-exclude').textContent()).toContain('0.field: "shoeSize" is not an employee field');
    expect((await ui.stack.request('GET', `/api/tenants/${tenant.id}`)).body.config).toBeNull();

    await page.getByLabel('When (cron)').fill('0 4 * * *');
    await page.getByLabel('Exclusion rules (JSON)').fill('[{"field": "department", "equals": "Contractors"}]');
    await page.getByRole('button', { name: 'Save the config' }).click();
    await expect.poll(async () => (await ui.stack.request('GET', `/api/tenants/${tenant.id}`)).body.config).toMatchObject({
      identityKey: 'workEmail',
      include: { statuses: ['active', 'onboarding'], exclude: [{ field: 'department', equals: 'Contractors' }] },
      notifications: { errorsTo: ['it@acme.example', 'ops@acme.example'] },
      schedule: { cron: '0 4 * * *', timezone: 'UTC', jitterMinutes: 10 },
    });
    await expect.poll(() => page.getByLabel('When (cron)').inputValue()).toBe('0 4 * * *');
    expect(await page.locator('.field-error').count()).toBe(0);
  });

  it('records two group dimensions with their prefixes and the adoption of existing groups, and shows a repeated dimension beside the groups field', async () => {
    const { tenant, page } = await configPage();
    await page.getByLabel('Groups (JSON)').fill('[{"from": "location"}, {"from": "location", "prefix": "Site: "}]');
    await page.getByRole('button', { name: 'Save the config' }).click();
    await expect.poll(() => errorBeside(page, 'field-groups').textContent()).toContain('"location" is listed twice');

    await page.getByLabel('Groups (JSON)').fill('[{"from": "department"}, {"from": "location", "prefix": "Site: ", "deleteRemoved": true}]');
    await page.getByLabel('Adopt existing groups').check();
    await page.getByRole('button', { name: 'Save the config' }).click();
    await expect.poll(async () => (await ui.stack.request('GET', `/api/tenants/${tenant.id}`)).body.config).toMatchObject({
      groups: [
        { from: 'department', prefix: '', deleteRemoved: false },
        { from: 'location', prefix: 'Site: ', deleteRemoved: true },
      ],
      adoptExistingGroups: true,
    });
    await page.reload();
    expect(await page.getByLabel('Adopt existing groups').isChecked()).toBe(true);
    expect(JSON.parse(await page.getByLabel('Groups (JSON)').inputValue())).toHaveLength(2);
  });

  it('records anonymiseAfterDays, and shows a value out of range beside its field', async () => {
    const { tenant, page } = await configPage();
    const anonymise = page.getByLabel('Anonymise deactivated accounts after (days)');
    await anonymise.fill('3');
    await page.getByRole('button', { name: 'Save the config' }).click();
    await expect.poll(() => errorBeside(page, 'field-anonymiseAfterDays').textContent()).toContain('a whole number from 7 to 3650');

    await anonymise.fill('30');
    await page.getByRole('button', { name: 'Save the config' }).click();
    await expect.poll(async () => (await ui.stack.request('GET', `/api/tenants/${tenant.id}`)).body.config?.anonymiseAfterDays).toBe(30);
    // The saved page shows the recorded value, and no refusal any more.
    await expect.poll(() => page.locator('.field-error').count()).toBe(0);
    expect(await page.getByLabel('Anonymise deactivated accounts after (days)').inputValue()).toBe('30');
  });

  it("shows the API's daylight-saving warning of a time that does not exist, after the save", async () => {
    const tenant = await apiTenant();
    const page = await signedIn();
    await page.goto(`${ui.stack.url}/tenants/${tenant.id}/config`);
    expect(await page.getByRole('heading', { name: 'Warnings' }).count()).toBe(0);
    await page.getByLabel('Identity key').selectOption('employeeCode');
    await page.getByLabel('Errors to').fill('it@acme.example');
    await page.getByLabel('Timezone').fill('Europe/Paris');
    await page.getByLabel('When (cron)').fill('30 2 * * *');
    await page.getByRole('button', { name: 'Save the config' }).click();

    const warnings = page.locator('.notice.warning');
    await warnings.waitFor();
    expect(await warnings.textContent()).toContain('02:30 does not exist in Europe/Paris');
    const { body } = await ui.stack.request('GET', `/api/tenants/${tenant.id}`);
    expect(body.warnings).toContainEqual(expect.objectContaining({ path: 'schedule.cron', message: expect.stringContaining('02:30 does not exist in Europe/Paris') }));
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshots(page, 'tenant-config');
  });
});

describe('the settings page', () => {
  it('changes the name and removes an emptied contact', async () => {
    const tenant = await apiTenant();
    const page = await signedIn();
    await page.goto(`${ui.stack.url}/tenants/${tenant.id}/settings`);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(tenant.name);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshots(page, 'tenant-settings');

    await page.getByLabel('Name', { exact: true }).fill(`${tenant.name} Holdings`);
    await page.getByLabel('Support e-mail').fill('');
    await page.getByLabel('Why (optional)').fill('rebranded');
    await page.getByRole('button', { name: 'Save the settings' }).click();

    await expect.poll(() => new URL(page.url()).pathname).toBe(`/tenants/${tenant.id}`);
    const { body } = await ui.stack.request('GET', `/api/tenants/${tenant.id}`);
    expect(body.name).toBe(`${tenant.name} Holdings`);
    expect(body.contacts).toEqual({ hrisAdminEmail: tenant.contacts.hrisAdminEmail });
    expect(body.history.at(-1)).toMatchObject({ action: 'settings_changed', reason: 'rebranded', changes: ['name', 'contacts.supportEmail'] });
  });

  it("says that a new HR-system address forgets the key, and saves a SCIM tenant's name without a new token", async () => {
    const tenant = scimTenant('scim-token');
    expect((await ui.stack.request('POST', '/api/tenants', tenant)).status).toBe(201);
    const page = await signedIn();
    await page.goto(`${ui.stack.url}/tenants/${tenant.id}/settings`);
    expect(await page.getByLabel('API address (base URL)').inputValue()).toBe(tenant.hris.baseUrl);
    expect(await page.getByText("Changing the HR system's address").textContent()).toContain('forgets its key');

    await page.getByLabel('Name', { exact: true }).fill(`${tenant.name} Labs`);
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/tenants/${tenant.id}`);
    const { body } = await ui.stack.request('GET', `/api/tenants/${tenant.id}`);
    expect(body).toMatchObject({ name: `${tenant.name} Labs`, hris: { baseUrl: tenant.hris.baseUrl }, platform: { baseUrl: tenant.platform.baseUrl, loginUrl: tenant.platform.loginUrl } });
    expect(body.history.at(-1).changes).toEqual(['name']);
  });
});

describe('a viewer', () => {
  it('sees that they cannot change anything, and no form, on each page', async () => {
    const tenant = await apiTenant();
    const page = await signedIn(await createToken(ui.stack.db, `viewer-${uniqueTenantId()}`, 'viewer'));
    for (const path of ['/tenants/new', `/tenants/${tenant.id}/settings`, `/tenants/${tenant.id}/config`]) {
      const answer = await page.goto(`${ui.stack.url}${path}`);
      expect(answer?.status()).toBe(403);
      expect(await page.getByRole('alert').textContent()).toContain('cannot change anything');
      expect(await page.locator('form[data-api]').count()).toBe(0);
    }
  });
});
