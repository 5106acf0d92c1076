// Applying a run's persisted plan items in bounded batches: each call works until its time budget
// is spent and says how many remain, so the workflow knows the progress and a killed worker
// loses at most the items in flight (done items are skipped on retry; creates look up first).
import { Context } from '@temporalio/activity';
import { countRows, type Db } from '../../common/db';
import type { PlanItemKind, PlanItemRow } from '../../common/sync-run';
import { linkedAccounts } from '../platform';
import { applyGroup, applyItem, applyManager, type ApplyDeps, type ItemResult } from './apply';
import type { GroupPlanItem, PlanItem } from './core';
import { asActivity } from './failures';
import { heartbeatingWhile } from './heartbeat';
import type { TenantAccess } from './tenant-access';
import { workerMetrics } from '../../telemetry/metrics/worker-metrics';

export interface ApplyBatchInput {
  syncId: string;
  tenantId: string;
  kind: PlanItemKind;
  budgetMs?: number;
}

const SLICE = 50;

/** The people a manager or group item refers to by hrisId, whose accounts apply must look up. */
function peopleNamed(row: PlanItemRow): string[] {
  if (row.kind === 'manager') {
    const item = row.item as unknown as PlanItem;
    return item.managerHrisId ? [item.hrisId, item.managerHrisId] : [item.hrisId];
  }
  return (row.item as unknown as GroupPlanItem).add.flatMap((member) => (member.accountId ? [] : [member.hrisId]));
}

export function createApplyActivities(db: Db, access: TenantAccess) {
  /** Pending items of a pass in order; the first pass finishes every non-create before any create. */
  const nextSlice = async (syncId: string, kind: PlanItemKind): Promise<PlanItemRow[]> => {
    const pending = () => db('plan_items').where({ run_id: syncId, kind, result: 'pending' }).orderBy('seq').limit(SLICE);
    if (kind !== 'account') return pending();
    const updates = await pending().whereNot({ action: 'create' });
    return updates.length > 0 ? updates : pending();
  };

  /**
   * A slice's results in one statement: one commit (one WAL flush) for up to 50 items instead of
   * one each, which under write load was most of a large run's apply time (BENCHMARKS.md run 7).
   */
  const record = async (syncId: string, results: { row: PlanItemRow; outcome: ItemResult }[]) => {
    if (results.length === 0) return;
    const values = results.map(({ row, outcome }) =>
      outcome.result === 'done' ? [row.seq, 'done', outcome.accountId ?? null, null, null] : [row.seq, 'failed', null, outcome.code, outcome.message],
    );
    await db.raw(
      `UPDATE plan_items AS p
         SET result = v.result, applied_at = now(), account_id = COALESCE(v.account_id, p.account_id), result_code = v.code, result_message = v.message
        FROM (VALUES ${values.map(() => '(?::int, ?::text, ?::text, ?::text, ?::text)').join(', ')}) AS v(seq, result, account_id, code, message)
       WHERE p.run_id = ? AND p.seq = v.seq`,
      [...values.flat(), syncId],
    );
    for (const { row, outcome } of results) workerMetrics.itemApplied(row.action, outcome.result);
  };

  return {
    async applyBatch({ syncId, tenantId, kind, budgetMs = 20_000 }: ApplyBatchInput): Promise<{ done: number; remaining: number }> {
      const context = Context.current();
      const links = { tenantId, target: await access.target(syncId) };
      const deps: ApplyDeps = { platform: await access.platform(tenantId, syncId), db, tenantId, links, syncId, lookUpBeforeCreate: context.info.attempt > 1 };
      const started = Date.now();
      let done = 0;
      // A slice can outlast the heartbeat timeout when a shared limit spreads a platform's requests
      // over many runs (issue 18's herd: 50 requests at 2 a second): the last count is heartbeated
      // on a timer meanwhile, or the run would retry the same slice for ever.
      await asActivity('platform', () => heartbeatingWhile(() => done, async () => {
        while (Date.now() - started < budgetMs && !context.cancellationSignal.aborted) {
          const rows = await nextSlice(syncId, kind);
          if (rows.length === 0) break;
          const accountIds = kind === 'account' ? new Map<string, string>() : await linkedAccounts(db, links, rows.flatMap(peopleNamed));
          const accountIdOf = (hrisId: string) => accountIds.get(hrisId);
          // The platform connector's pacer keeps these within the tenant's rate and concurrency.
          const settled = await Promise.allSettled(
            rows.map((row) =>
              kind === 'account'
                ? applyItem(row.item as unknown as PlanItem, deps)
                : kind === 'manager'
                  ? applyManager(row.item as unknown as PlanItem, accountIdOf, deps)
                  : applyGroup(row.item as unknown as GroupPlanItem, accountIdOf, deps),
            ),
          );
          // What was written is recorded even when another item stops the run.
          await record(syncId, settled.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [{ row: rows[i]!, outcome: outcome.value }] : [])));
          const stopped = settled.find((outcome) => outcome.status === 'rejected');
          if (stopped) throw stopped.reason;
          done += rows.length;
          context.heartbeat(done);
        }
      }));
      return { done, remaining: await countRows(db('plan_items').where({ run_id: syncId, kind, result: 'pending' })) };
    },
  };
}
