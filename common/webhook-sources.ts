// A tenant's webhook sources (docs/PRODUCT.md "Webhooks"): each with its signing secret sealed in
// the secret store, never anywhere else. Setting one up or replacing its secret destroys the
// secret it replaces (no overlap), and each change is an entry in the tenant's history, in the
// same transaction. Support sets up the standard and Humaans sources through the API; the tenant
// workflow registers the BambooHR one with BambooHR and stores it here too.
import { randomUUID } from 'node:crypto';
import type { Db } from './db';
import type { SecretStore } from './secrets';

export interface WebhookSourceRow {
  tenant_id: string;
  source: string;
  secret_ref: string;
  remote_id: string | null;
  created_by: string;
  created_at: Date;
  last_event_at: Date | null;
}

export interface SourceListing extends WebhookSourceRow {
  events_waiting: number;
}

export interface NewSecret {
  tenantId: string;
  source: string;
  secret: string;
  /** The HR system's id for a webhook Roster registered with it. */
  remoteId?: string;
  actor: string;
}

/** Where a source posts a tenant's events: the route `/api/webhooks/:tenantId/:source` under Roster's public base. */
export const webhookUrl = (base: string, tenantId: string, source: string) => `${base.replace(/\/+$/, '')}/api/webhooks/${tenantId}/${source}`;

const history = (trx: Db, tenantId: string, actor: string, action: string, source: string) =>
  trx('tenant_history').insert({ id: randomUUID(), tenant_id: tenantId, at: new Date(), actor, action, changes: JSON.stringify([`webhooks.${source}`]) });

/** The source's signing secret, or undefined when the tenant has not set it up. */
export async function findSourceSecret(db: Db, secrets: SecretStore, tenantId: string, source: string): Promise<string | undefined> {
  const row: Pick<WebhookSourceRow, 'secret_ref'> | undefined = await db('webhook_sources').where({ tenant_id: tenantId, source }).first('secret_ref');
  return row && secrets.find(tenantId, 'webhook_secret', row.secret_ref);
}

/** Sets the source up, or replaces its secret; `replaced` when it had one, now destroyed. */
export async function putSource(db: Db, secrets: SecretStore, { tenantId, source, secret, remoteId, actor }: NewSecret): Promise<{ replaced: boolean }> {
  return db.transaction(async (trx) => {
    const old: WebhookSourceRow | undefined = await trx('webhook_sources').where({ tenant_id: tenantId, source }).forUpdate().first();
    const ref = await secrets.put(tenantId, 'webhook_secret', secret, trx);
    const row = { secret_ref: ref, remote_id: remoteId ?? null, created_by: actor, created_at: new Date() };
    await trx('webhook_sources')
      .insert({ tenant_id: tenantId, source, ...row })
      .onConflict(['tenant_id', 'source'])
      .merge(row);
    if (old) await secrets.delete(old.secret_ref, trx);
    await history(trx, tenantId, actor, old ? 'webhook_secret_replaced' : 'webhook_source_added', source);
    return { replaced: old !== undefined };
  });
}

/** Removes the source and destroys its secret; the removed row, or undefined when there was none. */
export async function removeSource(db: Db, secrets: SecretStore, tenantId: string, source: string, actor: string): Promise<WebhookSourceRow | undefined> {
  return db.transaction(async (trx) => {
    const [row]: WebhookSourceRow[] = await trx('webhook_sources').where({ tenant_id: tenantId, source }).delete().returning('*');
    if (!row) return undefined;
    await secrets.delete(row.secret_ref, trx);
    await history(trx, tenantId, actor, 'webhook_source_removed', source);
    return row;
  });
}

/** The tenant's sources, with how many of their events wait for a run. */
export async function listSources(db: Db, tenantId: string): Promise<SourceListing[]> {
  const rows: (WebhookSourceRow & { events_waiting: string })[] = await db('webhook_sources as s')
    .where('s.tenant_id', tenantId)
    .select('s.*')
    .select(
      db('webhook_events as e')
        .whereRaw('e.tenant_id = s.tenant_id and e.source = s.source')
        .whereNull('e.run_id')
        .count('*')
        .as('events_waiting'),
    )
    .orderBy('s.source');
  return rows.map((row) => ({ ...row, events_waiting: Number(row.events_waiting) }));
}
