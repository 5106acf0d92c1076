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

/** Deletes the snapshots, row errors and plan items of the runs `runs` selects; returns how many plan items. */
export async function deleteRunData(db: Db, runs: Knex.QueryBuilder): Promise<number> {
  let items = 0;
  for (const table of ['directory_snapshots', 'directory_row_errors', 'platform_snapshots', 'plan_items']) {
    const deleted = await db(table).whereIn('run_id', runs.clone()).delete();
    if (table === 'plan_items') items = deleted;
  }
  return items;
}

export async function purgePastRetention(db: Db, tenantId: string, cutoff: Date): Promise<Purged> {
  // Dead links are judged on the newest complete read of the platform, before old runs' data goes.
  const accountLinks = await purgeDeadAccountLinks(db, tenantId, cutoff);
  const items = await deleteRunData(db, db('sync_runs').where({ tenant_id: tenantId }).where('finished_at', '<', cutoff).select('id'));
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
 * deactivated account stays managed, and a rehire takes it back.
 */
async function purgeDeadAccountLinks(db: Db, tenantId: string, cutoff: Date): Promise<number> {
  const read = await db('sync_runs')
    .where({ tenant_id: tenantId })
    .whereNotNull('planned')
    .andWhere((q) => q.whereNull('finished_at').orWhere('finished_at', '>=', cutoff))
    .whereExists(db('platform_snapshots').whereRaw('platform_snapshots.run_id = sync_runs.id').andWhere({ kind: 'account' }))
    .orderBy('started_at', 'desc')
    .first('id', 'started_at');
  // No complete read proves an account gone.
  if (!read) return 0;
  return db('account_links')
    .where({ tenant_id: tenantId })
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
