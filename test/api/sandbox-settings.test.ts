// `platform.sandbox` at the edge (docs/API.md "A sandbox platform"): at creation and in a settings
// patch, each mistake a 400 naming the field, a new sandbox token checked with the real SCIM
// server before it is sealed, only the sandbox's address shown back, and no change once live.
import { describe, expect, it } from 'vitest';
import { patchSandbox } from '../../api/sandbox-settings';
import type { Detail } from '../../common/validation';
import { scimPlatformFor } from '../activities/platform/scim-platform';
import { testSecret } from '../replay/record-history';
import { demoTenant } from '../support/fixtures';
import { useScimStack } from '../support/scim-stack';
import { uniqueTenantId } from '../support/stack';
import { expectInvalid } from './syncs-seed';

const scim = useScimStack();

/** A production directory and a sandbox directory on the SCIM server, and their settings. */
function platforms(id: string) {
  const production = scimPlatformFor(scim.platform, `${id}-production`, testSecret('production'));
  const sandboxToken = testSecret('sandbox');
  const sandbox = scimPlatformFor(scim.platform, `${id}-sandbox`, sandboxToken);
  return { production: production.settings, sandbox: { baseUrl: sandbox.settings.baseUrl, token: sandboxToken } };
}

const create = (id: string, platformSettings: object) => scim.stack.request('POST', '/api/tenants', { ...demoTenant(id), platform: platformSettings });
const patch = (id: string, body: unknown) => scim.stack.request('PATCH', `/api/tenants/${id}`, body);

describe('a sandbox at creation', () => {
  it('refuses a sandbox without its token, at the production address, of the wrong shape, or on the demo platform', async () => {
    const id = uniqueTenantId('sandbox');
    const { production, sandbox } = platforms(id);
    expectInvalid(await create(id, { ...production, sandbox: { baseUrl: sandbox.baseUrl } }), 'platform.sandbox.token');
    expectInvalid(await create(id, { ...production, sandbox: { baseUrl: `${production.baseUrl}/`, token: sandbox.token } }), 'platform.sandbox.baseUrl');
    expectInvalid(await create(id, { ...production, sandbox: 'https://sandbox.example/scim/v2' }), 'platform.sandbox');
    expectInvalid(await create(id, { ...production, sandbox: { ...sandbox, baseUrl: 'not a url' } }), 'platform.sandbox.baseUrl');
    const demo = await create(id, { kind: 'demo', sandbox });
    expect(demo.status).toBe(400);
    expect(demo.text).not.toContain(sandbox.token);
  });

  it('seals the token and shows the address only', async () => {
    const id = uniqueTenantId('sandbox');
    const { production, sandbox } = platforms(id);
    const answer = await create(id, { ...production, sandbox });
    expect(answer.status, answer.text).toBe(201);
    expect(answer.body.platform.sandbox).toEqual({ baseUrl: sandbox.baseUrl });
    expect(answer.text).not.toContain(sandbox.token);
  });
});

describe('a sandbox in a settings patch', () => {
  it('is added with a token the sandbox accepts, changed, refused with a bad one, and removed with null', async () => {
    const id = uniqueTenantId('sandbox');
    const { production, sandbox } = platforms(id);
    expect((await create(id, production)).status).toBe(201);

    expectInvalid(await patch(id, { platform: { sandbox: { baseUrl: sandbox.baseUrl } } }), 'platform.sandbox.token');
    expectInvalid(await patch(id, { platform: { sandbox: { token: sandbox.token } } }), 'platform.sandbox.baseUrl');
    expectInvalid(await patch(id, { platform: { sandbox: { baseUrl: production.baseUrl, token: sandbox.token } } }), 'platform.sandbox.baseUrl');
    expectInvalid(await patch(id, { platform: { sandbox: { ...sandbox, extra: 1 } } }), 'platform.sandbox.extra');
    const rejected = await patch(id, { platform: { sandbox: { ...sandbox, token: 'not-the-sandbox-token' } } });
    expect(rejected.status).toBe(400);
    expect(rejected.body.error.code).toBe('platform_credentials_rejected');

    const added = await patch(id, { platform: { sandbox }, reason: 'the customer gave us their sandbox' });
    expect(added.status, added.text).toBe(200);
    expect(added.body.platform).toMatchObject({ baseUrl: production.baseUrl, sandbox: { baseUrl: sandbox.baseUrl } });
    expect(added.text).not.toContain(sandbox.token);

    // Another production setting keeps the sandbox; the sandbox's address alone needs a new token.
    const paced = await patch(id, { platform: { maxRequestsPerSecond: 5 } });
    expect(paced.body.platform.sandbox).toEqual({ baseUrl: sandbox.baseUrl });
    expectInvalid(await patch(id, { platform: { sandbox: { baseUrl: `${sandbox.baseUrl}/other` } } }), 'platform.sandbox.token');

    const removed = await patch(id, { platform: { sandbox: null } });
    expect(removed.status, removed.text).toBe(200);
    expect(removed.body.platform.sandbox).toBeUndefined();
    const row = await scim.stack.db('tenants').where({ id }).first('platform');
    expect(row.platform.sandbox).toBeUndefined();
  });

  it('cannot be set on the demo platform', async () => {
    const id = uniqueTenantId('sandbox');
    expect((await create(id, { kind: 'demo' })).status).toBe(201);
    expectInvalid(await patch(id, { platform: { sandbox: null } }), 'platform.sandbox');
  });

  it('cannot change once the tenant has gone live: every run goes to production', () => {
    const problems: Detail[] = [];
    const current = { baseUrl: 'https://sandbox.example/scim/v2', tokenRef: 'ref' };
    expect(patchSandbox('live', current, null, 'https://platform.example/scim/v2', problems)).toEqual({});
    expect(problems).toEqual([{ path: 'platform.sandbox', message: expect.stringMatching(/gone live/) }]);
    expect(patchSandbox('ready', current, null, 'https://platform.example/scim/v2', [])).toEqual({});
  });
});
