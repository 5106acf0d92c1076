// An authorization link's e-mail on the real stack: while it waits in the outbox, its row holds
// neither the link nor its token (only the sealed token's reference); the mail the SMTP server
// gets carries a link that works; once sent or refused, nothing usable is left behind.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthorizationLinkActivities } from '../../../activities/authorization-links';
import { createMailer, deliverPending } from '../../../activities/notify';
import { createKeyring, SecretStore } from '../../../common/secrets';
import { demoTenant, kickoffConfig } from '../../support/fixtures';
import { encryptionKey, startTestStack, type TestStack } from '../../support/stack';
import { startRefusingSmtp } from './records';

let stack: TestStack;
let secrets: SecretStore;
beforeAll(async () => {
  stack = await startTestStack();
  secrets = new SecretStore(stack.db, createKeyring(encryptionKey));
});
afterAll(() => stack?.stop());

/** A tenant in `authorization` whose HRIS admin has an address of its own. */
async function tenantInAuthorization() {
  const body = demoTenant();
  const hrisAdminEmail = `hr-admin-${body.id}@acme.example`;
  expect((await stack.request('POST', '/api/tenants', { ...body, contacts: { hrisAdminEmail } })).status).toBe(201);
  expect((await stack.request('PUT', `/api/tenants/${body.id}/config`, kickoffConfig)).status).toBe(200);
  expect((await stack.request('POST', `/api/tenants/${body.id}/kickoff/complete`, {})).status).toBe(200);
  return { id: body.id, hrisAdminEmail };
}

/** A fresh link as the tenant workflow issues one (sealed, recorded, its mail queued), and its token, read back to look for it. */
async function queuedLink(tenantId: string) {
  const links = createAuthorizationLinkActivities({ db: stack.db, secrets, publicUrl: stack.url });
  const { tokenHash, tokenRef } = await links.sealNewLinkToken({ tenantId });
  const linkId = randomUUID();
  const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
  await links.recordAuthorizationLink({ tenantId, linkId, tokenHash, expiresAt, createdBy: 'test', at: new Date().toISOString() });
  await links.queueLinkMail({ tenantId, linkId, tokenRef, expiresAt });
  return { tokenRef, token: await secrets.get(tenantId, 'link_token', tokenRef) };
}

const rawLinkMail = async (tenantId: string) => (await stack.db('mail_outbox').where({ tenant_id: tenantId, kind: 'authorization_link' }))[0];
const deliver = (tenantId: string, smtpUrl = stack.mail.smtpUrl) => deliverPending({ db: stack.db, mailer: createMailer({ smtpUrl, from: 'Roster <roster@test.example>' }), secrets }, { tenantId });

describe('a link mail in the outbox', () => {
  it('holds no link or token while queued; the mail sent has a link that works; sent, it keeps nothing usable', async () => {
    const { id, hrisAdminEmail } = await tenantInAuthorization();
    const { tokenRef, token } = await queuedLink(id);

    const queued = await rawLinkMail(id);
    expect(queued).toMatchObject({ status: 'pending', link_token_ref: tokenRef });
    expect(JSON.stringify(queued)).not.toContain(token);
    expect(queued.text).toContain(`${stack.url}/authorize/{link-token}`);
    expect(queued.html).toContain(`href="${stack.url}/authorize/{link-token}"`);
    expect(JSON.stringify(await stack.db('secrets').where({ id: tokenRef }))).not.toContain(token);

    expect(await deliver(id)).toEqual({ sent: 1, failed: 0 });
    const mail = await stack.mail.waitFor((m) => m.to.includes(hrisAdminEmail));
    const url = new RegExp(`${stack.url}/authorize/[A-Za-z0-9_-]{43}`).exec(mail.text)?.[0];
    expect(url).toBe(`${stack.url}/authorize/${token}`);
    // The link works: its page opens, and it takes the key.
    expect((await fetch(url!)).status).toBe(200);
    const redeemed = await stack.request('POST', `/api/authorize/${url!.split('/').at(-1)}`, { apiKey: 'demo-key' }, null);
    expect(redeemed.status, redeemed.text).toBe(200);
    expect((await stack.request('GET', `/api/tenants/${id}`)).body.hris.credential.status).toBe('verified');

    const sent = await rawLinkMail(id);
    expect(sent).toMatchObject({ status: 'sent', link_token_ref: null });
    expect(JSON.stringify(sent)).not.toContain(token);
    expect(await stack.db('secrets').where({ id: tokenRef })).toEqual([]);
  });

  it('refused for good by the SMTP server, keeps neither the token nor its reference', async () => {
    const { id } = await tenantInAuthorization();
    const { tokenRef, token } = await queuedLink(id);
    const refusing = await startRefusingSmtp(() => 550);
    try {
      expect(await deliver(id, refusing.smtpUrl)).toEqual({ sent: 0, failed: 1 });
    } finally {
      await refusing.stop();
    }
    const failed = await rawLinkMail(id);
    expect(failed).toMatchObject({ status: 'failed', link_token_ref: null, last_error: 'EENVELOPE 550 RCPT TO' });
    expect(JSON.stringify(failed)).not.toContain(token);
    expect(await stack.db('secrets').where({ id: tokenRef })).toEqual([]);
  });

  it('whose token was destroyed before it went out is dropped, not sent', async () => {
    const { id, hrisAdminEmail } = await tenantInAuthorization();
    const { tokenRef } = await queuedLink(id);
    await secrets.delete(tokenRef);

    expect(await deliver(id)).toEqual({ sent: 0, failed: 1 });
    expect(await rawLinkMail(id)).toMatchObject({ status: 'failed', link_token_ref: null, last_error: 'link token gone' });
    expect(stack.mail.messages.filter((m) => m.to.includes(hrisAdminEmail))).toEqual([]);
  });
});
