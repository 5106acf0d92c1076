// The HR system's own webhook, registered by Roster (docs/PRODUCT.md "Webhooks"): BambooHR's
// permissioned webhooks, made when the tenant goes live and removed when it is offboarded or its
// key goes. The private key BambooHR answers with is sealed in the same activity, so it never
// reaches workflow history. Webhooks are a speed-up: a key that may not manage them, or an HR
// system that cannot be told, leaves the tenant on its schedule, which still reads every change.
import type { Db } from '../../common/db';
import { loggerFor } from '../../common/logger';
import type { SecretStore } from '../../common/secrets';
import { findTenant } from '../../common/tenants-repository';
import { putSource, removeSource, webhookUrl } from '../../common/webhook-sources';
import type { NetworkPolicy } from '../http/network-guard';
import { asActivity } from '../sync/failures';
import { BAMBOOHR } from './bamboohr/api';
import { bambooHrWebhooks, WebhooksNotAllowed } from './bamboohr/webhooks';

const log = loggerFor('activities');
const SOURCE = 'bamboohr';

export interface WebhookRegistrationDeps {
  db: Db;
  secrets: SecretStore;
  /** ROSTER_PUBLIC_URL: where BambooHR posts. */
  publicUrl: string;
  network: NetworkPolicy;
}

/** What registering did: `registered` false with the reason when it could not, none when the HR system has no webhooks Roster registers. */
export interface Registration {
  registered: boolean;
  reason?: string;
}

export function createWebhookRegistrationActivities({ db, secrets, publicUrl, network }: WebhookRegistrationDeps) {
  const webhooksOf = async (tenantId: string, credentialRef: string) => {
    const tenant = await findTenant(db, tenantId);
    if (tenant?.hris.provider !== 'bamboohr') return undefined;
    const apiKey = await secrets.get(tenantId, 'hris_key', credentialRef);
    return bambooHrWebhooks({ apiKey, subdomain: tenant.hris.subdomain, baseUrl: tenant.hris.baseUrl, http: { network } });
  };

  return {
    /** Registers the webhook once; a tenant that has one keeps it. */
    async registerHrisWebhook({ tenantId, credentialRef }: { tenantId: string; credentialRef: string }): Promise<Registration> {
      if (await db('webhook_sources').where({ tenant_id: tenantId, source: SOURCE }).first('source')) return { registered: true };
      const webhooks = await webhooksOf(tenantId, credentialRef);
      if (!webhooks) return { registered: false };
      const url = webhookUrl(publicUrl, tenantId, SOURCE);
      try {
        // Every field Roster reads, so that a config mapping another one needs no new webhook.
        const { remoteId, privateKey } = await asActivity('hris', () => webhooks.registerWebhook({ url, name: `Roster (${tenantId})`, monitorFields: [...BAMBOOHR.fields] }));
        await putSource(db, secrets, { tenantId, source: SOURCE, secret: privateKey, remoteId, actor: 'system' });
        return { registered: true };
      } catch (error) {
        if (error instanceof WebhooksNotAllowed) return { registered: false, reason: error.message };
        throw error;
      }
    },

    /** Removes the webhook from the HR system while the key still works, then forgets it; one the HR system refuses to remove is forgotten all the same. */
    async removeHrisWebhook({ tenantId, credentialRef }: { tenantId: string; credentialRef?: string }): Promise<void> {
      const row: { remote_id: string | null } | undefined = await db('webhook_sources').where({ tenant_id: tenantId, source: SOURCE }).first('remote_id');
      if (!row) return;
      const webhooks = credentialRef && row.remote_id ? await webhooksOf(tenantId, credentialRef) : undefined;
      if (webhooks && row.remote_id) {
        const remoteId = row.remote_id;
        // A dead key or a user who lost the permission: BambooHR stops a permissioned webhook of a disabled user itself.
        await webhooks.removeWebhook(remoteId).catch((error: Error) => log.warn('the HR system did not remove its webhook', { tenantId, error: error.message }));
      }
      await removeSource(db, secrets, tenantId, SOURCE, 'system');
    },
  };
}
