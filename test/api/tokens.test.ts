// API tokens through the API (routes/tokens.ts): admins only; a created token works at once and
// is shown once; a revoked one is refused; lists never show a token or its hash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../api/tokens';
import { startTestStack, uniqueTenantId, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({}, { startWorker: false });
});
afterAll(() => stack?.stop());

const tokenName = (prefix: string) => `${prefix}-${uniqueTenantId()}`;

describe('/api/tokens', () => {
  it('is for admins: support gets 403 on every route', async () => {
    const support = await createToken(stack.db, tokenName('support'), 'support');
    const answers = [
      await stack.request('GET', '/api/tokens', undefined, support),
      await stack.request('POST', '/api/tokens', { name: tokenName('made-by-support'), role: 'admin' }, support),
      await stack.request('DELETE', `/api/tokens/${tokenName('any')}`, undefined, support),
    ];
    expect(answers.map((answer) => [answer.status, answer.body.error.code])).toEqual([
      [403, 'forbidden'],
      [403, 'forbidden'],
      [403, 'forbidden'],
    ]);
  });

  it('creates a token that works at once, with the role asked for', async () => {
    const name = tokenName('script');
    const created = await stack.request('POST', '/api/tokens', { name: `  ${name} `, role: 'viewer' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, role: 'viewer', revokedAt: null });
    expect(created.body.token).toMatch(/^rst_[\w-]{43}$/);
    expect((await stack.request('GET', '/api/tenants', undefined, created.body.token)).status).toBe(200);
    expect((await stack.request('POST', '/api/tokens', { name: tokenName('x'), role: 'viewer' }, created.body.token)).status).toBe(403);
  });

  it('revokes a token: it gets 401 from then on, and a second revocation is a 409', async () => {
    const name = tokenName('leaving');
    const { token } = (await stack.request('POST', '/api/tokens', { name, role: 'support' })).body;
    const revoked = await stack.request('DELETE', `/api/tokens/${encodeURIComponent(name)}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ name, role: 'support', revokedAt: expect.any(String) });
    const refused = await stack.request('GET', '/api/tenants', undefined, token);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthenticated');
    const again = await stack.request('DELETE', `/api/tokens/${encodeURIComponent(name)}`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'token_revoked', message: expect.stringContaining(revoked.body.revokedAt) });
  });

  it('lists names, roles and dates, never a token or its hash', async () => {
    const name = tokenName('listed');
    const { token } = (await stack.request('POST', '/api/tokens', { name, role: 'admin' })).body;
    const { token_hash: hash } = await stack.db('api_tokens').where({ name }).first('token_hash');
    const list = await stack.request('GET', '/api/tokens');
    expect(list.status).toBe(200);
    const entry = list.body.tokens.find((t: { name: string }) => t.name === name);
    expect(Object.keys(entry).sort()).toEqual(['createdAt', 'name', 'revokedAt', 'role']);
    expect(entry).toMatchObject({ role: 'admin', revokedAt: null });
    expect(list.text).not.toContain(token);
    expect(list.text).not.toContain(hash);
  });

  it('refuses a taken name, a bad name or role field by field, and an unknown token', async () => {
    const name = tokenName('twice');
    expect((await stack.request('POST', '/api/tokens', { name, role: 'viewer' })).status).toBe(201);
    const taken = await stack.request('POST', '/api/tokens', { name, role: 'admin' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('token_exists');

    const bad = await stack.request('POST', '/api/tokens', { name: 'tab\there', role: 'owner', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['extra', 'name', 'role']);
    for (const refusedName of ['', ' ', 'x'.repeat(201), 'admin-env']) {
      const answer = await stack.request('POST', '/api/tokens', { name: refusedName, role: 'viewer' });
      expect(answer.body.error.details, refusedName).toEqual([{ path: 'name', message: expect.any(String) }]);
    }

    const unknown = await stack.request('DELETE', `/api/tokens/${tokenName('never')}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('token_not_found');
    expect((await stack.request('DELETE', '/api/tokens/nul%00name')).body.error.code).toBe('token_not_found');
  });
});
