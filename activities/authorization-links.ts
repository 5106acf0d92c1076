// The tenant workflow's side of authorization links: recording a link it has accepted, e-mailing
// it to the HRIS admin, and revoking links. The token itself stays sealed in the secret store: the
// queued e-mail keeps only its reference, and delivery fills the link in while sending
// (notify/link-slot.ts), then deletes it.
import { hashLinkToken, linkUrl, newLinkToken, revokeLinks } from '../common/authorization-links';
import type { Db } from '../common/db';
import { loggerFor } from '../common/logger';
import type { SecretStore } from '../common/secrets';
import type { TenantRow } from '../common/tenants-repository';
import { LINK_TOKEN_SLOT } from './notify/link-slot';
import { queueMails } from './notify/outbox';
import { authorizationLinkMail } from './notify/templates/authorization-link';

const log = loggerFor('activities');

export interface AuthorizationLinkDeps {
  db: Db;
  secrets: SecretStore;
  /** Base of the link's URL (ROSTER_PUBLIC_URL). */
  publicUrl: string;
}

export function createAuthorizationLinkActivities({ db, secrets, publicUrl }: AuthorizationLinkDeps) {
  return {
    /**
     * A link Roster issues by itself (a live tenant whose key was rejected): the token is made and
     * sealed here, and only its hash and the sealed copy's reference go back to the workflow.
     */
    async sealNewLinkToken({ tenantId }: { tenantId: string }): Promise<{ tokenHash: string; tokenRef: string }> {
      const token = newLinkToken();
      return { tokenHash: hashLinkToken(token), tokenRef: await secrets.put(tenantId, 'link_token', token) };
    },

    /** Idempotent on linkId; a newer link replaces the tenant's older active ones. */
    async recordAuthorizationLink(link: { tenantId: string; linkId: string; tokenHash: string; expiresAt: string; createdBy: string; at: string }): Promise<void> {
      await db.transaction(async (trx) => {
        await trx('authorization_links')
          .insert({ id: link.linkId, tenant_id: link.tenantId, token_hash: link.tokenHash, created_by: link.createdBy, created_at: link.at, expires_at: link.expiresAt })
          .onConflict('id')
          .ignore();
        // Only links created before this one: a late retry never revokes a newer link.
        await revokeLinks(trx, { tenantId: link.tenantId, reason: 'replaced', at: link.at, keep: link.linkId, createdUpTo: link.at });
      });
      log.info('authorization link recorded', { tenantId: link.tenantId, linkId: link.linkId, expiresAt: link.expiresAt });
    },

    /** Queues the link's e-mail once, holding the sealed token's reference; a token not worth mailing is deleted. */
    async queueLinkMail({ tenantId, linkId, tokenRef, expiresAt }: { tenantId: string; linkId: string; tokenRef: string; expiresAt: string }): Promise<void> {
      // Gone once the mail was sent (or dropped): a retry after that has nothing to do.
      if ((await secrets.find(tenantId, 'link_token', tokenRef)) === undefined) return;
      const tenant: Pick<TenantRow, 'name' | 'hris' | 'contacts'> = await db('tenants').where({ id: tenantId }).first('name', 'hris', 'contacts');
      const link = await db('authorization_links').where({ id: linkId }).first('status');
      // A link replaced before its mail was written is not worth sending.
      const to = tenant.contacts.hrisAdminEmail;
      if (!to || link?.status !== 'active') {
        await secrets.delete(tokenRef);
        return;
      }
      const content = authorizationLinkMail({ tenantName: tenant.name, provider: tenant.hris.provider, url: linkUrl(publicUrl, LINK_TOKEN_SLOT), expiresAt });
      const queued = await queueMails(db, [{ tenantId, kind: 'authorization_link', key: linkId, to: [to], linkTokenRef: tokenRef, ...content }]);
      log.info('authorization link mail queued', { tenantId, linkId, queued });
    },

    /** Revokes every active link of the tenant (offboarding); returns how many. */
    async revokeAuthorizationLinks({ tenantId, reason, at }: { tenantId: string; reason: string; at: string }): Promise<number> {
      const revoked = await revokeLinks(db, { tenantId, reason, at });
      if (revoked > 0) log.info('authorization links revoked', { tenantId, revoked, reason });
      return revoked;
    },
  };
}
