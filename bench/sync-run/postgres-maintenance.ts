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

/** Samples the autovacuum workers every half second until stopped: which tables, in how many samples. */
export function watchAutovacuum(db: Db): { stop(): Promise<{ samples: number; busy: number; work: string[] }> } {
  let stopped = false;
  let samples = 0;
  let busy = 0;
  const work = new Set<string>();
  const watching = (async () => {
    while (!stopped) {
      const running = await autovacuums(db);
      samples += 1;
      if (running.length > 0) busy += 1;
      for (const { query } of running) work.add(query.replace(/^autovacuum:\s*/, ''));
      await sleep(500);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await watching;
      return { samples, busy, work: [...work].sort() };
    },
  };
}
