// A run held for approval tells the error recipients and support at once, with its deadline.
import { runPageUrl } from '../../common/console-links';
import type { Db } from '../../common/db';
import { loggerFor } from '../../common/logger';
import { queueMails, recipients } from './outbox';
import type { NotifyTenant } from './run-report';
import { heldRunMail } from './templates/held-run';

const log = loggerFor('mail');

export interface HoldNoticeInput {
  syncId: string;
  tenant: NotifyTenant;
  publicUrl: string;
  hold: { reason: string; deactivations: number; limit: number };
  /** When an undecided hold is cancelled. */
  expiresAt: string;
}

/** The run's page in the console, where support sees whom it deactivates and decides. */

/** Queued once per hold: a run held again after approval has a new deadline, so a new notice. */
export async function enqueueHoldNotice(db: Db, { syncId, tenant, publicUrl, hold, expiresAt }: HoldNoticeInput): Promise<number> {
  const content = heldRunMail({ tenantName: tenant.name, hold, expiresAt, runPageUrl: runPageUrl(publicUrl, syncId) });
  const to = recipients(tenant.config.notifications.errorsTo, tenant.contacts.supportEmail);
  const queued = await queueMails(
    db,
    to.map((address) => ({ tenantId: tenant.id, syncId, kind: 'held_run' as const, key: `${address.toLowerCase()}|${expiresAt}`, to: [address], ...content })),
  );
  log.info('hold notice queued', { tenantId: tenant.id, syncId, queued });
  return queued;
}
