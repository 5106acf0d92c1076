// /api/tenants/:id/webhooks: support sets up a tenant's webhook sources (docs/API.md "Webhooks").
// The standard source's secret is made here and shown once; the Humaans one is copied from
// Humaans by the customer's Owner; the BambooHR one is registered with BambooHR by the tenant
// workflow at go-live, so it is not removed here. No answer carries a secret but the one that made it.
import { randomBytes } from 'node:crypto';
import type { Request, Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../common/db';
import type { SecretStore } from '../../common/secrets';
import type { TenantRow } from '../../common/tenants-repository';
import { listSources, putSource, removeSource, webhookUrl, type SourceListing } from '../../common/webhook-sources';
import { line } from '../../common/validation';
import { callerOf, requireRole } from '../auth';
import { ApiError, parseBody } from '../errors';
import { apiRouter, requireTenant } from '../params';
import { privateAnswer } from '../link-redemption';
import { requireSourceName, servesProvider, sourceNameSchema, sourcesFor, type WebhookSourceName } from '../webhooks/sources';

export const webhookSourceSchema = z
  .object({
    source: sourceNameSchema,
    url: z.url().meta({ description: 'Where the sender posts its events.' }),
    createdAt: z.iso.datetime().meta({ description: 'When its current secret was set.' }),
    createdBy: z.string(),
    lastEventAt: z.iso.datetime().nullable(),
    eventsWaiting: z.int().min(0).meta({ description: 'Events received and not yet taken by a run.' }),
    registered: z.boolean().meta({ description: 'Roster registered it with the HR system itself (BambooHR).' }),
  })
  .meta({ id: 'WebhookSource' });
export const webhookSourceListSchema = z.object({ sources: z.array(webhookSourceSchema) });
export const createdStandardSourceSchema = z.object({
  source: z.literal('standard'),
  url: z.url(),
  secret: z.string().meta({ description: 'The signing secret (`whsec_…`), shown in this answer only.' }),
});
export const humaansSecretBody = z.strictObject({
  secret: line(500).trim().min(1, 'must not be empty').meta({ description: "The webhook's signing secret, as Humaans shows it to the Owner." }),
});
export const storedSourceSchema = z.object({ source: sourceNameSchema, url: z.url() });

export interface WebhookSourceDeps {
  db: Db;
  secrets: SecretStore;
  /** The base of the webhook URLs (ROSTER_PUBLIC_URL); by default the request's own origin. */
  publicUrl?: string;
}

/** A new standard secret: 24 random bytes, base64, with the prefix the Standard Webhooks libraries expect. */
const newStandardSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

export function webhookSourceRoutes({ db, secrets, publicUrl }: WebhookSourceDeps): Router {
  const router = apiRouter();
  const urlOf = (req: Request, tenantId: string, source: string) => webhookUrl(publicUrl ?? `${req.protocol}://${req.get('host')}`, tenantId, source);
  const view = (req: Request, row: SourceListing): z.output<typeof webhookSourceSchema> => ({
    source: row.source as WebhookSourceName,
    url: urlOf(req, row.tenant_id, row.source),
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    lastEventAt: row.last_event_at?.toISOString() ?? null,
    eventsWaiting: row.events_waiting,
    registered: row.remote_id !== null,
  });
  const listing = async (req: Request, tenantId: string) => ({ sources: (await listSources(db, tenantId)).map((row) => view(req, row)) }) satisfies z.output<typeof webhookSourceListSchema>;

  /** The tenant, if it may set the source up. */
  async function tenantFor(req: Request, source: WebhookSourceName): Promise<TenantRow> {
    const tenant = await requireTenant(db, String(req.params.id));
    if (tenant.stage === 'offboarded') throw new ApiError(409, 'invalid_transition', `The tenant '${tenant.id}' is offboarded: it takes no webhooks.`);
    const { provider } = tenant.hris;
    if (!servesProvider(source, provider)) {
      throw new ApiError(400, 'webhook_source_mismatch', `The ${source} source sends ${source}'s events, and the tenant '${tenant.id}' reads from ${provider}: set up ${sourcesFor(provider).join(' or ')} instead.`);
    }
    return tenant;
  }

  router.get('/api/tenants/:id/webhooks', requireRole('support'), async (req, res) => {
    const tenant = await requireTenant(db, String(req.params.id));
    res.json(await listing(req, tenant.id));
  });

  router.post('/api/tenants/:id/webhooks/standard', requireRole('support'), async (req, res) => {
    const tenant = await tenantFor(req, 'standard');
    const secret = newStandardSecret();
    await putSource(db, secrets, { tenantId: tenant.id, source: 'standard', secret, actor: callerOf(req).name });
    res
      .status(201)
      .set(privateAnswer)
      .json({ source: 'standard', url: urlOf(req, tenant.id, 'standard'), secret } satisfies z.output<typeof createdStandardSourceSchema>);
  });

  router.put('/api/tenants/:id/webhooks/humaans', requireRole('support'), async (req, res) => {
    const { secret } = parseBody(humaansSecretBody, req.body);
    const tenant = await tenantFor(req, 'humaans');
    await putSource(db, secrets, { tenantId: tenant.id, source: 'humaans', secret, actor: callerOf(req).name });
    res.json({ source: 'humaans', url: urlOf(req, tenant.id, 'humaans') } satisfies z.output<typeof storedSourceSchema>);
  });

  router.delete('/api/tenants/:id/webhooks/:source', requireRole('support'), async (req, res) => {
    const tenant = await requireTenant(db, String(req.params.id));
    const source = requireSourceName(String(req.params.source));
    if (source === 'bamboohr') {
      throw new ApiError(409, 'webhook_source_registered', 'Roster registers the BambooHR webhook with BambooHR at go-live and removes it at offboarding or when the key is revoked: it is not removed here.');
    }
    if (!(await removeSource(db, secrets, tenant.id, source, callerOf(req).name))) throw new ApiError(404, 'webhook_source_not_found', `The tenant '${tenant.id}' has no ${source} webhook source.`);
    res.json(await listing(req, tenant.id));
  });

  return router;
}
