// Welcome e-mails for the accounts a run created. The caller decides whether this run invites
// (config.inviteNewUsers, or go-live's inviteNewUsers for the initial load). A person welcomed
// before (by an earlier run, or by support's later send) is not welcomed again (welcome-record.ts).
import type { Db } from '../../common/db';
import type { AccountFields } from '../../common/directory';
import { loggerFor } from '../../common/logger';
import type { NotifyTenant } from './run-report';
import { welcomeOnce, type WelcomeAccount } from './welcome-record';

const log = loggerFor('mail');

export interface WelcomesInput {
  syncId: string;
  tenant: Pick<NotifyTenant, 'id' | 'name'>;
  loginUrl?: string;
}

const PAGE = 1000;

/** The welcome of a created account: to its work e-mail, by the first name it was given. */
export function welcomeOfCreated(hrisId: string, name: string | null, fields: AccountFields | null): WelcomeAccount | undefined {
  if (!fields?.email) return undefined;
  return { hrisId, email: fields.email, userName: fields.userName, firstName: fields.givenName || fields.displayName || name || fields.userName };
}

/** One welcome per person whose account this run created, to their work e-mail; queued once in the person's life. */
export async function enqueueWelcomes(db: Db, { syncId, tenant, loginUrl }: WelcomesInput): Promise<number> {
  let [queued, lastSeq] = [0, -1];
  for (;;) {
    const created: { seq: number; hris_id: string; name: string | null; fields: AccountFields | null }[] = await db('plan_items')
      .where({ run_id: syncId, tenant_id: tenant.id, kind: 'account', action: 'create', result: 'done' })
      .andWhere('seq', '>', lastSeq)
      .orderBy('seq')
      .limit(PAGE)
      .select('seq', 'hris_id', 'name', db.raw(`item->'fields' as fields`));
    const accounts = created.flatMap(({ hris_id, name, fields }) => welcomeOfCreated(hris_id, name, fields) ?? []);
    const origin = { tenantId: tenant.id, tenantName: tenant.name, loginUrl, syncId, sentBy: 'run' };
    queued += (await welcomeOnce(db, origin, accounts)).size;
    if (created.length < PAGE) break;
    lastSeq = created[created.length - 1]!.seq;
  }
  log.info('welcomes queued', { tenantId: tenant.id, syncId, queued });
  return queued;
}
