// An incremental read (docs/PRODUCT.md "One sync run", step 1): only the people who changed since the
// last good run's watermark, for HR systems that can say who changed. It is allowed only while a
// full run has applied the current config within the last day; otherwise the run reads in full,
// so a missed change, a deletion or a record that failed is put right at least daily.
import type { Db } from '../../common/db';
import type { ReadMode } from './core';
import { trackEndDatesOf } from './end-dates';
import { asActivity } from './failures';
import { heartbeatingWhile } from './heartbeat';
import { storeEmployees } from './snapshots';
import type { TenantAccess } from './tenant-access';

export interface ReadChangesInput {
  syncId: string;
  tenantId: string;
  credentialRef: string;
  configVersionId: string;
}

/** Who changed, as of `today` (the day the plan is made for), or why the run must read in full instead. */
export type ReadChangesResult =
  | { read: Extract<ReadMode, 'incremental'>; people: number; today: string }
  /** `fullBecause` is free of people's data; the full read counts its own people. */
  | { read: Extract<ReadMode, 'full'>; people: 0; fullBecause: string };

/** A full run at least this often (docs/PRODUCT.md). */
const FULL_READ_EVERY_MS = 24 * 3_600_000;
const GOOD = ['success', 'warning'];

/** Where an incremental read would start, or why there must be a full read. */
async function incrementalStart(db: Db, { tenantId, configVersionId }: ReadChangesInput, now: number): Promise<{ since: string } | { fullBecause: string }> {
  const applied = () => db('sync_runs').where({ tenant_id: tenantId, mode: 'apply' }).whereIn('status', GOOD);
  const lastFull = await applied().andWhere({ read: 'full' }).orderBy('started_at', 'desc').first('started_at', 'config_version_id');
  if (!lastFull) return { fullBecause: 'no full run has been applied yet' };
  if (lastFull.config_version_id !== configVersionId) return { fullBecause: 'the config changed since the last full run' };
  if (now - new Date(lastFull.started_at).getTime() > FULL_READ_EVERY_MS) return { fullBecause: 'the last full run started more than a day ago' };
  const last = await applied().andWhere('started_at', '>=', lastFull.started_at).whereNotNull('watermark').orderBy('started_at', 'desc').first('watermark');
  if (!last) return { fullBecause: 'the last full run kept no watermark' };
  return { since: last.watermark };
}

export function createReadChangesActivities(db: Db, access: TenantAccess) {
  return {
    async readChanges(input: ReadChangesInput): Promise<ReadChangesResult> {
      const start = await incrementalStart(db, input, Date.now());
      if ('fullBecause' in start) return { read: 'full', people: 0, fullBecause: start.fullBecause };
      const connector = await asActivity('hris', () => access.hris(input.tenantId, input.credentialRef));
      if (!connector.changes) return { read: 'full', people: 0, fullBecause: 'this HR system cannot say who changed' };
      const changes = connector.changes;
      const today = await access.today(input.configVersionId);
      const changed = await asActivity('hris', () => heartbeatingWhile(() => undefined, () => changes.readChangedSince({ today, since: start.since })));
      await db.transaction(async (trx) => {
        await trx('directory_snapshots').where({ run_id: input.syncId }).delete();
        await storeEmployees(trx, input.syncId, 0, changed.employees);
        await trx('sync_runs').where({ id: input.syncId }).update({ read: 'incremental', watermark: changed.watermark });
      });
      await trackEndDatesOf(db, input.tenantId, [], changed.employees, today);
      return { read: 'incremental', people: changed.employees.length, today };
    },
  };
}
