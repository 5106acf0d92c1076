// POST /codec/decode and /codec/encode (api/routes/codec.ts): Temporal's remote codec protocol
// for the Temporal UI and the CLI, behind the API's auth, with CORS for the configured UI only.
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack';

const uiOrigin = 'http://localhost:8233';
let stack: TestStack;
const tokens: Record<'viewer' | 'support', string> = { viewer: '', support: '' };

beforeAll(async () => {
  stack = await startTestStack({ temporalUiUrl: `${uiOrigin}/namespaces/default` }, { startWorker: false });
  for (const role of ['viewer', 'support'] as const) {
    const created = await stack.request('POST', '/api/tokens', { name: `codec-${role}-${Date.now()}`, role });
    tokens[role] = created.body.token;
  }
});
afterAll(() => stack?.stop());

const wire = (payload: Payload) => ({
  metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
});
const json = (payload: { data: string }) => JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8'));
const input = { tenantId: 't-1', name: 'Initech Pty Ltd' };

describe('the codec endpoint', () => {
  it('seals for support and opens for a viewer, in the order sent', async () => {
    const payloads = [defaultPayloadConverter.toPayload(input), defaultPayloadConverter.toPayload('second')].map(wire);
    const sealed = await stack.request('POST', '/codec/encode', { payloads }, tokens.support);
    expect(sealed.status, sealed.text).toBe(200);
    expect(sealed.text).not.toContain(Buffer.from('Initech').toString('base64').slice(0, 8));
    expect(sealed.body.payloads.map((p: { metadata: { encoding: string } }) => Buffer.from(p.metadata.encoding, 'base64').toString())).toEqual(['binary/encrypted', 'binary/encrypted']);

    const opened = await stack.request('POST', '/codec/decode', { payloads: sealed.body.payloads }, tokens.viewer);
    expect(opened.status, opened.text).toBe(200);
    expect(opened.body.payloads.map(json)).toEqual([input, 'second']);
  });

  it('answers 401 without a token or session, and 403 to a viewer asking to seal', async () => {
    const payloads = [wire(defaultPayloadConverter.toPayload(input))];
    expect((await stack.request('POST', '/codec/decode', { payloads }, null)).status).toBe(401);
    const refused = await stack.request('POST', '/codec/encode', { payloads }, tokens.viewer);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
  });

  it('refuses an altered payload with payload_undecodable, and bad input with validation_failed', async () => {
    const sealed = await stack.request('POST', '/codec/encode', { payloads: [wire(defaultPayloadConverter.toPayload(input))] }, tokens.support);
    const [payload] = sealed.body.payloads as { metadata: Record<string, string>; data: string }[];
    const data = Buffer.from(payload!.data, 'base64');
    data[16] = data[16]! ^ 1;
    const altered = await stack.request('POST', '/codec/decode', { payloads: [{ ...payload, data: data.toString('base64') }] }, tokens.viewer);
    expect(altered.status).toBe(400);
    expect(altered.body.error.code).toBe('payload_undecodable');

    const bad = await stack.request('POST', '/codec/decode', { payloads: [{ data: 'not base64!' }] }, tokens.viewer);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'payloads.0.data' }] });
  });

  it("lets the Temporal UI's origin call with credentials, and no other origin", async () => {
    const preflight = (origin: string) =>
      fetch(`${stack.url}/codec/decode`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' } });
    const allowed = await preflight(uiOrigin);
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-namespace');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
