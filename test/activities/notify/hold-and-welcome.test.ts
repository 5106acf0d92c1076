// The hold notice and the welcomes, queued from real rows and received over real SMTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverPending, enqueueHoldNotice, enqueueWelcomes, loadNotifyTenant, type Deliverer, type NotifyTenant } from '../../../activities/notify';
import type { Db } from '../../../common/db';
import type { CapturedMail, MailCapture } from '../../../dev/mail-capture';
import { created, insertItems, insertRun, insertTenant, startMailTest, stopMailTest, type MailTest } from './records';

let db: Db;
let capture: MailCapture;
let deliverer: Deliverer;
beforeAll(async () => {
  deliverer = await startMailTest();
  ({ db, capture } = deliverer as MailTest);
});
afterAll(() => stopMailTest({ db, capture }));

const mailsOf = (tenant: NotifyTenant): CapturedMail[] => capture.messages.filter((m) => m.to.some((to) => to.endsWith(`@${tenant.id}.example`)));

describe('hold notice', () => {
  const hold = { reason: 'The plan deactivates 40 accounts, more than the 25 one run may deactivate without approval.', deactivations: 40, limit: 25 };

  it('tells the error recipients and support how many, why, where support decides and by when, once per hold', async () => {
    const tenant = await insertTenant(db);
    const syncId = await insertRun(db, tenant.id, { status: 'awaiting_approval' });
    const input = { syncId, tenant, publicUrl: 'https://roster.example.com', hold, expiresAt: '2025-07-04T02:05:00.000Z' };

    expect(await enqueueHoldNotice(db, input)).toBe(2);
    expect(await enqueueHoldNotice(db, input)).toBe(0);
    expect(await deliverPending(deliverer, { tenantId: tenant.id })).toEqual({ sent: 2, failed: 0 });

    const mails = mailsOf(tenant);
    expect(mails.flatMap((m) => m.to).sort()).toEqual([`it@${tenant.id}.example`, `support@${tenant.id}.example`]);
    const [mail] = mails;
    expect(mail?.subject).toBe('Acme Pty Ltd: a sync is waiting for approval (40 deactivations)');
    for (const part of [
      'would deactivate 40 accounts; the most it may deactivate without approval is 25.',
      `Why: ${hold.reason}`,
      `approves or rejects the run, on the run's page in the Roster console:\n  https://roster.example.com/runs/${syncId}`,
      'If nobody decides by 2025-07-04 02:05 UTC, the run is cancelled and none of it is applied.',
    ]) {
      expect(mail?.text).toContain(part);
    }
    expect(mail?.text).not.toContain('/api/');

    // Held again after an approval: a new deadline, a new notice.
    expect(await enqueueHoldNotice(db, { ...input, expiresAt: '2025-07-07T09:00:00.000Z' })).toBe(2);
  });
});

describe('welcomes', () => {
  it('welcomes only the people whose account this run created, once each', async () => {
    const tenant = await insertTenant(db, 'Globex & Co');
    const syncId = await insertRun(db, tenant.id);
    await insertItems(db, tenant.id, syncId, [
      created('h-1', 'Ann', 'Lee', `ann@${tenant.id}.example`, 'done'),
      created('h-2', 'Ben', 'Ng', `ben@${tenant.id}.example`, 'failed'),
      created('h-3', 'Cam', 'Roe', `cam@${tenant.id}.example`, 'pending'),
      created('h-4', 'Dee', 'Moss', undefined, 'done'),
      { hrisId: 'h-5', identityKey: `eve@${tenant.id}.example`, name: 'Eve Fox', action: 'update', result: 'done', item: { fields: { email: `eve@${tenant.id}.example` } } },
      { hrisId: 'h-6', identityKey: `fay@${tenant.id}.example`, name: 'Fay Hu', action: 'reactivate', result: 'done' },
    ]);

    // As a run's activity would: from the tenant id alone, so no address enters its history.
    const loaded = await loadNotifyTenant(db, tenant.id);
    expect(loaded).toEqual({ tenant, loginUrl: 'https://app.platform.example/login' });
    const input = { syncId, tenant: loaded.tenant, loginUrl: loaded.loginUrl };
    expect(await enqueueWelcomes(db, input)).toBe(1);
    expect(await enqueueWelcomes(db, input)).toBe(0);
    await deliverPending(deliverer, { tenantId: tenant.id });

    const mails = mailsOf(tenant);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toEqual([`ann@${tenant.id}.example`]);
    expect(mails[0]?.subject).toBe('Welcome: your Globex & Co account is ready');
    expect(mails[0]?.text).toContain('Hi Ann,');
    expect(mails[0]?.text).toContain(`Your user name is ann@${tenant.id}.example.`);
    expect(mails[0]?.text).toContain('Sign in here: https://app.platform.example/login');
  });

  it('says the team will tell where to sign in when the platform has no login URL', async () => {
    const tenant = await insertTenant(db);
    const syncId = await insertRun(db, tenant.id);
    await insertItems(db, tenant.id, syncId, [created('h-1', 'Ann', 'Lee', `ann@${tenant.id}.example`, 'done')]);
    await enqueueWelcomes(db, { syncId, tenant });
    await deliverPending(deliverer, { tenantId: tenant.id });
    expect(mailsOf(tenant)[0]?.text).toContain('Your team will tell you where to sign in.');
  });
});
