// Telling support about problems: each problem once, when it opens (notified_at), and a daily
// digest of what is still open, grouped per support address. Both go through the outbox, so they
// are retried and recorded like every other mail.
import { tenantPageUrl } from '../../common/console-links';
import type { Db } from '../../common/db';
import { loggerFor } from '../../common/logger';
import type { ProblemRow } from '../../common/tenant-health/store';
import type { TenantRow } from '../../common/tenants-repository';
import { queueMails, recipients, type QueuedMail } from '../notify/outbox';
import { healthDigestMail, type DigestTenant } from '../notify/templates/health-digest';
import { tenantProblemMail } from '../notify/templates/tenant-problem';

const log = loggerFor('activities');

export interface HealthMailSettings {
  /** Base of the console links (ROSTER_PUBLIC_URL). */
  publicUrl: string;
  /** ROSTER_SUPPORT_EMAIL: told of every tenant's problems, besides each tenant's own support contact. */
  supportEmail?: string;
}

type Contacted = Pick<TenantRow, 'id' | 'name' | 'contacts'>;

/**
 * Queues one e-mail per recipient for each of the tenant's open problems nobody was told of yet,
 * and marks them told. A problem with nobody to tell stays untold: the tenant's support contact,
 * once set, hears of it at the next sweep. Returns how many mails were queued.
 */
export async function notifyOpenedProblems(db: Db, tenantId: string, settings: HealthMailSettings): Promise<number> {
  return db.transaction(async (trx) => {
    const untold: ProblemRow[] = await trx('tenant_problems').where({ tenant_id: tenantId }).whereNull('resolved_at').whereNull('notified_at').forUpdate();
    if (untold.length === 0) return 0;
    const tenant: Contacted | undefined = await trx('tenants').where({ id: tenantId }).first('id', 'name', 'contacts');
    if (!tenant) return 0;
    const to = recipients(tenant.contacts.supportEmail, settings.supportEmail);
    if (to.length === 0) return 0;
    const mails: QueuedMail[] = untold.flatMap((problem) => {
      const content = tenantProblemMail({ tenantName: tenant.name, tenantId, type: problem.type, openedAt: problem.opened_at.toISOString(), detail: problem.detail, tenantPageUrl: tenantPageUrl(settings.publicUrl, tenantId) });
      return to.map((address) => ({ tenantId, kind: 'tenant_problem' as const, key: `${problem.id}|${address.toLowerCase()}`, to: [address], ...content }));
    });
    const queued = await queueMails(trx, mails);
    await trx('tenant_problems').whereIn('id', untold.map((problem) => problem.id)).update({ notified_at: new Date() });
    if (queued > 0) log.info('tenant problems told', { tenantId, problems: untold.map((problem) => problem.type), queued });
    return queued;
  });
}

/** Tenants with open problems nobody was told of (a support contact set since, say). */
export async function tenantsWithUntoldProblems(db: Db): Promise<string[]> {
  const rows: { tenant_id: string }[] = await db('tenant_problems').whereNull('resolved_at').whereNull('notified_at').distinct('tenant_id');
  return rows.map((row) => row.tenant_id);
}

/**
 * The day's digest: to each support address, its tenants' open problems (ROSTER_SUPPORT_EMAIL gets
 * every tenant's). A mail in the outbox belongs to a tenant: a digest goes with the first of its
 * tenants by id. Queued once per address and day, whatever the retries. Returns the tenants whose
 * outbox now holds a digest.
 */
export async function queueDigests(db: Db, day: string, settings: HealthMailSettings): Promise<string[]> {
  const rows: (Pick<ProblemRow, 'tenant_id' | 'type' | 'opened_at'> & Pick<TenantRow, 'name' | 'contacts'>)[] = await db('tenant_problems as p')
    .join('tenants as t', 't.id', 'p.tenant_id')
    .whereNull('p.resolved_at')
    .orderBy([{ column: 'p.tenant_id' }, { column: 'p.opened_at' }])
    .select('p.tenant_id', 'p.type', 'p.opened_at', 't.name', 't.contacts');
  const perAddress = new Map<string, { address: string; tenants: Map<string, DigestTenant> }>();
  for (const row of rows) {
    for (const address of recipients(row.contacts.supportEmail, settings.supportEmail)) {
      const group = perAddress.get(address.toLowerCase()) ?? { address, tenants: new Map<string, DigestTenant>() };
      perAddress.set(address.toLowerCase(), group);
      const tenant = group.tenants.get(row.tenant_id) ?? { id: row.tenant_id, name: row.name, pageUrl: tenantPageUrl(settings.publicUrl, row.tenant_id), problems: [] };
      group.tenants.set(row.tenant_id, tenant);
      tenant.problems.push({ type: row.type, openedAt: row.opened_at.toISOString() });
    }
  }
  const mails = [...perAddress.values()].map(({ address, tenants }) => {
    const listed = [...tenants.values()];
    return { tenantId: listed[0]!.id, kind: 'health_digest' as const, key: `${day}|${address.toLowerCase()}`, to: [address], ...healthDigestMail({ day, tenants: listed }) };
  });
  const queued = await queueMails(db, mails);
  log.info('health digests queued', { day, addresses: mails.length, queued });
  return [...new Set(mails.map((mail) => mail.tenantId))];
}
