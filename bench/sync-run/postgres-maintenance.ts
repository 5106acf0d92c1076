// Postgres's own upkeep around the measured run. Setup writes hundreds of thousands of snapshot
// rows and plan items (the test, the initial load) just before the run; in production a day passes
// in between, and autovacuum has long finished with them. Here it would run during the measured
// run, competing for the machine's two cores with Roster and the fake platform, so the benchmark
// does that upkeep first and then watches whether any autovacuum still overlaps the run.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../common/db';

const autovacuums = (db: Db): Promise<{ query: string }[]> => db('pg_stat_activity').where({ backend_type: 'autovacuum worker' }).select('query');

/** VACUUM (ANALYZE) of everything setup wrote, then no autovacuum worker left running. */
export async function settlePostgres(db: Db): Promise<{ ms: number }> {
  const started = Date.now();
  await db.raw('VACUUM (ANALYZE)');
  while ((await autovacuums(db)).length > 0) await sleep(200);
  return { ms: Date.now() - started };
}

/** A query still running when sampled after this long is worth naming. */
const SLOW_MS = 200;

const slowQueries = (db: Db): Promise<{ query: string }[]> =>
  db('pg_stat_activity')
    .where({ backend_type: 'client backend', state: 'active' })
    .andWhere('query_start', '<', db.raw(`now() - interval '${SLOW_MS} milliseconds'`))
    .andWhereNot('pid', db.raw('pg_backend_pid()'))
    .select('query');

/**
 * Samples Postgres every half second until stopped: the autovacuum workers (which tables, in how
 * many samples) and the client queries that had been running for over 200 ms (first words, times seen).
 */
export function watchPostgres(db: Db): { stop(): Promise<{ samples: number; busy: number; work: string[]; slow: Record<string, number> }> } {
  let stopped = false;
  let samples = 0;
  let busy = 0;
  const work = new Set<string>();
  const slow: Record<string, number> = {};
  const watching = (async () => {
    while (!stopped) {
      const [running, queries] = await Promise.all([autovacuums(db), slowQueries(db)]);
      samples += 1;
      if (running.length > 0) busy += 1;
      for (const { query } of running) work.add(query.replace(/^autovacuum:\s*/, ''));
      for (const { query } of queries) {
        const shape = query.replace(/\s+/g, ' ').slice(0, 100);
        slow[shape] = (slow[shape] ?? 0) + 1;
      }
      await sleep(500);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await watching;
      return { samples, busy, work: [...work].sort(), slow };
    },
  };
}
