// Sending the welcome later (docs/PRODUCT.md "Notifications"): the welcomes are checked, recorded
// and queued by one activity, the send is recorded in the tenant's history with its counts, and
// the mail goes out in the background. The workflow sees HR ids and counts, never an address.
import { describeWelcomesSent, type WelcomesSent } from '../../common/welcomes';
import { sendMailSoon, welcomes } from '../activity-profiles';
import type { SendWelcomesInput } from '../tenant-messages';
import type { TenantRecords } from './records';

export async function sendWelcomesLater(records: TenantRecords, { actor, reason, hrisIds, syncId }: SendWelcomesInput): Promise<WelcomesSent> {
  const { tenantId } = records;
  const sent = await welcomes.queueLaterWelcomes({ tenantId, hrisIds, syncId, sentBy: actor });
  const summary = describeWelcomesSent({ hrisIds, syncId }, sent);
  await records.record('welcomes_sent', { actor, reason: reason ? `${summary} ${reason}` : summary }, { syncId });
  if (sent.queued > 0) sendMailSoon(tenantId);
  return sent;
}
