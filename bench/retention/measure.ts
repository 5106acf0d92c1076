// What the retention bench reads: table sizes, each purge statement's plan, a sync-shaped write
// load's latency, and whether anything waited on a lock meanwhile.
import type { Db } from '../../common/db';
import { purgePastRetention } from '../../activities/sync/retention';

export const purgedTables = ['sync_runs', 'plan_items', 'directory_snapshots', 'platform_snapshots', 'directory_row_errors'] as const;

export async function tableSizes(db: Db): Promise<Record<string, { mb: number; rows: number }>> {
  const sizes: Record<string, { mb: number; rows: number }> = {};
  for (const table of purgedTables) {
    const [row] = (await db.raw(`select pg_total_relation_size(?::regclass) as bytes, (select count(*) from ??) as rows`, [table, table])).rows;
    sizes[table] = { mb: Math.round(Number(row.bytes) / 2 ** 20), rows: Number(row.rows) };
  }
  return sizes;
}

/** `work` in a transaction that is rolled back whatever happens. */
async function rolledBack<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  const trx = await db.transaction();
  try {
    return await work(trx as unknown as Db);
  } finally {
    await trx.rollback();
  }
}

export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/**
 * Every statement one tenant's purge runs, each EXPLAIN ANALYZEd in a transaction rolled back: its
 * time and the scans it used. The purge itself runs once in a rolled-back transaction to find them.
 */
export async function explainPurge(db: Db, tenantId: string, cutoff: Date) {
  const statements: { sql: string; bindings: unknown[] }[] = [];
  const collect = (query: { sql: string; bindings?: unknown[] }) => void statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
  db.on('query', collect);
  await rolledBack(db, (trx) => purgePastRetention(trx, tenantId, cutoff));
  db.off('query', collect);
  const plans = [];
  for (const { sql, bindings } of statements.filter((s) => /^(delete|select|update|with)/i.test(s.sql))) {
    const plan = await rolledBack(db, async (trx) => (await trx.raw(`explain (analyze, format json) ${sql.replace(/\$\d+/g, '?')}`, bindings as never[])).rows[0]['QUERY PLAN'][0] as Record<string, unknown>).catch((error: Error) => ({ error: error.message }));
    const scans: string[] = [];
    const walk = (node: Record<string, unknown>) => {
      if (String(node['Node Type']).includes('Scan')) scans.push(`${node['Node Type']}${node['Index Name'] ? ` ${node['Index Name']}` : ''}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}`);
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    if ('Plan' in plan) walk(plan.Plan as Record<string, unknown>);
    plans.push({ sql: sql.slice(0, 160), ms: 'Execution Time' in plan ? Number(plan['Execution Time']).toFixed(2) : undefined, scans, ...('error' in plan && { error: plan.error }) });
  }
  return plans;
}

/**
 * A sync-shaped write load on its own connection: a new run for another tenant and its items and
 * snapshot rows, 1,000 rows a statement as plan-run.ts and fetch.ts write them, until stopped.
 * Resolves with each statement's latency.
 */
export function writeLoad(db: Db, tenantId: string, people: number) {
  let stopped = false;
  const latencies: number[] = [];
  const done = (async () => {
    for (let n = 0; !stopped; n += 1) {
      const runId = `load-${tenantId}-${Date.now()}-${n}`;
      await db('sync_runs').insert({ id: runId, tenant_id: tenantId, trigger: 'schedule', mode: 'apply', status: 'running', phase: 'planning', requested_by: 'bench', started_at: new Date() });
      for (const table of ['directory_snapshots', 'plan_items']) {
        const rows = Array.from({ length: people }, (_, p) =>
          table === 'plan_items'
            ? { run_id: runId, seq: p, tenant_id: tenantId, kind: 'account', hris_id: `p${p}`, action: 'update', item: JSON.stringify({ hrisId: `p${p}` }), result: 'pending' }
            : { run_id: runId, hris_id: `p${p}`, scan: 0, data: JSON.stringify({ hrisId: `p${p}`, firstName: 'Load' }) },
        );
        const started = performance.now();
        await db(table).insert(rows);
        latencies.push(performance.now() - started);
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      await done;
      return latencies;
    },
  };
}

/** Samples pg_locks for lock requests not granted, until stopped; resolves with the most seen at once and how many samples saw any. */
export function watchLockWaits(db: Db, everyMs = 100) {
  let most = 0;
  let samplesWaiting = 0;
  let samples = 0;
  const timer = setInterval(() => {
    void db.raw('select count(*)::int as n from pg_locks where not granted').then(({ rows }) => {
      samples += 1;
      most = Math.max(most, rows[0].n);
      if (rows[0].n > 0) samplesWaiting += 1;
    }, () => undefined);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return { samples, samplesWaiting, most };
    },
  };
}
