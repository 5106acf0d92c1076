// Webhooks in the published contract: the receiving endpoint (api/webhooks/receive.ts) and the
// routes support sets sources up with (routes/webhook-sources.ts).
import { z } from 'zod';
import { createdStandardSourceSchema, humaansSecretBody, storedSourceSchema, webhookSourceListSchema } from '../routes/webhook-sources';
import { webhookSourceNames, webhookSources } from '../webhooks/sources';
import type { Operation } from './operation';

const tag = 'Webhooks';

const received = z.discriminatedUnion('status', [
  z.object({ status: z.literal('stored') }),
  z.object({ status: z.literal('ignored'), reason: z.string().meta({ description: 'Why nothing was stored: the tenant is not live.' }) }),
]);

export const webhookOperations: Operation[] = [
  {
    tag,
    method: 'post',
    path: '/api/webhooks/{tenantId}/{source}',
    id: 'receiveWebhook',
    summary: "Receive an HR system's webhook",
    description: `No token: each source checks its own signature over the raw body (docs/API.md "Webhooks"): \`bamboohr\` X-BambooHR-Signature and X-BambooHR-Timestamp; \`humaans\` X-Humaans-Signature (unconfirmed scheme); \`standard\` the Standard Webhooks headers webhook-id, webhook-timestamp and webhook-signature, over Roster's own event. A timestamp more than 5 minutes from Roster's clock is refused; an event id received before answers 409. An unknown tenant, a source it has not set up and a wrong signature answer the same 401. Up to 1 MB. Sources: ${webhookSourceNames.join(', ')}.`,
    body: { schema: z.union(Object.values(webhookSources).map((source) => source.payload)) },
    answers: { 202: { description: 'Stored, and the tenant workflow told; or ignored, when the tenant is not live.', json: received } },
    errors: ['webhook_unauthenticated', 'webhook_replayed', 'validation_failed'],
    uses: ['database', 'temporal'],
  },
  {
    tag,
    method: 'get',
    path: '/api/tenants/{id}/webhooks',
    id: 'listWebhookSources',
    summary: "A tenant's webhook sources",
    description: 'Each source the tenant has, its URL and how many of its events wait for a run; never a secret.',
    role: 'support',
    answers: { 200: { description: 'The sources, by name.', json: webhookSourceListSchema } },
  },
  {
    tag,
    method: 'post',
    path: '/api/tenants/{id}/webhooks/standard',
    id: 'createStandardWebhookSource',
    summary: 'Set up the standard source, or replace its secret',
    description:
      'A fresh Standard Webhooks secret, shown in this answer only and sealed in Roster\'s secret store. A secret it replaces is destroyed at once, with no overlap: events signed with it answer 401 from then on. For any HR system; its events are `{"type": "people.changed", "data": {"ids": […]}}` or `{"type": "directory.changed"}`.',
    role: 'support',
    answers: { 201: { description: 'The source, with its secret shown once.', json: createdStandardSourceSchema } },
    errors: ['webhook_source_mismatch', 'invalid_transition'],
  },
  {
    tag,
    method: 'put',
    path: '/api/tenants/{id}/webhooks/humaans',
    id: 'setHumaansWebhookSecret',
    summary: "Store the Humaans webhook's signing secret",
    description: "The secret the customer's Humaans Owner copied from Settings → Webhooks, for a Humaans tenant. It replaces (and destroys) the one stored before.",
    role: 'support',
    body: { schema: humaansSecretBody },
    answers: { 200: { description: 'The source and the URL to give Humaans.', json: storedSourceSchema } },
    errors: ['webhook_source_mismatch', 'invalid_transition', 'validation_failed'],
  },
  {
    tag,
    method: 'delete',
    path: '/api/tenants/{id}/webhooks/{source}',
    id: 'removeWebhookSource',
    summary: 'Remove a webhook source',
    description: 'Removes the standard or Humaans source and destroys its secret: its events answer 401 from then on. The BambooHR source is registered and removed by Roster itself (409).',
    role: 'support',
    answers: { 200: { description: "The tenant's sources left.", json: webhookSourceListSchema } },
    errors: ['webhook_source_registered'],
  },
];
