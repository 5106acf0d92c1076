import { randomUUID } from 'node:crypto';
import { afterAll, expect, inject, it } from 'vitest';
import { sharedLimits } from '../../../activities/http/shared-limits';
import { createDb } from '../../../common/db';

// Two pools stand for two worker processes: only PostgreSQL is shared between them.
const pools = [createDb(inject('databaseUrl')), createDb(inject('databaseUrl'))];
afterAll(() => Promise.all(pools.map((db) => db.destroy())));

/** How many of `times` fall in each whole second of the clock. */
function perSecond(times: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const at of times) counts.set(Math.floor(at / 1000), (counts.get(Math.floor(at / 1000)) ?? 0) + 1);
  return [...counts.values()];
}

it('holds a host to its limit in every second across workers, and uses at least 90 % of it', async () => {
  const host = `platform-${randomUUID().slice(0, 8)}.example`;
  const rate = 100;
  const limits = pools.map((db) => sharedLimits(db, { [host]: rate }));
  const url = new URL(`https://${host}/scim/v2/Users`);
  const turns: number[] = [];
  const until = Date.now() + 3_000;
  // 20 callers in each "worker", each sending as soon as its turn comes, for three seconds.
  const caller = async (limit: (typeof limits)[number]) => {
    while (Date.now() < until) {
      await limit.turn(url);
      turns.push(Date.now());
    }
  };
  await Promise.all(limits.flatMap((limit) => Array.from({ length: 20 }, () => caller(limit))));

  expect(Math.max(...perSecond(turns))).toBeLessThanOrEqual(rate);
  const spanSeconds = (Math.max(...turns) - Math.min(...turns)) / 1000;
  expect(turns.length / spanSeconds).toBeGreaterThanOrEqual(0.9 * rate);
});

it('never waits for a host without a shared limit', async () => {
  const [db] = pools;
  const limits = sharedLimits(db!, { 'limited.example': 1 });
  const before = await db!('shared_rate_slots').count({ n: '*' }).first();
  await Promise.all(Array.from({ length: 50 }, () => limits.turn(new URL('https://unlimited.example/Users'))));
  expect(await db!('shared_rate_slots').count({ n: '*' }).first()).toEqual(before);
});
