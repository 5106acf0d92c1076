// Sending the welcome later (issue 19): to accounts created while invitations were off, for
// everyone never welcomed, chosen people, or the accounts one run created. Each person is checked
// (welcome-accounts.ts) and welcomed at most once in the tenant's life (welcome-record.ts). The
// answer holds counts and HR ids only, as it goes into the tenant workflow's history.
import type { Db } from '../../common/db';
import { loggerFor } from '../../common/logger';
import { LEFT_OUT_LISTED, welcomeLeftOutReasons, type WelcomesSent, type WelcomeTargets } from '../../common/welcomes';
import { loadNotifyTenant } from './tenant';
import { checkWelcomes } from './welcome-accounts';
import { welcomeOnce } from './welcome-record';

const log = loggerFor('mail');

const PAGE = 1000;

export interface LaterWelcomesInput extends WelcomeTargets {
  tenantId: string;
  /** Who asked: recorded with each welcome. */
  sentBy: string;
}

/** Every managed person never welcomed, a page at a time. */
async function* neverWelcomed(db: Db, tenantId: string): AsyncGenerator<string[]> {
  for (let after = ''; ; ) {
    const page: string[] = await db('account_links as l')
      .where({ 'l.tenant_id': tenantId, 'l.target': 'production' })
      .andWhere('l.hris_id', '>', after)
      .whereNotExists(db('welcomes as w').whereRaw('w.tenant_id = l.tenant_id and w.hris_id = l.hris_id'))
      .orderBy('l.hris_id')
      .limit(PAGE)
      .pluck('l.hris_id');
    if (page.length > 0) yield page;
    if (page.length < PAGE) return;
    after = page[page.length - 1]!;
  }
}

/** The people whose accounts the run created, a page at a time. */
async function* createdBy(db: Db, tenantId: string, syncId: string): AsyncGenerator<string[]> {
  for (let after = -1; ; ) {
    const page: { seq: number; hris_id: string }[] = await db('plan_items')
      .where({ run_id: syncId, tenant_id: tenantId, kind: 'account', action: 'create', result: 'done' })
      .andWhere('seq', '>', after)
      .orderBy('seq')
      .limit(PAGE)
      .select('seq', 'hris_id');
    if (page.length > 0) yield page.map((row) => row.hris_id);
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.seq;
  }
}

async function* chosen(hrisIds: readonly string[]): AsyncGenerator<string[]> {
  const unique = [...new Set(hrisIds)];
  for (let start = 0; start < unique.length; start += PAGE) yield unique.slice(start, start + PAGE);
}

export async function sendLaterWelcomes(db: Db, { tenantId, hrisIds, syncId, sentBy }: LaterWelcomesInput): Promise<WelcomesSent> {
  const { tenant, loginUrl } = await loadNotifyTenant(db, tenantId);
  const origin = { tenantId, tenantName: tenant.name, loginUrl, syncId, sentBy };
  const sent: WelcomesSent = { queued: 0, leftOut: { count: 0, byReason: Object.fromEntries(welcomeLeftOutReasons.map((reason) => [reason, 0])) as WelcomesSent['leftOut']['byReason'], people: [] } };
  const pages = syncId ? createdBy(db, tenantId, syncId) : hrisIds ? chosen(hrisIds) : neverWelcomed(db, tenantId);
  for await (const page of pages) {
    const checks = await checkWelcomes(db, tenantId, page);
    const welcomes = checks.flatMap((check) => ('welcome' in check ? [check.welcome] : []));
    const queued = await welcomeOnce(db, origin, welcomes);
    sent.queued += queued.size;
    for (const check of checks) {
      // Welcomed meanwhile by a run or another send: the record decides.
      const reason = 'leftOut' in check ? check.leftOut : queued.has(check.hrisId) ? undefined : 'already_welcomed';
      if (!reason) continue;
      sent.leftOut.count += 1;
      sent.leftOut.byReason[reason] += 1;
      if (sent.leftOut.people.length < LEFT_OUT_LISTED) sent.leftOut.people.push({ hrisId: check.hrisId, reason });
    }
  }
  log.info('later welcomes queued', { tenantId, syncId, queued: sent.queued, leftOut: sent.leftOut.count });
  return sent;
}
