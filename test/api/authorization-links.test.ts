// Authorization links on the real stack: support issues one (the tenant workflow checks the stage
// and records it, the worker e-mails it), and the HRIS admin redeems it through the JSON route.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { humaansDataset } from '../fakes/humaans-datasets';
import { startHumaansFake, type HumaansFake } from '../fakes/humaans';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { eventually, startTestStack, type TestStack } from '../support/stack';

const publicUrl = 'http://roster.test';
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ publicUrl });
});
afterAll(() => stack?.stop());

/** Every token and key the tests send: none may reach a log line. */
const secretsSent: string[] = [];
const wrongKey = () => {
  const key = `wrong-${randomUUID()}`;
  secretsSent.push(key);
  return key;
};

async function tenantInAuthorization(body = demoTenant()) {
  expect((await stack.request('POST', '/api/tenants', body)).status).toBe(201);
  expect((await stack.request('PUT', `/api/tenants/${body.id}/config`, kickoffConfig)).status).toBe(200);
  expect((await stack.request('POST', `/api/tenants/${body.id}/kickoff/complete`, {})).status).toBe(200);
  return body.id;
}

async function issueLink(tenantId: string, body: unknown = {}) {
  const answer = await stack.request('POST', `/api/tenants/${tenantId}/authorization-links`, body);
  expect(answer.status).toBe(201);
  const token = (answer.body.url as string).split('/').at(-1)!;
  secretsSent.push(token);
  return { ...answer.body, token } as { url: string; expiresAt: string; token: string };
}

const redeem = (token: string, apiKey: string) => stack.request('POST', `/api/authorize/${token}`, { apiKey }, null);
const linkRow = (token: string) => stack.db('authorization_links').where({ token_hash: createHash('sha256').update(token).digest('base64url') }).first();

describe('issuing a link', () => {
  it('answers the URL once, keeps only its hash, and e-mails it to the HRIS admin', async () => {
    const id = await tenantInAuthorization();
    const before = Date.now();
    const link = await issueLink(id);
    expect(link.url).toMatch(/^http:\/\/roster\.test\/authorize\/[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(link.expiresAt) - before).toBeGreaterThanOrEqual(168 * 3_600_000 - 1000);
    expect(Date.parse(link.expiresAt) - before).toBeLessThan(168 * 3_600_000 + 60_000);

    const row = await linkRow(link.token);
    expect(row).toMatchObject({ tenant_id: id, status: 'active', created_by: 'admin-env', rejected_attempts: 0 });
    expect(JSON.stringify(row)).not.toContain(link.token);

    const mail = await stack.mail.waitFor((m) => m.text.includes(link.url));
    expect(mail.to).toEqual(['hr-admin@acme.example']);
    expect(mail.subject).toContain(`Acme ${id}`);
    expect(mail.text).toContain('the demo HR system');
    expect(mail.text).toMatch(/until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    // Mailed, the sealed copy is gone: the token now lives only in the URL and the inbox.
    await eventually(async () => (await stack.db('secrets').where({ tenant_id: id, kind: 'link_token' })).length === 0);
    const sent = await eventually(async () => (await stack.db('mail_outbox').where({ tenant_id: id, kind: 'authorization_link', status: 'sent' }))[0]);
    expect(JSON.stringify(sent)).not.toContain(link.token);
    const history = (await stack.request('GET', `/api/tenants/${id}`)).body.history;
    expect(history.at(-1)).toMatchObject({ action: 'authorization_link_issued', actor: 'admin-env' });
  });

  it('seals nothing when there is nobody to mail', async () => {
    const body = demoTenant();
    const id = await tenantInAuthorization({ ...body, contacts: { supportEmail: 'support@roster.example' } } as typeof body);
    const link = await issueLink(id, { expiresInHours: 1 });
    expect(Date.parse(link.expiresAt) - Date.now()).toBeLessThanOrEqual(3_600_000);
    expect(await stack.db('secrets').where({ tenant_id: id, kind: 'link_token' })).toHaveLength(0);
  });

  it('revokes the older link when a new one is issued', async () => {
    const id = await tenantInAuthorization();
    const older = await issueLink(id);
    const newer = await issueLink(id);
    expect(await linkRow(older.token)).toMatchObject({ status: 'revoked', status_reason: 'replaced' });
    const gone = await redeem(older.token, 'demo-key');
    expect(gone.status).toBe(410);
    expect(gone.body.error).toMatchObject({ code: 'link_gone', reason: 'replaced' });
    expect(gone.body.error.message).toMatch(/newer one.*support@roster\.example/);
    expect((await redeem(newer.token, wrongKey())).status).toBe(400);
  });

  it('is refused in kickoff (409 invalid_transition) and leaves nothing behind', async () => {
    const body = demoTenant();
    expect((await stack.request('POST', '/api/tenants', body)).status).toBe(201);
    const answer = await stack.request('POST', `/api/tenants/${body.id}/authorization-links`, {});
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('invalid_transition');
    expect(await stack.db('authorization_links').where({ tenant_id: body.id })).toHaveLength(0);
    expect(await stack.db('secrets').where({ tenant_id: body.id, kind: 'link_token' })).toHaveLength(0);
  });

  it('validates the body and needs the support role', async () => {
    const id = await tenantInAuthorization();
    for (const body of [{ expiresInHours: 0 }, { expiresInHours: 721 }, { expiresInHours: 1.5 }, { expiresInHours: 24, extra: true }]) {
      const answer = await stack.request('POST', `/api/tenants/${id}/authorization-links`, body);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('validation_failed');
    }
    expect((await stack.request('POST', `/api/tenants/${id}/authorization-links`, {}, null)).status).toBe(401);
    expect((await stack.request('POST', '/api/tenants/nobody-here/authorization-links', {})).status).toBe(404);
  });
});

describe('redeeming a link', () => {
  it('answers a rejected key with 400, counting down, and the link stays usable', async () => {
    const id = await tenantInAuthorization();
    const { token } = await issueLink(id);
    const rejected = await redeem(token, wrongKey());
    expect(rejected.status).toBe(400);
    expect(rejected.body.error).toMatchObject({ code: 'credentials_rejected', triesLeft: 4, linkRevoked: false });
    expect(rejected.body.error.message).toContain('4 tries left');
    expect(rejected.text).not.toContain(token);
    expect(await linkRow(token)).toMatchObject({ status: 'active', rejected_attempts: 1 });

    const verified = await redeem(token, 'demo-key');
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ verified: true });
  });

  it('revokes the link at the fifth rejected key, then answers 410', async () => {
    const id = await tenantInAuthorization();
    const { token } = await issueLink(id);
    for (let tries = 1; tries <= 4; tries++) expect((await redeem(token, wrongKey())).body.error.triesLeft).toBe(5 - tries);
    const fifth = await redeem(token, wrongKey());
    expect(fifth.status).toBe(400);
    expect(fifth.body.error).toMatchObject({ code: 'credentials_rejected', triesLeft: 0, linkRevoked: true });
    expect(fifth.body.error.message).toContain('this link is now closed');
    expect(await linkRow(token)).toMatchObject({ status: 'revoked', status_reason: 'too_many_rejected_keys', rejected_attempts: 5 });

    const after = await redeem(token, 'demo-key');
    expect(after.status).toBe(410);
    expect(after.body.error).toMatchObject({ code: 'link_gone', reason: 'too_many_rejected_keys' });
    expect((await stack.request('GET', `/api/tenants/${id}`)).body.hris.credential.status).toBe('missing');
  });

  it('takes a verified key: the tenant has its credential, and the link is used up', async () => {
    const id = await tenantInAuthorization();
    const { token } = await issueLink(id);
    expect((await redeem(token, 'demo-key')).status).toBe(200);
    const tenant = (await stack.request('GET', `/api/tenants/${id}`)).body;
    expect(tenant.hris.credential.status).toBe('verified');
    expect(tenant.history.find((h: { action: string }) => h.action === 'credential_verified')).toMatchObject({ actor: 'hris-admin:link' });
    expect(await linkRow(token)).toMatchObject({ status: 'used', status_reason: 'verified' });

    const reuse = await redeem(token, 'demo-key');
    expect(reuse.status).toBe(410);
    expect(reuse.body.error).toMatchObject({ code: 'link_gone', reason: 'used' });
    expect(reuse.body.error.message).toContain('ask your Roster contact');
  });

  it('answers an expired link with 410 and an unknown one with 404', async () => {
    const id = await tenantInAuthorization();
    const { token } = await issueLink(id);
    await stack.db('authorization_links').where({ id: (await linkRow(token)).id }).update({ expires_at: new Date(Date.now() - 60_000) });
    const expired = await redeem(token, 'demo-key');
    expect(expired.status).toBe(410);
    expect(expired.body.error).toMatchObject({ code: 'link_gone', reason: 'expired' });
    expect(expired.body.error.message).toMatch(/expired at .* UTC/);

    for (const unknown of ['A'.repeat(43), 'not-a-token']) {
      const answer = await redeem(unknown, 'demo-key');
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('link_not_found');
    }
  });

  it('asks for the key when the body has none, without counting a try', async () => {
    const id = await tenantInAuthorization();
    const { token } = await issueLink(id);
    const answer = await stack.request('POST', `/api/authorize/${token}`, { apiKey: '  ' }, null);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
    expect(await linkRow(token)).toMatchObject({ status: 'active', rejected_attempts: 0 });
  });

  it('answers 410 once the tenant is offboarded', async () => {
    const id = await tenantInAuthorization();
    const { token } = await issueLink(id);
    expect((await stack.request('DELETE', `/api/tenants/${id}`, {})).status).toBe(200);
    const answer = await redeem(token, 'demo-key');
    expect(answer.status).toBe(410);
    expect(answer.body.error.code).toBe('link_gone');
  });

  it('records every try with its time, source address and outcome', async () => {
    const id = await tenantInAuthorization();
    const { token } = await issueLink(id);
    const started = Date.now() - 1000;
    await redeem(token, wrongKey());
    await redeem(token, 'demo-key');
    await redeem(token, 'demo-key');
    const attempts = await stack.db('authorization_attempts').where({ tenant_id: id }).orderBy('at');
    expect(attempts.map((a) => a.outcome)).toEqual(['rejected', 'verified', 'gone']);
    for (const attempt of attempts) {
      expect(attempt.source_address).toMatch(/127\.0\.0\.1$/);
      expect(new Date(attempt.at).getTime()).toBeGreaterThan(started);
    }
  });
});

describe('concurrent tries', () => {
  /** A tenant whose HR system is a Humaans fake: every key check is one request the fake counts. */
  async function humaansLink(prepare: (hris: HumaansFake) => void) {
    const hris = await startHumaansFake({ dataset: humaansDataset({ today: new Date().toISOString().slice(0, 10), fillers: 0 }), token: `right-${randomUUID()}` });
    secretsSent.push(hris.token);
    prepare(hris);
    const body = demoTenant();
    const id = await tenantInAuthorization({ ...body, hris: { provider: 'humaans', baseUrl: hris.url } } as unknown as typeof body);
    return { hris, id, ...(await issueLink(id)) };
  }

  it('lets exactly five of twelve keys sent at once reach the HR system; the link ends revoked, the others hear it has no tries left', async () => {
    // Every check is slow, so all twelve tries are under way together.
    const { hris, token } = await humaansLink((fake) => (fake.faults.delayMs = 1500));
    try {
      const answers = await Promise.all(Array.from({ length: 12 }, () => redeem(token, wrongKey())));
      expect(hris.requests).toHaveLength(5);
      expect(hris.calls('/me')).toHaveLength(5);

      const rejected = answers.filter((a) => a.status === 400);
      expect(rejected.map((a) => a.body.error.code)).toEqual(Array(5).fill('credentials_rejected'));
      expect(rejected.map((a) => a.body.error.triesLeft).sort()).toEqual([0, 1, 2, 3, 4]);
      expect(rejected.filter((a) => a.body.error.linkRevoked)).toHaveLength(1);

      const turnedAway = answers.filter((a) => a.status !== 400);
      expect(turnedAway).toHaveLength(7);
      for (const answer of turnedAway) {
        expect(answer.status).toBe(410);
        expect(answer.body.error).toMatchObject({ code: 'link_gone', reason: 'no_tries_left', message: expect.stringContaining('This link has no tries left') });
      }
      expect(await linkRow(token)).toMatchObject({ status: 'revoked', status_reason: 'too_many_rejected_keys', rejected_attempts: 5, tries_in_flight: 0 });
      const outcomes = (await stack.db('authorization_attempts').where({ link_id: (await linkRow(token)).id })).map((a) => a.outcome).sort();
      expect(outcomes).toEqual([...Array(7).fill('gone'), ...Array(5).fill('rejected')]);
    } finally {
      await hris.close();
    }
  });

  it('gives a try back when the HR system cannot answer: only rejected keys use the link up', async () => {
    // Humaans throttles every request for an hour: the check cannot wait that long and answers 503 at once.
    const { hris, id, token } = await humaansLink((fake) => (fake.faults.rateLimit = { fraction: 1, retryAfterSeconds: 3600 }));
    try {
      for (let tries = 1; tries <= 6; tries++) {
        const answer = await redeem(token, wrongKey());
        expect(answer.status).toBe(503);
        expect(answer.body.error.code).toBe('hris_unavailable');
      }
      expect(await linkRow(token)).toMatchObject({ status: 'active', rejected_attempts: 0, tries_in_flight: 0 });

      hris.faults.rateLimit = undefined;
      expect((await redeem(token, hris.token)).status).toBe(200);
      expect(await linkRow(token)).toMatchObject({ status: 'used', tries_in_flight: 0 });
      expect((await stack.request('GET', `/api/tenants/${id}`)).body.hris.credential.status).toBe('verified');
    } finally {
      await hris.close();
    }
  });
});

describe('logs', () => {
  it('never carry a link token or a key', () => {
    expect(secretsSent.length).toBeGreaterThan(10);
    const logged = stack.logs.join('\n');
    expect(logged).toContain('/api/authorize/:linkToken');
    for (const secret of [...secretsSent, 'demo-key']) expect(logged).not.toContain(secret);
  });
});
