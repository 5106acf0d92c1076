// Authorization links from the tenant workflow: the ones support issues (the API seals the token
// and passes only its hash and reference) and the fresh one a live tenant's HRIS admin gets when
// the key stops working.
import { uuid4 } from '@temporalio/workflow';
import type { TenantProfile } from '../../common/tenant';
import { records, sendMailSoon } from '../activity-profiles';
import type { IssueLinkInput } from '../tenant-messages';

const LINK_VALID_HOURS = 168;

export class TenantLinks {
  constructor(private readonly profile: TenantProfile) {}

  /** Records a link support issued; its mail goes out once the issue is recorded too. */
  async issued({ linkId, tokenHash, expiresAt, actor }: IssueLinkInput): Promise<void> {
    await records.recordAuthorizationLink({ tenantId: this.profile.tenantId, linkId, tokenHash, expiresAt, createdBy: actor, at: new Date().toISOString() });
  }

  /** A fresh link to the HRIS admin, valid a week. */
  async sendFresh(): Promise<void> {
    const tenantId = this.profile.tenantId;
    if (!this.profile.contacts.hrisAdminEmail) return;
    const { tokenHash, tokenRef } = await records.sealNewLinkToken({ tenantId });
    const linkId = uuid4();
    const expiresAt = new Date(Date.now() + LINK_VALID_HOURS * 3_600_000).toISOString();
    await records.recordAuthorizationLink({ tenantId, linkId, tokenHash, expiresAt, createdBy: 'system', at: new Date().toISOString() });
    await this.mail(linkId, tokenRef, expiresAt);
  }

  /** Offboarding: no link works any more. */
  async revokeAll(): Promise<void> {
    await records.revokeAuthorizationLinks({ tenantId: this.profile.tenantId, reason: 'offboarded', at: new Date().toISOString() });
  }

  async mail(linkId: string, tokenRef: string, expiresAt: string): Promise<void> {
    await records.queueLinkMail({ tenantId: this.profile.tenantId, linkId, tokenRef, expiresAt });
    sendMailSoon(this.profile.tenantId);
  }
}
