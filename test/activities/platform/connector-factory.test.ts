import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformConnector } from '../../../activities/platform';
import { person, startScimPlatform, type ScimPlatform } from './scim-platform';

let platform: ScimPlatform;
beforeAll(async () => {
  platform = await startScimPlatform();
});
afterAll(() => platform.stop());

describe('createPlatformConnector', () => {
  it("talks SCIM to the tenant's own platform", async () => {
    const { baseUrl, token, tenant } = platform.tenant();
    const connector = createPlatformConnector({ kind: 'scim', baseUrl, tokenRef: 'ref', maxRequestsPerSecond: 10, concurrency: 4 }, token, { network: { allowPrivateUrls: true } });
    await connector.createUser(person(1));
    expect(tenant.directory.users()).toHaveLength(1);
  });

  it('points the same client at the embedded demo platform', async () => {
    const { baseUrl, token, tenant } = platform.tenant();
    const connector = createPlatformConnector({ kind: 'demo' }, token, { demo: { baseUrl } });
    await connector.createUser(person(1));
    expect(tenant.directory.users()).toHaveLength(1);
  });

  it('refuses the demo platform where none runs', () => {
    expect(() => createPlatformConnector({ kind: 'demo' }, 'token')).toThrow(expect.objectContaining({ code: 'misconfigured' }));
  });
});
