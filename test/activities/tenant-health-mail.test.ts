// `mail_failing` (activities/health/mail.ts) through the deliverMail activity and a real SMTP
// server that refuses a recipient for good: the problem opens once, support is told, and the
// tenant's next mail sent resolves it, by mail. Health's own mail resolves nothing.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMailer, enqueueWelcomes } from '../../activities/notify';
import { createNotifyActivities } from '../../activities/notify/activities';
import { createDb, type Db } from '../../common/db';
import { createKeyring, SecretStore } from '../../common/secrets';
import { created, insertItems, insertRun, insertTenant, startRefusingSmtp } from './notify/records';
import { encryptionKey } from '../support/stack';

let db: Db;
let secrets: SecretStore;
beforeAll(() => {
  db = createDb(inject('databaseUrl'));
  secrets = new SecretStore(db, createKeyring(encryptionKey));
});
afterAll(() => db?.destroy());

describe('mail_failing', () => {
  it('opens when a mail is refused for good, tells support once, and resolves when the next mail is sent', async () => {
    const refusing = await startRefusingSmtp((local) => (local === 'gone' ? 550 : undefined));
    try {
      const tenant = await insertTenant(db);
      const syncId = await insertRun(db, tenant.id);
      await insertItems(db, tenant.id, syncId, [created('h-1', 'gone', 'Person', `gone@${tenant.id}.example`, 'done')]);
      await enqueueWelcomes(db, { syncId, tenant });
      const { deliverMail } = createNotifyActivities({ db, secrets, mailer: createMailer({ smtpUrl: refusing.smtpUrl, from: 'roster@roster.example' }), publicUrl: 'http://roster.test' });

      await expect(deliverMail({ tenantId: tenant.id })).rejects.toThrow(/could not be sent yet/);
      const [problem] = await db('tenant_problems').where({ tenant_id: tenant.id });
      expect(problem).toMatchObject({ type: 'mail_failing', resolved_at: null, detail: { mailId: expect.any(String), code: 'EENVELOPE 550 RCPT TO' } });
      expect(problem.notified_at).toBeInstanceOf(Date);
      // The notice to support waits in the outbox; the activity's retry sends it, and it resolves nothing.
      expect(await deliverMail({ tenantId: tenant.id })).toEqual({ sent: 1 });
      const notices = await db('mail_outbox').where({ tenant_id: tenant.id, kind: 'tenant_problem' });
      expect(notices.map((mail) => [mail.to, mail.status])).toEqual([[[`support@${tenant.id}.example`], 'sent']]);
      expect(notices[0].text).not.toContain(`gone@${tenant.id}.example`);
      expect((await db('tenant_problems').where({ tenant_id: tenant.id }).first()).resolved_at).toBeNull();
      await expect(deliverMail({ tenantId: tenant.id })).resolves.toEqual({ sent: 0 });
      expect(await db('tenant_problems').where({ tenant_id: tenant.id })).toHaveLength(1);

      // The tenant's next ordinary mail is sent: the problem is resolved, by mail.
      const next = await insertRun(db, tenant.id);
      await insertItems(db, tenant.id, next, [created('h-2', 'fine', 'Person', `fine@${tenant.id}.example`, 'done')]);
      await enqueueWelcomes(db, { syncId: next, tenant });
      expect(await deliverMail({ tenantId: tenant.id })).toEqual({ sent: 1 });
      expect(await db('tenant_problems').where({ tenant_id: tenant.id })).toEqual([expect.objectContaining({ type: 'mail_failing', resolved_by: 'mail', resolved_at: expect.any(Date) })]);
    } finally {
      await refusing.stop();
    }
  });
});
