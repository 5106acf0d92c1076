// "Once each, recorded": a person gets at most one welcome in the tenant's life, whether a run that
// invites or support's later send queues it. The record (table `welcomes`) and the mail are written
// in one transaction, so neither exists without the other, and a retried activity queues nothing new.
import type { Db } from '../../common/db';
import { queueMails, type QueuedMail } from './outbox';
import { welcomeMail } from './templates/welcome';

/** A person to welcome, as their account stands. */
export interface WelcomeAccount {
  hrisId: string;
  email: string;
  userName: string;
  firstName: string;
}

export interface WelcomeOrigin {
  tenantId: string;
  tenantName: string;
  loginUrl?: string;
  /** The run whose accounts these are, when there is one. */
  syncId?: string;
  /** `run`, or who asked for the later send. */
  sentBy: string;
}

/** Queues a welcome for each account not welcomed before; returns the HR ids it queued for. */
export async function welcomeOnce(db: Db, origin: WelcomeOrigin, accounts: readonly WelcomeAccount[]): Promise<Set<string>> {
  if (accounts.length === 0) return new Set();
  return db.transaction(async (trx) => {
    const rows = accounts.map(({ hrisId }) => ({ tenant_id: origin.tenantId, hris_id: hrisId, sync_id: origin.syncId ?? null, sent_by: origin.sentBy }));
    const recorded: { hris_id: string }[] = await trx('welcomes').insert(rows).onConflict(['tenant_id', 'hris_id']).ignore().returning('hris_id');
    const fresh = new Set(recorded.map((row) => row.hris_id));
    const mails = accounts
      .filter((account) => fresh.has(account.hrisId))
      .map(({ hrisId, email, userName, firstName }): QueuedMail => {
        const content = welcomeMail({ firstName, tenantName: origin.tenantName, userName, loginUrl: origin.loginUrl });
        return { tenantId: origin.tenantId, syncId: origin.syncId, kind: 'welcome', key: hrisId, to: [email], ...content };
      });
    await queueMails(trx, mails);
    return fresh;
  });
}
