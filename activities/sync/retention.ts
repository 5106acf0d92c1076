// What the retention period (ROSTER_RETENTION_DAYS) takes from a tenant, at the end of each of
// its runs: the bulky data of old runs, old mail and link tokens, old link tries, and what no
// sync decision needs any more. Each rule deletes only what is past the cutoff, so running it
// again, or after a crash, does no harm. Offboarding takes the rest (../tenant-data.ts).
import type { Knex } from 'knex';
import type { Db } from '../../common/db';

export interface Purged {
  items: number;
  mail: number;
  attempts: number;
  accountLinks: number;
  demoPeople: number;
  webhookEvents: number;
}

/** Rows one delete takes at most, so that no statement holds its locks, or the WAL, for long (BENCHMARKS.md "Retention at scale"). */
export const DELETE_BATCH = 5_000;
/** Runs whose data one round of the purge takes: a tenant's first purge may find months of them. */
const RUNS_PER_ROUND = 100;

const runTables = ['directory_snapshots', 'directory_row_errors', 'platform_snapshots', 'plan_items'] as const;

type Runs = Knex.QueryBuilder | readonly string[];

/** Deletes the rows of `table` whose run `runs` selects or names, DELETE_BATCH at a time; returns how many. */
async function deleteInBatches(db: Db, table: string, runs: Runs): Promise<number> {
  let deleted = 0;
  for (;;) {
    // By physical row id: each statement finds its batch through the run_id index and deletes only it.
    const batch = db(table).select('ctid').whereIn('run_id', Array.isArray(runs) ? runs : (runs as Knex.QueryBuilder).clone()).limit(DELETE_BATCH);
    const { rowCount } = (await db.raw('delete from ?? where ctid = any(array(?))', [table, batch])) as { rowCount: number };
    deleted += rowCount;
    if (rowCount < DELETE_BATCH) return deleted;
  }
}

/** Deletes the snapshots, row errors and plan items of the runs `runs` selects or names; returns how many plan items. */
export async function deleteRunData(db: Db, runs: Runs): Promise<number> {
  let items = 0;
  for (const table of runTables) {
    const deleted = await deleteInBatches(db, table, runs);
    if (table === 'plan_items') items = deleted;
  }
  return items;
}

/** The data of the tenant's runs finished before the cutoff and not purged yet, a round of runs at a time; each run is marked once its data is gone. */
async function purgeOldRuns(db: Db, tenantId: string, cutoff: Date): Promise<number> {
  let items = 0;
  for (;;) {
    const ids: string[] = await db('sync_runs').where({ tenant_id: tenantId }).whereNull('data_purged_at').where('finished_at', '<', cutoff).orderBy('finished_at').limit(RUNS_PER_ROUND).pluck('id');
    if (ids.length === 0) return items;
    items += await deleteRunData(db, ids);
    await db('sync_runs').whereIn('id', ids).update({ data_purged_at: db.fn.now() });
  }
}

export async function purgePastRetention(db: Db, tenantId: string, cutoff: Date): Promise<Purged> {
  // Dead links are judged on the newest complete read of the platform, before old runs' data goes.
  const accountLinks = await purgeDeadAccountLinks(db, tenantId, cutoff);
  const items = await purgeOldRuns(db, tenantId, cutoff);
  // A link token not mailed within the period is not worth mailing any more, and neither is its mail.
  await db('secrets').where({ tenant_id: tenantId, kind: 'link_token' }).where('created_at', '<', cutoff).delete();
  const mail = await db('mail_outbox').where({ tenant_id: tenantId }).where('created_at', '<', cutoff).delete();
  const attempts = await db('authorization_attempts').where({ tenant_id: tenantId }).where('at', '<', cutoff).delete();
  const demoPeople = await purgeForgottenDemoPeople(db, tenantId, cutoff);
  // Their people were read by a run, or covered by every full run since; replays are refused by the window long before.
  const webhookEvents = await db('webhook_events').where({ tenant_id: tenantId }).where('received_at', '<', cutoff).delete();
  return { items, mail, attempts, accountLinks, demoPeople, webhookEvents };
}

/**
 * Links, older than the period, to accounts that the newest complete read of the platform (a run
 * whose plan was made, its data still kept) no longer saw. A link is what makes an account
 * managed, so one whose account still exists stays for as long as the tenant does: a leaver's
 * deactivated account stays managed, and a rehire takes it back. Only the read's own target's links.
 */
async function purgeDeadAccountLinks(db: Db, tenantId: string, cutoff: Date): Promise<number> {
  const read = await db('sync_runs')
    .where({ tenant_id: tenantId })
    .whereNotNull('planned')
    .andWhere((q) => q.whereNull('finished_at').orWhere('finished_at', '>=', cutoff))
    .whereExists(db('platform_snapshots').whereRaw('platform_snapshots.run_id = sync_runs.id').andWhere({ kind: 'account' }))
    .orderBy('started_at', 'desc')
    .first('id', 'started_at', 'target');
  // No complete read proves an account gone.
  if (!read) return 0;
  return db('account_links')
    // A read of one target proves nothing about the other's accounts.
    .where({ tenant_id: tenantId, target: read.target })
    .where('updated_at', '<', cutoff)
    // A link made since that read began is to an account the read could not have seen.
    .where('updated_at', '<', read.started_at)
    .whereNotIn('account_id', db('platform_snapshots').where({ run_id: read.id, kind: 'account' }).select('platform_id'))
    .delete();
}

/**
 * The demo directory's records, untouched for the period, of people who left before it and whom
 * no sync decision needs: nobody's manager, no account linked. A directory is never emptied, as
 * an empty one would be seeded afresh.
 */
async function purgeForgottenDemoPeople(db: Db, tenantId: string, cutoff: Date): Promise<number> {
  const day = cutoff.toISOString().slice(0, 10);
  const forgotten = (alias: string) => `${alias}.data->>'endDate' < ? and ${alias}.updated_at < ?`;
  return db('demo_people as p')
    .where('p.tenant_id', tenantId)
    .whereRaw(forgotten('p'), [day, cutoff])
    .whereNotExists(db('demo_people as m').whereRaw('m.tenant_id = p.tenant_id').whereRaw(`m.data->>'managerHrisId' = p.hris_id`))
    .whereNotExists(db('account_links as l').whereRaw('l.tenant_id = p.tenant_id and l.hris_id = p.hris_id'))
    .whereExists(db('demo_people as k').whereRaw('k.tenant_id = p.tenant_id').whereRaw(`not coalesce(${forgotten('k')}, false)`, [day, cutoff]))
    .delete();
}
