// The tenant's inbox of changes announced by its HR system's webhooks (docs/PRODUCT.md "Webhooks").
// An event is stored before it is acknowledged, and the tenant workflow is woken once for all the
// events waiting: the first event after a run took the inbox sends the wake-up, the rest of a
// burst only add to it, so 10,000 events make a handful of signals, not 10,000. Receiving and
// taking hold the tenant's advisory lock, so no event can slip between a take and its wake-up.
import type { Db } from './db';

export interface ChangeEvent {
  tenantId: string;
  source: string;
  eventId: string;
  /** HR ids of the people who changed; undefined: the whole directory may have changed. */
  hrisIds?: string[];
}

/** What a take found: the people to read, or that the directory must be read whole. */
export type TakenChanges = { events: number; everyone: true } | { events: number; everyone: false; hrisIds: string[] };

/**
 * A wake-up this old whose events no run has taken is sent again: the signal may have reached a
 * workflow that was since replaced, and events must not wait for a wake-up that never comes.
 */
const WAKE_AGAIN_AFTER_MS = 10 * 60_000;

const lockTenant = (trx: Db, tenantId: string) => trx.raw("select pg_advisory_xact_lock(hashtext('change inbox'), hashtext(?))", [tenantId]);

/**
 * Stores an event and, if the tenant workflow has not been woken for the events waiting, wakes
 * it: `wake` runs inside the transaction, so an event whose wake-up failed is not kept and the
 * sender's retry finds it new. `stored: false` when the event's id was received before.
 */
export async function receiveChange(db: Db, event: ChangeEvent, wake: () => Promise<void>): Promise<{ stored: boolean }> {
  return db.transaction(async (trx) => {
    await lockTenant(trx, event.tenantId);
    const now = new Date();
    const inserted = await trx('webhook_events')
      .insert({ tenant_id: event.tenantId, source: event.source, event_id: event.eventId, received_at: now, hris_ids: event.hrisIds ? JSON.stringify(event.hrisIds) : null })
      .onConflict(['tenant_id', 'source', 'event_id'])
      .ignore()
      .returning('event_id');
    if (inserted.length === 0) return { stored: false };
    await trx('webhook_sources').where({ tenant_id: event.tenantId, source: event.source }).update({ last_event_at: now });
    const woken = await trx('change_wakeups')
      .insert({ tenant_id: event.tenantId, sent_at: now })
      .onConflict('tenant_id')
      .merge({ sent_at: now })
      .where('change_wakeups.sent_at', '<', new Date(now.getTime() - WAKE_AGAIN_AFTER_MS))
      .returning('tenant_id');
    if (woken.length > 0) await wake();
    return { stored: true };
  });
}

/** Gives every waiting event of the tenant to a run, and lets the next event wake the workflow again. */
export async function takeChanges(db: Db, tenantId: string, runId: string): Promise<TakenChanges> {
  return db.transaction(async (trx) => {
    await lockTenant(trx, tenantId);
    await trx('change_wakeups').where({ tenant_id: tenantId }).delete();
    // A retried take (the activity ran twice) finds what it took the first time.
    const rows: { hris_ids: string[] | null }[] = await trx('webhook_events')
      .where({ tenant_id: tenantId })
      .andWhere((q) => q.whereNull('run_id').orWhere({ run_id: runId }))
      .update({ run_id: runId })
      .returning('hris_ids');
    if (rows.some((row) => row.hris_ids === null)) return { events: rows.length, everyone: true };
    return { events: rows.length, everyone: false, hrisIds: [...new Set(rows.flatMap((row) => row.hris_ids!))].sort() };
  });
}
