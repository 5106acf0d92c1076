// The customer's authorization page on the real stack: what it says, and its form's outcomes.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthorizationLinkActivities } from '../../activities/authorization-links';
import { hashLinkToken, newLinkToken } from '../../common/authorization-links';
import { createKeyring, SecretStore } from '../../common/secrets';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { encryptionKey, startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const tokensSent: string[] = [];

async function linkForNewTenant(body: object = demoTenant()) {
  const id = (body as { id: string }).id;
  expect((await stack.request('POST', '/api/tenants', body)).status).toBe(201);
  expect((await stack.request('PUT', `/api/tenants/${id}/config`, kickoffConfig)).status).toBe(200);
  expect((await stack.request('POST', `/api/tenants/${id}/kickoff/complete`, {})).status).toBe(200);
  const answer = await stack.request('POST', `/api/tenants/${id}/authorization-links`, {});
  expect(answer.status).toBe(201);
  const token = (answer.body.url as string).split('/').at(-1)!;
  tokensSent.push(token);
  return { id, name: (body as { name: string }).name, token };
}

const page = async (method: 'GET' | 'POST', token: string, form?: Record<string, string>) => {
  const response = await fetch(`${stack.url}/authorize/${token}`, form ? { method, body: new URLSearchParams(form) } : { method });
  return { status: response.status, headers: response.headers, html: await response.text() };
};

function expectPrivatePage(answer: { headers: Headers; html: string }) {
  expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
  expect(answer.headers.get('cache-control')).toBe('no-store');
  expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
  expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  expect(answer.html).toMatch(/^<!doctype html>\n<html lang="en">/);
  expect(answer.html).toMatch(/<title>[^<]+<\/title>/);
  expect(answer.html).toMatch(/<h1>[^<]+<\/h1>/);
  expect(answer.html).not.toMatch(/<script|<link |src="https?:/);
  expectWorksUnderItsPolicy(answer);
}

/**
 * What a browser enforcing the page's Content-Security-Policy would block: every style the page has
 * must be allowed by its hash, and there is nothing else (no script, no style attribute) to allow.
 */
function expectWorksUnderItsPolicy({ headers, html }: { headers: Headers; html: string }) {
  const policy = headers.get('content-security-policy')!;
  expect(policy).toMatch(/^default-src 'none'; /);
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).toContain("frame-ancestors 'none'");
  const styles = [...html.matchAll(/<style>([^<]*)<\/style>/g)].map((m) => m[1]!);
  expect(styles).toHaveLength(1);
  for (const style of styles) expect(policy).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
  expect(html).not.toMatch(/\sstyle=|\son[a-z]+=/i);
}

describe('the authorization page', () => {
  it('names the tenant and the HR system, says where the key is, and has a labelled password field', async () => {
    const { name, token } = await linkForNewTenant();
    const answer = await page('GET', token);
    expect(answer.status).toBe(200);
    expectPrivatePage(answer);
    expect(answer.html).toContain(`Connect the demo HR system for ${name}`);
    expect(answer.html).toContain('<h2>Where to find the key</h2>');
    expect(answer.html).toContain('its key is demo-key');
    expect(answer.html).toContain('<label for="api-key">');
    expect(answer.html).toMatch(/<input id="api-key" name="apiKey" type="password" autocomplete="off"/);
    expect(answer.html).toContain('<form method="post">');
    expect(answer.html).toContain('<button type="submit">');
    // The demo HR system is inside Roster: the page says the key goes nowhere else.
    expect(answer.html).toContain('The key stays in Roster: the demo HR system is part of Roster, so the key is sent nowhere else.');
  });

  it('tells a Humaans admin where the token is made and which scope it needs, escaping the tenant name', async () => {
    // A link recorded directly, as the workflow's activity records it: a Humaans tenant needs no
    // reachable Humaans to show its page.
    const id = `page-${randomUUID().slice(0, 8)}`;
    const tenant = { id, name: 'Smith & <Jones>', hris: { provider: 'humaans' }, platform: { kind: 'demo' } };
    expect((await stack.request('POST', '/api/tenants', tenant)).status).toBe(201);
    const token = newLinkToken();
    const activities = createAuthorizationLinkActivities({ db: stack.db, secrets: new SecretStore(stack.db, createKeyring(encryptionKey)), publicUrl: stack.url });
    const at = new Date().toISOString();
    await activities.recordAuthorizationLink({ tenantId: id, linkId: randomUUID(), tokenHash: hashLinkToken(token), expiresAt: new Date(Date.now() + 3_600_000).toISOString(), createdBy: 'test', at });

    const answer = await page('GET', token);
    expect(answer.status).toBe(200);
    expect(answer.html).toContain('Connect Humaans for Smith &amp; &lt;Jones&gt;');
    expect(answer.html).not.toContain('<Jones>');
    expect(answer.html).toContain('API access tokens');
    expect(answer.html).toContain('private:read');
  });

  it.each([
    ['Humaans at its usual address', { provider: 'humaans' }, 'app.humaans.io', 'Humaans'],
    ['Humaans at an address support entered', { provider: 'humaans', baseUrl: 'https://eu.humaans.example:8443/api' }, 'eu.humaans.example:8443', 'Humaans'],
    ['BambooHR by its subdomain', { provider: 'bamboohr', subdomain: 'globex' }, 'globex.bamboohr.com', 'BambooHR'],
    ['Worknice', { provider: 'worknice' }, 'app.worknice.com', 'Worknice'],
  ])('says in plain words where the key will be sent: %s', async (_case, hris, host, system) => {
    const id = `host-${randomUUID().slice(0, 8)}`;
    expect((await stack.request('POST', '/api/tenants', { id, name: 'Globex', hris, platform: { kind: 'demo' } })).status).toBe(201);
    const token = newLinkToken();
    tokensSent.push(token);
    const activities = createAuthorizationLinkActivities({ db: stack.db, secrets: new SecretStore(stack.db, createKeyring(encryptionKey)), publicUrl: stack.url });
    await activities.recordAuthorizationLink({ tenantId: id, linkId: randomUUID(), tokenHash: hashLinkToken(token), expiresAt: new Date(Date.now() + 3_600_000).toISOString(), createdBy: 'test', at: new Date().toISOString() });

    const answer = await page('GET', token);
    expect(answer.status).toBe(200);
    expect(answer.html).toContain(`Roster will send the key to <strong>${host}</strong>, the address of ${system} in Globex's settings, and nowhere else.`);
    // Said before the field, so it is read before a key is pasted.
    expect(answer.html.indexOf('id="key-destination"')).toBeLessThan(answer.html.indexOf('<form'));
  });

  it('takes a verified key from the form and says there is nothing more to do', async () => {
    const { id, token } = await linkForNewTenant();
    const answer = await page('POST', token, { apiKey: 'demo-key' });
    expect(answer.status).toBe(200);
    expectPrivatePage(answer);
    expect(answer.html).toContain('The key works');
    expect(answer.html).toContain('nothing more to do');
    expect((await stack.request('GET', `/api/tenants/${id}`)).body.hris.credential.status).toBe('verified');

    const again = await page('GET', token);
    expect(again.status).toBe(410);
    expectPrivatePage(again);
    expect(again.html).toContain('This link no longer works');
    expect(again.html).toContain('ask your Roster contact');
    expect(again.html).not.toContain('<form');
  });

  it('answers a rejected key with why, the tries left and the form again', async () => {
    const { token } = await linkForNewTenant();
    const answer = await page('POST', token, { apiKey: 'not-the-key' });
    expect(answer.status).toBe(400);
    expectPrivatePage(answer);
    expect(answer.html).toContain('role="alert"');
    expect(answer.html).toContain('The HR system rejected this key');
    expect(answer.html).toContain('4 tries left');
    expect(answer.html).toContain('<form method="post">');
    expect(answer.html).not.toContain('not-the-key');

    const empty = await page('POST', token, { apiKey: '' });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('Paste the API key into the field');
  });

  it('answers an unknown link with a 404 page', async () => {
    const answer = await page('GET', 'B'.repeat(43));
    expect(answer.status).toBe(404);
    expectPrivatePage(answer);
    expect(answer.html).toContain('This link is not valid');
    expect((await page('POST', 'B'.repeat(43), { apiKey: 'demo-key' })).status).toBe(404);
  });

  it('never logs the token', () => {
    const logged = stack.logs.join('\n');
    expect(logged).toContain('/authorize/:linkToken');
    for (const token of tokensSent) expect(logged).not.toContain(token);
  });
});
