// POST /api/webhooks/:tenantId/:source: an HR system's (or a script's) webhook, with no bearer
// token: each source checks its own signature over the raw body. The replay window is checked
// before the tenant is looked up, and an unknown tenant, a source it has not set up and a wrong
// signature all answer the same 401, so the answers say nothing about which tenants exist. A
// verified event is stored and the tenant workflow woken (common/change-inbox.ts) before the 202.
import express, { Router, type Request } from 'express';
import type { Client } from '@temporalio/client';
import { receiveChange } from '../../common/change-inbox';
import type { Db } from '../../common/db';
import { loggerFor } from '../../common/logger';
import type { SecretStore } from '../../common/secrets';
import { tenantIdPattern } from '../../common/tenant';
import { findTenant } from '../../common/tenants-repository';
import { findSourceSecret } from '../../common/webhook-sources';
import { tenantWorkflowId } from '../../common/workflow-ids';
import { changesArrivedSignal } from '../../workflows/tenant-messages';
import { ApiError } from '../errors';
import type { SignedRequest, WebhookSource } from './source';
import { requireSourceName, webhookSources } from './sources';

const log = loggerFor('api');

/** How far from Roster's clock a signed timestamp may be, either way. */
export const REPLAY_WINDOW_SECONDS = 5 * 60;
export const MAX_WEBHOOK_BODY = '1mb';

const unauthenticated = () => new ApiError(401, 'webhook_unauthenticated', 'The webhook could not be verified: check the URL, the signing secret and the signature headers.');

/** Every body below /api/webhooks as sent, whatever its media type: signatures are over the raw bytes. Mounted before the JSON parser. */
export const rawWebhookBodies = express.raw({ type: () => true, limit: MAX_WEBHOOK_BODY });

const signedRequest = (req: Request): SignedRequest => ({ body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), header: (name) => req.get(name) });

function refuseOutsideWindow(source: WebhookSource, request: SignedRequest): void {
  if (!source.signedAt) return;
  const signedAt = source.signedAt(request);
  if (signedAt === null) throw unauthenticated();
  const drift = Math.abs(Date.now() / 1000 - signedAt);
  if (drift > REPLAY_WINDOW_SECONDS) throw new ApiError(401, 'webhook_unauthenticated', `The webhook's timestamp is more than ${REPLAY_WINDOW_SECONDS / 60} minutes from Roster's clock: it was refused as a possible replay.`);
}

export interface WebhookReceiveDeps {
  db: Db;
  client: Client;
  secrets: SecretStore;
}

export function webhookReceiveRoutes({ db, client, secrets }: WebhookReceiveDeps): Router {
  const router = Router();
  router.post('/api/webhooks/:tenantId/:source', async (req, res) => {
    const name = requireSourceName(String(req.params.source));
    const source: WebhookSource = webhookSources[name];
    const request = signedRequest(req);
    refuseOutsideWindow(source, request);
    const tenantId = String(req.params.tenantId);
    const tenant = tenantIdPattern.test(tenantId) ? await findTenant(db, tenantId) : undefined;
    const secret = tenant && (await findSourceSecret(db, secrets, tenant.id, name));
    if (!tenant || !secret || !source.verify(request, secret)) throw unauthenticated();
    const change = source.read(request);
    if (tenant.stage !== 'live') {
      res.status(202).json({ status: 'ignored', reason: `The tenant is ${tenant.stage}, not live: nothing was stored. The first full run after it is live again reads every change.` });
      return;
    }
    const wake = () => client.workflow.getHandle(tenantWorkflowId(tenant.id)).signal(changesArrivedSignal);
    const { stored } = await receiveChange(db, { tenantId: tenant.id, source: name, ...change }, wake);
    if (!stored) throw new ApiError(409, 'webhook_replayed', 'This event was received before: it is not stored twice.');
    log.info('webhook event stored', { tenantId: tenant.id, source: name, people: change.hrisIds?.length ?? 'everyone' });
    res.status(202).json({ status: 'stored' });
  });
  return router;
}
