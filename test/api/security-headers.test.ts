// The headers every answer carries (api/security-headers.ts): helmet's, one Content-Security-Policy
// for the app, and no caching of anything under /api, whether it succeeds or fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const get = (path: string, headers: Record<string, string> = {}) => fetch(stack.url + path, { headers });

function expectHelmetHeaders(headers: Headers) {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(headers.get('x-powered-by')).toBeNull();
}

describe('every answer', () => {
  it('carries helmet headers and a policy that allows only Roster’s own scripts', async () => {
    for (const path of ['/healthz', '/api/tenants', '/docs', '/nowhere']) {
      const answer = await get(path, { authorization: `Bearer ${stack.adminToken}` });
      expectHelmetHeaders(answer.headers);
      const policy = answer.headers.get('content-security-policy')!;
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self';");
      expect(policy).toContain("script-src-attr 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("object-src 'none'");
      // The embedded default is plain http: upgrading its requests would break /docs there.
      expect(policy).not.toContain('upgrade-insecure-requests');
    }
  });
});

describe('answers under /api', () => {
  it('are never cached: a success, a refusal and an unknown route alike', async () => {
    const ok = await get('/api/tenants', { authorization: `Bearer ${stack.adminToken}` });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^application\/json/);
    expect(ok.headers.get('cache-control')).toBe('no-store');

    const refused = await get('/api/tenants');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('cache-control')).toBe('no-store');

    const unknown = await get('/api/nowhere', { authorization: `Bearer ${stack.adminToken}` });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('cache-control')).toBe('no-store');

    const redemption = await fetch(`${stack.url}/api/authorize/${'C'.repeat(43)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"apiKey":"k"}' });
    expect(redemption.status).toBe(404);
    expect(redemption.headers.get('cache-control')).toBe('no-store');
  });
});
