// `mail_failing`: a tenant's mail given up by the outbox (refused for good, its link gone), or
// still unsent after MAIL_FAILING_TRIES tries, opens it; the tenant's next mail sent resolves it.
// Health's own mail (the problem notice, the digest) resolves nothing: it may go to other addresses.
import type { Db } from '../../common/db';
import { MAIL_FAILING_TRIES } from '../../common/tenant-health/problems';
import { openProblems, resolveProblems } from '../../common/tenant-health/store';
import type { DeliveryOutcomes, MailKind } from '../notify/outbox';
import { notifyOpenedProblems, type HealthMailSettings } from './notices';

const healthKinds: readonly MailKind[] = ['tenant_problem', 'health_digest'];

export async function recordMailHealth(db: Db, tenantId: string, { sentKinds, unsent }: DeliveryOutcomes, settings: HealthMailSettings): Promise<void> {
  const now = new Date();
  const failing = unsent.find((mail) => !healthKinds.includes(mail.kind) && (mail.givenUp || mail.attempts >= MAIL_FAILING_TRIES));
  if (failing) {
    const opened = await openProblems(db, tenantId, [{ type: 'mail_failing', detail: { mailId: failing.id, code: failing.summary } }], now);
    if (opened.length > 0) await notifyOpenedProblems(db, tenantId, settings);
  } else if (sentKinds.some((kind) => !healthKinds.includes(kind))) {
    await resolveProblems(db, tenantId, ['mail_failing'], { kind: 'mail' }, now);
  }
}
