// "Why was Jane deactivated?": people of a tenant found by name, HR id or e-mail among the items of
// its latest runs, and one person across runs (the API's own GET /api/tenants/:id/people/:hrisId).
import type { Db } from '../../common/db';
import type { ItemResultState } from '../../common/sync-run';
import { ApiError } from '../../api/errors';
import { whereItemMatches } from '../../api/item-search';
import { pathParams } from '../../api/params';
import { foundNobody, personTrace, type PersonTrace } from '../../api/person-trace';
import { personHistory } from '../../api/routes/syncs';

/** The search looks in this many latest runs (through the tenant's search index, api/item-search.ts), and shows at most `matchesShown` people. */
export const searchedRuns = 10;
export const matchesShown = 50;

export interface PersonMatch {
  hris_id: string;
  name: string | null;
  identity_key: string | null;
  action: string;
  result: ItemResultState;
  run_id: string;
  started_at: Date;
}

/** Each matching person once, as the latest searched run that has them shows them, by name. */
export async function findPeople(db: Db, tenantId: string, q: string): Promise<PersonMatch[]> {
  // A run that changed nothing keeps no items (activities/sync/plan-run.ts): only runs with items are searched.
  const runs = db('sync_runs').where({ tenant_id: tenantId }).whereExists(db('plan_items').whereRaw('plan_items.run_id = sync_runs.id')).orderBy('started_at', 'desc').limit(searchedRuns).select('id', 'started_at');
  const matches: PersonMatch[] = await db
    .with('runs', runs)
    .from('plan_items as i')
    .join('runs as r', 'r.id', 'i.run_id')
    .where({ 'i.kind': 'account' })
    .whereNotNull('i.hris_id')
    .modify((query) => whereItemMatches(query, 'i', tenantId, q))
    .distinctOn('i.hris_id')
    .orderBy([{ column: 'i.hris_id' }, { column: 'r.started_at', order: 'desc' }])
    .limit(matchesShown)
    .select('i.hris_id', 'i.name', 'i.identity_key', 'i.action', 'i.result', 'i.run_id', 'r.started_at');
  return matches.sort((a, b) => (a.name ?? a.hris_id).localeCompare(b.name ?? b.hris_id));
}

export type PersonHistory = Awaited<ReturnType<typeof personHistory>> & { name: string | null; identityKey: string | null };

/** The person's history across runs, with the name and e-mail their latest item gives them; 404 for someone no run or link knows. */
export async function personPage(db: Db, tenantId: string, hrisId: string): Promise<PersonHistory> {
  const [history, latest] = await Promise.all([
    personHistory(db, tenantId, hrisId),
    db('plan_items as i')
      .join('sync_runs as r', 'r.id', 'i.run_id')
      .where({ 'i.tenant_id': tenantId, 'i.hris_id': hrisId, 'i.kind': 'account' })
      .orderBy('r.started_at', 'desc')
      .first<{ name: string | null; identity_key: string | null } | undefined>('i.name', 'i.identity_key'),
  ]);
  if (history.items.length === 0 && !history.link) throw new ApiError(404, 'person_not_found', `No recent run of this tenant concerns a person with the HR id '${hrisId}'.`);
  return { ...history, name: latest?.name ?? null, identityKey: latest?.identity_key ?? null };
}

/** The person's trace through one of the tenant's runs (`?trace=` after "Sync now"); nothing for an id that names none of its runs. */
export async function tracePage(db: Db, tenantId: string, hrisId: string, syncId: unknown): Promise<PersonTrace | undefined> {
  const id = pathParams.syncId.schema.safeParse(syncId);
  if (!id.success) return undefined;
  const run: Parameters<typeof personTrace>[1] | undefined = await db('sync_runs').where({ id: id.data, tenant_id: tenantId }).first();
  return run && personTrace(db, run, hrisId, await foundNobody(db, run));
}
