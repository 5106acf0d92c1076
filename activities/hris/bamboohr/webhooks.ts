// BambooHR's permissioned webhooks API (docs/CONNECTORS.md "BambooHR", "Webhooks"), for the tenant
// workflow to register a webhook at go-live and remove it at offboarding or when the key is
// revoked. The private key BambooHR answers with is shown once: the caller seals it at once. A key
// whose user may not manage webhooks answers 403: that is `WebhooksNotAllowed`, never retried, and
// the tenant carries on with its schedule alone.
import { z } from 'zod';
import { ConnectorError, isConnectorError } from '../../http/errors';
import { createBambooHrClient, type BambooHrSettings } from './client';

const PATH = '/webhooks';

export interface WebhookRegistration {
  /** Where BambooHR posts (Roster's /api/webhooks/:tenantId/bamboohr; BambooHR requires HTTPS). */
  url: string;
  name: string;
  /** BambooHR field names whose changes fire the webhook. */
  monitorFields: string[];
}

export interface RegisteredWebhook {
  remoteId: string;
  privateKey: string;
}

/** The key's user may not manage webhooks (BambooHR answered 403): record it and carry on without them. */
export class WebhooksNotAllowed extends ConnectorError {
  constructor(what: string) {
    super('insufficient_scope', `BambooHR answered 403 to ${what}: the key’s user may not manage webhooks, so the tenant syncs on its schedule alone`, { status: 403 });
  }
}

const created = z.object({ id: z.union([z.string().min(1), z.number().transform(String)]), privateKey: z.string().min(1) });

/** A 403 that is not a dead key becomes WebhooksNotAllowed. */
const notAllowed = (what: string) => (error: unknown) => {
  throw isConnectorError(error, 'insufficient_scope') && error.details.status === 403 ? new WebhooksNotAllowed(what) : error;
};

export function bambooHrWebhooks(settings: BambooHrSettings) {
  const call = createBambooHrClient(settings);
  return {
    async registerWebhook({ url, name, monitorFields }: WebhookRegistration): Promise<RegisteredWebhook> {
      // Every monitored field is posted too under its own name, so the payload is read without aliases.
      const body = { name, url, format: 'json', monitorFields, postFields: Object.fromEntries(monitorFields.map((field) => [field, field])) };
      const answer = await call('POST', PATH, { body }).catch(notAllowed(`POST ${PATH}`));
      const parsed = created.safeParse(answer.body);
      if (!parsed.success) throw new ConnectorError('invalid_response', `BambooHR answered POST ${PATH} without a webhook id and private key`);
      return { remoteId: parsed.data.id, privateKey: parsed.data.privateKey };
    },
    /** Removes the webhook; one BambooHR no longer has counts as removed. */
    async removeWebhook(remoteId: string): Promise<void> {
      const path = `${PATH}/${encodeURIComponent(remoteId)}`;
      await call('DELETE', path, { accept: [404] }).catch(notAllowed(`DELETE ${PATH}/{id}`));
    },
  };
}
