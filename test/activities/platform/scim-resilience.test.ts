import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConnectorError } from '../../../activities/http/errors';
import { createScimClient } from '../../../activities/platform';
import type { ScimOperation } from '../../../dev/scim-server';
import { person, startScimPlatform, type ScimPlatform } from './scim-platform';

let platform: ScimPlatform;
beforeAll(async () => {
  platform = await startScimPlatform();
});
afterAll(() => platform.stop());

describe('credentials', () => {
  it('reports a rejected token (401) as credentials_rejected, without retrying', async () => {
    const { baseUrl, tenant } = platform.tenant();
    const client = createScimClient({ baseUrl, token: 'not-the-token', network: { allowPrivateUrls: true } });
    const error = await client.findByUserName('someone@acme.example').catch((e: unknown) => e);
    expect(isConnectorError(error, 'credentials_rejected')).toBe(true);
    expect((error as Error).message).not.toMatch(/someone|not-the-token|filter/);
    expect(tenant.operations.map((operation) => operation.status)).toEqual([401]);
  });

  it('reports a forbidden answer (403) the same way', async () => {
    const { client, tenant } = platform.tenant();
    tenant.failNext(1, { status: 403 });
    await expect(client.createUser(person(1))).rejects.toMatchObject({ code: 'credentials_rejected', details: { status: 403 } });
  });
});

describe('throttling and outages', () => {
  it('waits as long as Retry-After says on 429 and 503, then succeeds', async () => {
    const { client, tenant } = platform.tenant();
    tenant.failNext(1, { status: 429, retryAfterSeconds: 1 });
    tenant.failNext(1, { status: 503, retryAfterSeconds: 1 });

    const created = await client.createUser(person(1));
    expect(created.externalId).toBe('hris-1');
    const [first, second, third] = tenant.operations;
    expect([first, second, third].map((operation) => operation!.status)).toEqual([429, 503, 201]);
    expect(second!.at - first!.doneAt!).toBeGreaterThanOrEqual(950);
    expect(third!.at - second!.doneAt!).toBeGreaterThanOrEqual(950);
    expect(tenant.directory.users()).toHaveLength(1);
  });
});

/** The most operations that started within any one second. */
function busiestSecond(operations: ScimOperation[]): number {
  return Math.max(...operations.map((operation) => operations.filter((other) => other.at >= operation.at && other.at < operation.at + 1000).length));
}

/** The most operations the server was answering at once. */
function mostAtOnce(operations: ScimOperation[]): number {
  return Math.max(...operations.map((operation) => operations.filter((other) => other.at <= operation.at && other.doneAt! > operation.at).length));
}

describe('pacing', () => {
  it("keeps every call within the tenant's maxRequestsPerSecond", async () => {
    const { client, tenant } = platform.tenant({ maxRequestsPerSecond: 20, concurrency: 4 });
    const lookups = Array.from({ length: 25 }, (_, n) => client.findByUserName(`person${n}@acme.example`));
    const creates = Array.from({ length: 5 }, (_, n) => client.createUser(person(100 + n)));
    await Promise.all([...lookups, ...creates]);

    const operations = tenant.operations;
    expect(operations).toHaveLength(30);
    // 20 a second, spaced evenly: 30 requests span at least 29 intervals of 50 ms.
    expect(busiestSecond(operations)).toBeLessThanOrEqual(21);
    expect(operations.at(-1)!.at - operations[0]!.at).toBeGreaterThanOrEqual(29 * 50 * 0.9);
  });

  it('keeps at most `concurrency` requests in flight on slow answers', async () => {
    const { client, tenant } = platform.tenant({ maxRequestsPerSecond: 1000, concurrency: 2 });
    tenant.slowNext(8, 150);
    await Promise.all(Array.from({ length: 8 }, (_, n) => client.findByExternalId(`hris-${n}`)));
    expect(mostAtOnce(tenant.operations)).toBeLessThanOrEqual(2);
    expect(mostAtOnce(tenant.operations)).toBe(2);
  });
});
