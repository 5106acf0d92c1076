// What Roster keeps about a tenant that must go when a key is revoked or the tenant offboarded:
// sealed secrets, uploaded CSV files, the runs' snapshots and plan items, the mail outbox, the
// links between people and platform accounts, the demo directory, the link tries and the record
// of who was welcomed. Run records, audit history and the platform's accounts stay: offboarding
// never writes to the platform. Deleting what is already gone is fine, so retries do no harm.
import type { Db } from '../common/db';
import { loggerFor } from '../common/logger';
import { deleteRunData } from './sync/retention';

const log = loggerFor('activities');

/** The tenant's own rows, by tenant id, that offboarding deletes besides its runs' data. */
const tenantTables = ['csv_files', 'mail_outbox', 'account_links', 'group_links', 'demo_people', 'authorization_attempts', 'webhook_events', 'change_wakeups', 'webhook_sources', 'tracked_end_dates', 'welcomes'] as const;

export function createTenantDataActivities(db: Db) {
  return {
    /** A revoked HRIS key: its sealed value is destroyed, so nothing can use it again. */
    async destroyCredential({ tenantId, ref }: { tenantId: string; ref: string }): Promise<void> {
      await db('secrets').where({ id: ref, tenant_id: tenantId }).delete();
    },

    /** Offboarding: every secret, file, mail, link and demo person of the tenant and every snapshot and plan item of its runs. */
    async destroyTenantData({ tenantId }: { tenantId: string }): Promise<{ secrets: number; items: number }> {
      const items = await deleteRunData(db, db('sync_runs').where({ tenant_id: tenantId }).select('id'));
      const deleted: Record<string, number> = {};
      for (const table of tenantTables) deleted[table] = await db(table).where({ tenant_id: tenantId }).delete();
      const secrets = await db('secrets').where({ tenant_id: tenantId }).delete();
      log.info('tenant data destroyed', { tenantId, secrets, items, ...deleted });
      return { secrets, items };
    },
  };
}
