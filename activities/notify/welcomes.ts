// Welcome e-mails for the accounts a run created. The caller decides whether this run invites
// (config.inviteNewUsers, or go-live's inviteNewUsers for the initial load).
import type { Db } from '../../common/db';
import type { AccountFields } from '../../common/directory';
import { loggerFor } from '../../common/logger';
import { queueMails, type QueuedMail } from './outbox';
import type { NotifyTenant } from './run-report';
import { welcomeMail } from './templates/welcome';

const log = loggerFor('mail');

export interface WelcomesInput {
  syncId: string;
  tenant: Pick<NotifyTenant, 'id' | 'name'>;
  loginUrl?: string;
}

const PAGE = 1000;

/** One welcome per person whose account this run created, to their work e-mail; queued once. */
export async function enqueueWelcomes(db: Db, { syncId, tenant, loginUrl }: WelcomesInput): Promise<number> {
  let [queued, lastSeq] = [0, -1];
  for (;;) {
    const created: { seq: number; hris_id: string; name: string | null; fields: AccountFields | null }[] = await db('plan_items')
      .where({ run_id: syncId, tenant_id: tenant.id, kind: 'account', action: 'create', result: 'done' })
      .andWhere('seq', '>', lastSeq)
      .orderBy('seq')
      .limit(PAGE)
      .select('seq', 'hris_id', 'name', db.raw(`item->'fields' as fields`));
    const mails = created.flatMap(({ hris_id, name, fields }): QueuedMail[] => {
      if (!fields?.email) return [];
      const firstName = fields.givenName || fields.displayName || name || fields.userName;
      const content = welcomeMail({ firstName, tenantName: tenant.name, userName: fields.userName, loginUrl });
      return [{ tenantId: tenant.id, syncId, kind: 'welcome', key: hris_id, to: [fields.email], ...content }];
    });
    queued += await queueMails(db, mails);
    if (created.length < PAGE) break;
    lastSeq = created[created.length - 1]!.seq;
  }
  log.info('welcomes queued', { tenantId: tenant.id, syncId, queued });
  return queued;
}
