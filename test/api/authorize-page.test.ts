// The customer's authorization page on the real stack: what it says, and its form's outcomes.
import { randomUUID } from 'node:crypto';
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
  expect(answer.html).toMatch(/^<!doctype html>\n<html lang="en">/);
  expect(answer.html).toMatch(/<title>[^<]+<\/title>/);
  expect(answer.html).toMatch(/<h1>[^<]+<\/h1>/);
  expect(answer.html).not.toMatch(/<script|<link |src="https?:/);
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
