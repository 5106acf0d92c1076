// The mail activities: queueing is durable and quick (the outbox); delivery is separate and
// retried, so a slow or failing SMTP server never holds up a run, a transition or an answer.
import { ApplicationFailure } from '@temporalio/common';
import type { FinalStatus } from '../../common/sync-run';
import type { Hold } from '../sync/core';
import { recordHealth } from '../health';
import { recordMailHealth } from '../health/mail';
import { sendLaterWelcomes, type LaterWelcomesInput } from './later-welcomes';
import type { DeliveryOutcomes } from './outbox';
import { deliverPending, enqueueHoldNotice, enqueueRunReport, enqueueWelcomes, loadNotifyTenant, type Deliverer } from '.';

export interface NotifyDeps extends Deliverer {
  publicUrl: string;
  /** ROSTER_SUPPORT_EMAIL (activities/health/). */
  supportEmail?: string;
  /** ROSTER_RETENTION_DAYS: a run's report link works as long as its items are kept. */
  retentionDays?: number;
}

export function createNotifyActivities(deps: NotifyDeps) {
  const { db, publicUrl, secrets } = deps;
  const linkDays = deps.retentionDays ?? 30;
  return {
    async queueRunMail(run: { syncId: string; tenantId: string; status: FinalStatus; error?: { code: string; message: string }; finishedAt: string; welcomes: boolean; hypercare: boolean }): Promise<void> {
      const { tenant, loginUrl } = await loadNotifyTenant(db, run.tenantId);
      await enqueueRunReport(db, { syncId: run.syncId, tenant, publicUrl, keyring: secrets.keyring, linkDays, hypercare: run.hypercare, outcome: { status: run.status, finishedAt: run.finishedAt, error: run.error } });
      if (run.welcomes) await enqueueWelcomes(db, { syncId: run.syncId, tenant: { id: tenant.id, name: tenant.name }, loginUrl });
    },

    async queueHoldNotice(held: { syncId: string; tenantId: string; hold: Hold; expiresAt: string }): Promise<void> {
      const { tenant } = await loadNotifyTenant(db, held.tenantId);
      await enqueueHoldNotice(db, { syncId: held.syncId, tenant, publicUrl, hold: held.hold, expiresAt: held.expiresAt });
    },

    /** Support's later send (issue 19): queued and recorded here, delivered by deliverMail. */
    queueLaterWelcomes: (input: LaterWelcomesInput) => sendLaterWelcomes(db, input),

    async deliverMail({ tenantId }: { tenantId: string }): Promise<{ sent: number }> {
      const outcomes: DeliveryOutcomes = { sentKinds: [], unsent: [] };
      const { sent, failed } = await deliverPending(deps, { tenantId, outcomes });
      await recordHealth('mail delivery', { tenantId }, () => recordMailHealth(db, tenantId, outcomes, { publicUrl, supportEmail: deps.supportEmail }));
      // Left pending in the outbox; Temporal retries this delivery with backoff.
      if (failed > 0) throw ApplicationFailure.create({ type: 'mail_not_delivered', message: `${failed} e-mail(s) could not be sent yet; they stay queued.` });
      return { sent };
    },
  };
}
