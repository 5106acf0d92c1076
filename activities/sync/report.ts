// The run's counts from its items' results (docs/PRODUCT.md "What counts"), written before the final
// status, which the tenant workflow writes last.
import type { Db } from '../../common/db';
import type { FinalStatus } from '../../common/sync-run';
import { emptyCounts, type RunCounts } from './core';

const counted: Record<string, keyof RunCounts> = {
  'account:create': 'created',
  'account:update': 'updated',
  'account:deactivate': 'deactivated',
  'account:reactivate': 'reactivated',
  'account:anonymise': 'anonymised',
  'account:unchanged': 'unchanged',
  'account:skip': 'skipped',
  'account:exclude': 'excluded',
  'group:create': 'groupsCreated',
  'group:update': 'groupsUpdated',
  'group:empty': 'groupsUpdated',
  'group:delete': 'groupsRemoved',
};

export function createReportActivities(db: Db) {
  return {
    async completeRun({ syncId, mode }: { syncId: string; mode: 'apply' | 'dry_run' }): Promise<{ status: Extract<FinalStatus, 'success' | 'warning'>; counts: RunCounts }> {
      const run = await db('sync_runs').where({ id: syncId }).first('planned');
      let counts: RunCounts;
      // A run that changed nothing keeps no items (./plan-run.ts): everything it planned was done as planned.
      if (mode === 'dry_run' || !(await db('plan_items').where({ run_id: syncId }).first('seq'))) {
        counts = { ...emptyCounts(), ...run?.planned };
      } else {
        counts = emptyCounts();
        const rows: { kind: string; action: string; result: string; n: string }[] = await db('plan_items').where({ run_id: syncId }).groupBy('kind', 'action', 'result').select('kind', 'action', 'result').count({ n: '*' });
        for (const row of rows) {
          const n = Number(row.n);
          if (row.result === 'failed') counts.failed += n;
          const key = counted[`${row.kind}:${row.action}`];
          if (key && row.result !== 'failed') counts[key] += n;
        }
      }
      await db('sync_runs').where({ id: syncId }).update({ counts: JSON.stringify(counts), phase: 'reporting' });
      return { status: counts.skipped + counts.failed > 0 ? 'warning' : 'success', counts };
    },
  };
}
