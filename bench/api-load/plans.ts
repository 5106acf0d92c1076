// Where a route's time goes in Postgres: the queries its read function makes, caught as knex sends
// them, each run again under EXPLAIN ANALYZE. The benchmark prints the slowest of each route group with
// the plan's scans, so a missed target names its query and whether an index served it.
import type { Db } from '../../common/db';

export interface QueryPlan {
  sql: string;
  ms: number;
  /** Each scan in the plan: its kind and the index or table it read. */
  scans: string[];
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

const scansOf = (node: PlanNode): string[] => [
  ...(/Scan/.test(node['Node Type']) ? [`${node['Node Type']} ${node['Index Name'] ?? node['Relation Name'] ?? ''}`.trim()] : []),
  ...(node.Plans ?? []).flatMap(scansOf),
];

/** The queries `read` makes (a route's own read function, on the benchmark's handle), each explained, slowest first. */
export async function explainRead(db: Db, read: (db: Db) => Promise<unknown>): Promise<QueryPlan[]> {
  const sent: { sql: string; bindings: unknown[] }[] = [];
  const listener = (query: { sql: string; bindings?: unknown[] }) => sent.push({ sql: query.sql, bindings: query.bindings ?? [] });
  db.on('query', listener);
  try {
    await read(db);
  } finally {
    db.off('query', listener);
  }
  const plans: QueryPlan[] = [];
  for (const { sql, bindings } of sent.filter((query) => /^\s*(with|select)/i.test(query.sql))) {
    // Knex hands pg numbered placeholders, in order; raw takes them back as `?`.
    const { rows } = await db.raw(`explain (analyze, format json) ${sql.replace(/\$\d+/g, '?')}`, bindings as never);
    const [{ Plan: plan, 'Execution Time': ms }] = rows[0]['QUERY PLAN'] as [{ Plan: PlanNode; 'Execution Time': number }];
    plans.push({ sql, ms, scans: scansOf(plan) });
  }
  return plans.sort((a, b) => b.ms - a.ms);
}
