// The rate limits on authorization links (api/link-rate-limits.ts), per client address and per
// link, on the page and the JSON route, and the client's address as ROSTER_TRUST_PROXY says.
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { PER_ADDRESS_LIMIT, PER_LINK_LIMIT } from '../../api/link-rate-limits';
import { hashLinkToken } from '../../common/authorization-links';
import { apiEnvSchema, loadEnv } from '../../common/env';
import { createKeyring, SecretStore } from '../../common/secrets';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { encryptionKey, startTestStack, type TestStack } from '../support/stack';

// Behind a proxy on loopback, as ROSTER_TRUST_PROXY=loopback says: each test's client is its own forwarded address.
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ trustProxy: ['loopback'] });
});
afterAll(() => stack?.stop());

const unknownToken = () => randomBytes(32).toString('base64url');

/** The JSON redemption from a client at `from` (X-Forwarded-For, which only a trusted proxy may set). */
async function redeem(base: string, token: string, from: string) {
  const response = await fetch(`${base}/api/authorize/${token}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from }, body: JSON.stringify({ apiKey: 'not-the-key' }) });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { error?: { code: string; message: string } } };
}

/** `count` requests at once; their statuses. */
const statuses = async (count: number, send: (n: number) => Promise<{ status: number }>) => (await Promise.all(Array.from({ length: count }, (_, n) => send(n)))).map((a) => a.status);

function expectRetryAfter(value: string | null) {
  expect(Number(value)).toBeGreaterThan(0);
  expect(Number(value)).toBeLessThanOrEqual(15 * 60);
}

async function issuedLink(): Promise<string> {
  const body = demoTenant();
  expect((await stack.request('POST', '/api/tenants', body)).status).toBe(201);
  expect((await stack.request('PUT', `/api/tenants/${body.id}/config`, kickoffConfig)).status).toBe(200);
  expect((await stack.request('POST', `/api/tenants/${body.id}/kickoff/complete`, {})).status).toBe(200);
  const answer = await stack.request('POST', `/api/tenants/${body.id}/authorization-links`, {});
  expect(answer.status).toBe(201);
  return (answer.body.url as string).split('/').at(-1)!;
}

describe('per client address', () => {
  it(`answers 429 rate_limited with Retry-After after ${PER_ADDRESS_LIMIT} requests from one address, and only to it`, async () => {
    const from = '198.51.100.7';
    expect(new Set(await statuses(PER_ADDRESS_LIMIT, () => redeem(stack.url, unknownToken(), from)))).toEqual(new Set([404]));
    const limited = await redeem(stack.url, unknownToken(), from);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/^Too many requests to authorization links from your address in a short time\. Nothing was changed: wait \d+ minutes? and try again\.$/) } });
    expectRetryAfter(limited.retryAfter);
    // Another client behind the same proxy is not held back.
    expect((await redeem(stack.url, unknownToken(), '198.51.100.8')).status).toBe(404);
  });

  it('counts every client as the proxy itself when trust proxy is off (the default): X-Forwarded-For cannot dodge the limit', async () => {
    const { app } = createApp({ db: stack.db, client: stack.client, secrets: new SecretStore(stack.db, createKeyring(encryptionKey)), taskQueue: stack.taskQueue, allowPrivateUrls: true, minScheduleMinutes: 15 });
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      expect(new Set(await statuses(PER_ADDRESS_LIMIT, (n) => redeem(base, unknownToken(), `203.0.113.${n}`)))).toEqual(new Set([404]));
      expect((await redeem(base, unknownToken(), '203.0.113.250')).status).toBe(429);
      // The operator learns why: a proxy seems to be in front, and Roster does not trust it.
      expect(stack.logs.join('\n')).toMatch(/"level":"warn","msg":"link rate limits: check ROSTER_TRUST_PROXY".*X-Forwarded-For/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('per link', () => {
  const tokens: string[] = [];

  it(`answers 429 after ${PER_LINK_LIMIT} requests for one link from anywhere: a page on the page, the error shape on the JSON route`, async () => {
    const token = await issuedLink();
    tokens.push(token);
    const page = (from: string) => fetch(`${stack.url}/authorize/${token}`, { headers: { 'x-forwarded-for': from } });
    expect(new Set(await statuses(PER_LINK_LIMIT, (n) => page(`192.0.2.${n + 1}`)))).toEqual(new Set([200]));

    const limitedPage = await page('192.0.2.200');
    expect(limitedPage.status).toBe(429);
    expectRetryAfter(limitedPage.headers.get('retry-after'));
    expect(limitedPage.headers.get('content-type')).toMatch(/^text\/html/);
    expect(limitedPage.headers.get('cache-control')).toBe('no-store');
    const html = await limitedPage.text();
    expect(html).toContain('<h1>Too many tries</h1>');
    expect(html).toContain('Too many requests for this link');
    expect(html).not.toContain('<form');

    const limitedJson = await redeem(stack.url, token, '192.0.2.201');
    expect(limitedJson.status).toBe(429);
    expect(limitedJson.body.error).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('for this link') });
    expectRetryAfter(limitedJson.retryAfter);
    // Refused before the link was looked at: no try recorded, none counted.
    const link = await stack.db('authorization_links').where({ token_hash: hashLinkToken(token) }).first();
    expect(link).toMatchObject({ status: 'active', rejected_attempts: 0, tries_in_flight: 0 });
    expect(await stack.db('authorization_attempts').where({ link_id: link.id })).toEqual([]);
  });

  it('logs a refusal by its route, never with the token', () => {
    const logged = stack.logs.join('\n');
    expect(logged).toMatch(/"route":"\/authorize\/:linkToken","status":429/);
    expect(logged).toMatch(/"route":"\/api\/authorize\/:linkToken","status":429/);
    expect(tokens).toHaveLength(1);
    for (const token of tokens) expect(logged).not.toContain(token);
  });
});

describe('ROSTER_TRUST_PROXY', () => {
  const required = { DATABASE_URL: 'postgres://roster:pw@db:5432/roster', ROSTER_ENCRYPTION_KEY: encryptionKey };
  const trustProxy = (value?: string) => loadEnv(apiEnvSchema, { ...required, ROSTER_TRUST_PROXY: value }).ROSTER_TRUST_PROXY;

  it('takes what Express takes: off by default, a hop count, range names, addresses and CIDR ranges', () => {
    expect(trustProxy()).toBe(false);
    expect(trustProxy('false')).toBe(false);
    expect(trustProxy('1')).toBe(1);
    expect(trustProxy('loopback')).toEqual(['loopback']);
    expect(trustProxy('loopback, 10.0.0.0/8, 192.168.1.7, fd00::/8, 172.16.0.0/255.240.0.0')).toEqual(['loopback', '10.0.0.0/8', '192.168.1.7', 'fd00::/8', '172.16.0.0/255.240.0.0']);
  });

  it.each(['true', 'everyone', '10.0.0.0/33', '10.0.0.1/8/8', 'loopback,'])('refuses %s in one line naming the variable', (value) => {
    expect(() => trustProxy(value)).toThrow(/^Invalid environment: ROSTER_TRUST_PROXY must be a hop count/);
  });
});
