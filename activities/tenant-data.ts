// What Roster keeps about a tenant that must go when a key is revoked or the tenant offboarded:
// sealed secrets, uploaded CSV files and the runs' snapshots and plan items. Run records, audit
// history and the platform's accounts stay. Deleting what is already gone is fine, so retries do
// no harm.
import type { Db } from '../common/db';

export function createTenantDataActivities(db: Db) {
  return {
    /** A revoked HRIS key: its sealed value is destroyed, so nothing can use it again. */
    async destroyCredential({ tenantId, ref }: { tenantId: string; ref: string }): Promise<void> {
      await db('secrets').where({ id: ref, tenant_id: tenantId }).delete();
    },

    /** Offboarding: every secret and uploaded file of the tenant and every snapshot and plan item of its runs. */
    async destroyTenantData({ tenantId }: { tenantId: string }): Promise<{ secrets: number; items: number }> {
      const runs = db('sync_runs').where({ tenant_id: tenantId }).select('id');
      let items = 0;
      for (const table of ['directory_snapshots', 'directory_row_errors', 'platform_snapshots', 'plan_items']) {
        const deleted = await db(table).whereIn('run_id', runs.clone()).delete();
        if (table === 'plan_items') items = deleted;
      }
      await db('csv_files').where({ tenant_id: tenantId }).delete();
      const secrets = await db('secrets').where({ tenant_id: tenantId }).delete();
      return { secrets, items };
    },
  };
}
