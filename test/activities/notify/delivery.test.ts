// Delivery against SMTP servers that refuse: nothing is lost, failures are recorded without
// addresses, a later delivery sends what is left, and a refused recipient is not retried.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMailer, deliverPending, enqueueWelcomes, type NotifyTenant } from '../../../activities/notify';
import { createDb, type Db } from '../../../common/db';
import { configureLogging } from '../../../common/logger';
import { createKeyring, SecretStore } from '../../../common/secrets';
import { freePort } from '../../../common/free-port';
import { startMailCapture, type MailCapture } from '../../../dev/mail-capture';
import { encryptionKey } from '../../support/stack';
import { created, insertItems, insertRun, insertTenant, startRefusingSmtp } from './records';

const logs: string[] = [];
let db: Db;
let capture: MailCapture;
let secrets: SecretStore;
beforeAll(async () => {
  configureLogging({ sink: (line) => logs.push(line) });
  db = createDb(inject('databaseUrl'));
  secrets = new SecretStore(db, createKeyring(encryptionKey));
  capture = await startMailCapture({ port: await freePort() });
});
afterAll(async () => {
  await capture?.stop();
  await db?.destroy();
});

/** Welcomes are the simplest mail to queue: one per created person. */
async function queueWelcomes(people: string[]): Promise<NotifyTenant> {
  const tenant = await insertTenant(db);
  const syncId = await insertRun(db, tenant.id);
  await insertItems(db, tenant.id, syncId, people.map((local, i) => created(`h-${i}`, local, 'Person', `${local}@${tenant.id}.example`, 'done')));
  await enqueueWelcomes(db, { syncId, tenant });
  return tenant;
}

const outbox = (tenantId: string) => db('mail_outbox').where({ tenant_id: tenantId }).orderBy('created_at').select('to', 'status', 'attempts', 'last_error', 'sent_at');

describe('delivery', () => {
  it('records a failure while the SMTP server is down, and sends everything once it is back', async () => {
    const tenant = await queueWelcomes(['ann', 'ben']);
    const down = createMailer({ smtpUrl: `smtp://127.0.0.1:${await freePort()}`, from: 'roster@roster.example' });

    // Unreachable: one attempt is recorded and the rest of the batch waits rather than fail too.
    expect(await deliverPending({ db, mailer: down, secrets }, { tenantId: tenant.id })).toEqual({ sent: 0, failed: 1 });
    const failedRows = (await outbox(tenant.id)).filter((row) => row.attempts === 1);
    expect(failedRows).toHaveLength(1);
    expect(failedRows[0]).toMatchObject({ status: 'pending', last_error: 'ESOCKET ECONNREFUSED CONN', sent_at: null });

    const up = createMailer({ smtpUrl: capture.smtpUrl, from: 'roster@roster.example' });
    expect(await deliverPending({ db, mailer: up, secrets }, { tenantId: tenant.id })).toEqual({ sent: 2, failed: 0 });
    expect(await deliverPending({ db, mailer: up, secrets }, { tenantId: tenant.id })).toEqual({ sent: 0, failed: 0 });
    const rows = await outbox(tenant.id);
    expect(rows.map((row) => row.status)).toEqual(['sent', 'sent']);
    expect(rows.map((row) => row.attempts).sort()).toEqual([1, 2]);
    expect(rows.every((row) => row.sent_at instanceof Date && row.last_error === null)).toBe(true);
    expect(capture.messages.filter((m) => m.to[0]?.endsWith(`@${tenant.id}.example`))).toHaveLength(2);
  });

  it('gives up on a recipient the server refuses for good, retries one it refuses for now, and sends the rest', async () => {
    const refusing = await startRefusingSmtp((local) => (local === 'ok' ? undefined : local === 'gone' ? 550 : 451));
    try {
      const tenant = await queueWelcomes(['gone', 'busy', 'ok']);
      const mailer = createMailer({ smtpUrl: refusing.smtpUrl, from: 'roster@roster.example' });
      expect(await deliverPending({ db, mailer, secrets }, { tenantId: tenant.id })).toEqual({ sent: 1, failed: 2 });

      const byLocal = Object.fromEntries((await outbox(tenant.id)).map((row) => [row.to[0].split('@')[0], row]));
      expect(byLocal.gone).toMatchObject({ status: 'failed', attempts: 1, last_error: 'EENVELOPE 550 RCPT TO' });
      expect(byLocal.busy).toMatchObject({ status: 'pending', attempts: 1, last_error: 'EENVELOPE 451 RCPT TO' });
      expect(byLocal.ok).toMatchObject({ status: 'sent', attempts: 1 });

      // The next round tries only the one that may still go through.
      expect(await deliverPending({ db, mailer, secrets }, { tenantId: tenant.id })).toEqual({ sent: 0, failed: 1 });
      expect((await outbox(tenant.id)).map((row) => row.attempts).sort()).toEqual([1, 1, 2]);

      // Logs name the mail and the SMTP answer, never the address or the person.
      const tenantLogs = logs.filter((line) => line.includes(tenant.id));
      expect(tenantLogs.some((line) => line.includes('EENVELOPE 550 RCPT TO'))).toBe(true);
      expect(logs.join('\n')).not.toMatch(/@notify-[0-9a-f]+\.example|Person|Welcome/);
    } finally {
      await refusing.stop();
    }
  });
});
