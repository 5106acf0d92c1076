// The run report end to end on real Postgres and a real SMTP server: queued from the run's rows,
// delivered, and received by exactly the right people with the right counts and errors.csv.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverPending, enqueueRunReport, type Deliverer, type NotifyTenant } from '../../../activities/notify';
import { readRecordErrors } from '../../../activities/notify/errors-file';
import type { Db } from '../../../common/db';
import { checkReportToken } from '../../../common/report-links';
import { createKeyring } from '../../../common/secrets';
import type { CapturedMail, MailCapture } from '../../../dev/mail-capture';
import { encryptionKey } from '../../support/stack';
import { created, insertItems, insertRun, insertTenant, startMailTest, stopMailTest, type MailTest, type ItemFields } from './records';

const publicUrl = 'https://roster.example.com/';
const links = { keyring: createKeyring(encryptionKey), linkDays: 30 };
let db: Db;
let capture: MailCapture;
let deliverer: Deliverer;
beforeAll(async () => {
  deliverer = await startMailTest();
  ({ db, capture } = deliverer as MailTest);
});
afterAll(() => stopMailTest({ db, capture }));

const mailsOf = (tenant: NotifyTenant): CapturedMail[] => capture.messages.filter((m) => m.to.some((to) => to.endsWith(`@${tenant.id}.example`)));
const to = (mails: CapturedMail[], address: string) => mails.filter((m) => m.to.includes(address));

/** A run with one of everything: a create done and one failed, two skips, an update, an exclusion. */
function mixedItems(tenantId: string): ItemFields[] {
  return [
    created('h-1', 'Ann', 'Lee', `ann@${tenantId}.example`, 'done'),
    created('h-2', 'Ben', 'Ng', `ben@${tenantId}.example`, 'failed'),
    { hrisId: 'h-3', name: 'Cam Roe', action: 'skip', item: { reasonCode: 'missing_identity_key', reason: 'No work e-mail in the HR system.' } },
    { hrisId: 'h-4', identityKey: 'dana@acme.example', name: 'Dup, Dana', action: 'skip', item: { reasonCode: 'duplicate_identity_key', reason: 'Shares its identity key with h-9.' } },
    { hrisId: 'h-5', identityKey: 'eve@acme.example', name: 'Eve Fox', action: 'update', result: 'done' },
    { hrisId: 'h-6', name: 'Finn Gray', action: 'exclude', item: { reasonCode: 'out_of_scope' } },
  ];
}

describe('run report', () => {
  it('sends the summary to the summary recipients and the errors with errors.csv to the error recipients', async () => {
    const tenant = await insertTenant(db);
    const syncId = await insertRun(db, tenant.id, { counts: { created: 1, updated: 1, skipped: 2, excluded: 1, failed: 1 } });
    await insertItems(db, tenant.id, syncId, mixedItems(tenant.id));

    const queued = await enqueueRunReport(db, { syncId, tenant, publicUrl, ...links, hypercare: false, outcome: { status: 'warning', finishedAt: '2025-07-01T02:03:12Z' } });
    expect(queued).toBe(3);
    expect(await deliverPending(deliverer, { tenantId: tenant.id })).toEqual({ sent: 3, failed: 0 });

    const mails = mailsOf(tenant);
    expect(mails).toHaveLength(3);
    expect(to(mails, `support@${tenant.id}.example`)).toHaveLength(0);
    for (const address of [`hr@${tenant.id}.example`, `people@${tenant.id}.example`]) {
      const [summary] = to(mails, address);
      expect(summary?.to).toEqual([address]);
      expect(summary?.subject).toBe('Acme Pty Ltd: scheduled sync finished with warnings');
      expect(summary?.attachments).toEqual([]);
      for (const line of ['Accounts created: 1', 'Accounts updated: 1', 'People skipped (data problem): 2', 'People out of scope: 1', 'Records failed: 1', 'Took 3 min 12 s.']) {
        expect(summary?.text).toContain(line);
      }
      expect(summary?.text).not.toContain('/api/');
    }

    // Every mail of the run links to the same signed report, of this run, for 30 days after it finished
    // (long past now: a genuine link, so "expired" rather than "not valid").
    const urls = new Set(mails.map((mail) => mail.text.match(/https:\/\/roster\.example\.com\/reports\/(\S+)/)?.[1]));
    expect(urls.size).toBe(1);
    const [token] = urls;
    expect(decodeJwt(token!)).toMatchObject({ sub: syncId, tid: tenant.id, exp: Date.parse('2025-07-31T02:03:12Z') / 1000 });
    expect(await checkReportToken(links.keyring, token!)).toEqual({ valid: false, expired: true });
    expect(mails[0]?.text).toContain('The link works without signing in until 2025-07-31 02:03 UTC');

    const [errors] = to(mails, `it@${tenant.id}.example`);
    expect(errors?.subject).toBe('Acme Pty Ltd: 3 records skipped or failed in the latest sync');
    expect(errors?.text).toContain('2 people were skipped because of a data problem');
    expect(errors?.text).toContain('1 record failed while being written');
    expect(errors?.text).toMatch(/duplicate_identity_key.*: 1/);
    expect(errors?.text).toMatch(/missing_identity_key.*: 1/);
    expect(errors?.text).toMatch(/platform_refused: 1/);
    expect(errors?.text).toContain("Every record is listed in the attached errors.csv, with the reason, and in the run's report:");
    expect(errors?.text).not.toContain('/api/');
    expect(errors?.attachments).toHaveLength(1);
    expect(errors?.attachments[0]).toMatchObject({ filename: 'errors.csv', contentType: 'text/csv' });
    expect(errors?.attachments[0]?.content.split('\r\n')).toEqual([
      'hrisId,identityKey,name,action,severity,reasonCode,reason,line',
      `h-2,ben@${tenant.id}.example,Ben Ng,create,failed,platform_refused,the platform refused the record (400),`,
      'h-3,,Cam Roe,skip,skipped,missing_identity_key,No work e-mail in the HR system.,',
      'h-4,dana@acme.example,"Dup, Dana",skip,skipped,duplicate_identity_key,Shares its identity key with h-9.,',
      '',
    ]);
  });

  it('sends no error e-mail when nothing was skipped or failed, and copies support during hypercare', async () => {
    const tenant = await insertTenant(db);
    const syncId = await insertRun(db, tenant.id, { trigger: 'test', mode: 'dry_run', counts: { created: 1, unchanged: 4 } });
    await insertItems(db, tenant.id, syncId, [created('h-1', 'Ann', 'Lee', `ann@${tenant.id}.example`, 'pending'), { hrisId: 'h-2', action: 'unchanged' }]);

    expect(await enqueueRunReport(db, { syncId, tenant, publicUrl, ...links, hypercare: true, outcome: { status: 'success', finishedAt: '2025-07-01T02:00:40Z' } })).toBe(3);
    expect(await db('mail_outbox').where({ sync_id: syncId, kind: 'record_errors' })).toHaveLength(0);
    await deliverPending(deliverer, { tenantId: tenant.id });

    const mails = mailsOf(tenant);
    expect(mails.flatMap((m) => m.to).sort()).toEqual([`hr@${tenant.id}.example`, `people@${tenant.id}.example`, `support@${tenant.id}.example`]);
    expect(mails[0]?.subject).toBe('Acme Pty Ltd: test run finished');
    expect(mails[0]?.text).toContain('This was a dry run: nothing was changed on the platform.');
    expect(mails[0]?.text).toContain('Planned changes:\n  Accounts created: 1');
  });

  it('tells the error recipients about a run that could not complete, with the reason', async () => {
    const tenant = await insertTenant(db);
    tenant.config.notifications.summaryTo = [];
    const syncId = await insertRun(db, tenant.id, { counts: null });

    const error = { code: 'empty_directory', message: 'The HR system returned nobody, so nothing was applied rather than deactivating everyone.' };
    expect(await enqueueRunReport(db, { syncId, tenant, publicUrl, ...links, hypercare: false, outcome: { status: 'error', finishedAt: '2025-07-01T02:00:05Z', error } })).toBe(1);
    await deliverPending(deliverer, { tenantId: tenant.id });

    const [mail] = mailsOf(tenant);
    expect(mail?.to).toEqual([`it@${tenant.id}.example`]);
    expect(mail?.subject).toBe('Acme Pty Ltd: scheduled sync could not complete');
    expect(mail?.text).toContain(`Reason: ${error.message} (empty_directory)`);
    expect(mail?.text).toContain('No records were processed.');
    expect(mail?.text).not.toContain('Changes were applied');
  });

  it('queues once however often it is called', async () => {
    const tenant = await insertTenant(db);
    const syncId = await insertRun(db, tenant.id, { counts: { created: 1, skipped: 2, failed: 1 } });
    await insertItems(db, tenant.id, syncId, mixedItems(tenant.id));
    const input = { syncId, tenant, publicUrl, ...links, hypercare: true, outcome: { status: 'warning' as const, finishedAt: '2025-07-01T02:10:00Z' } };

    expect(await enqueueRunReport(db, input)).toBe(4);
    expect(await enqueueRunReport(db, input)).toBe(0);
    await deliverPending(deliverer, { tenantId: tenant.id });
    expect(await enqueueRunReport(db, input)).toBe(0);
    await deliverPending(deliverer, { tenantId: tenant.id });
    expect(mailsOf(tenant)).toHaveLength(4);
  });

  it('queues nothing when there is nobody to tell', async () => {
    const tenant = await insertTenant(db);
    tenant.config.notifications = { summaryTo: [], errorsTo: [] };
    tenant.contacts = {};
    const syncId = await insertRun(db, tenant.id, { counts: { skipped: 2, failed: 1 } });
    await insertItems(db, tenant.id, syncId, mixedItems(tenant.id));
    expect(await enqueueRunReport(db, { syncId, tenant, publicUrl, ...links, hypercare: true, outcome: { status: 'warning', finishedAt: '2025-07-01T02:10:00Z' } })).toBe(0);
  });
});

describe('errors.csv for the e-mail', () => {
  it('is cut at the size cap on a whole row, saying how many rows it holds', async () => {
    const tenant = await insertTenant(db);
    const syncId = await insertRun(db, tenant.id);
    const skips = Array.from({ length: 2500 }, (_, i): ItemFields => ({ hrisId: `h-${i}`, name: `Person ${i}`, action: 'skip', item: { reasonCode: 'missing_identity_key', reason: 'No work e-mail.' } }));
    await insertItems(db, tenant.id, syncId, skips);

    const whole = await readRecordErrors(db, syncId);
    expect(whole).toMatchObject({ skipped: 2500, failed: 0, attachedRows: 2500, truncated: false, topReasons: [{ code: 'missing_identity_key', count: 2500 }] });

    const cut = await readRecordErrors(db, syncId, 10_000);
    expect(cut).toMatchObject({ skipped: 2500, truncated: true });
    const lines = cut!.attachment.content.split('\r\n').filter(Boolean);
    expect(Buffer.byteLength(cut!.attachment.content)).toBeLessThanOrEqual(10_000);
    expect(lines).toHaveLength(cut!.attachedRows + 1);
    expect(lines.at(-1)).toBe(`h-${cut!.attachedRows - 1},,Person ${cut!.attachedRows - 1},skip,skipped,missing_identity_key,No work e-mail.,`);
    expect(cut!.attachment.filename).toBe(`errors-first-${cut!.attachedRows}.csv`);
  });
});
