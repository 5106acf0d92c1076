// The nightly herd, measured (BENCHMARKS.md "The nightly herd"): many live tenants sharing one
// worker fleet, one Temporal and one PostgreSQL, every schedule due at 02:xx in its own time zone at
// the same instant. Reports when every run had finished, each run's start delay after its fire (the
// fairness figure), worker and API memory, Postgres' size, history lengths and the largest payload.
//
//   npm run bench:herd [-- --tenants 1000 --people 1000 --changed 1 --zones 4 --jitter 3 --workers 1
//                          --kill-worker-at 0.5 --big 100000 --shared-limit 100 --json out.json]
import { configureLogging } from '../common/logger';
import { tenantFairness } from '../dev/temporal-server';
import { noChanges, onePercentChanges, syntheticTenant } from './synthetic-tenant';
import { readHerdOptions } from './herd/options';
import { duplicateAccounts, finishedRuns, herdHistories, herdRuns, postgresBytes, spread } from './herd/measure';
import { changeDirectories, herdTenantId, scheduleHerd, takeHerdLive, type HerdSetup } from './herd/setup';
import { watchHerd } from './herd/watch';
import { memoryOf } from './sync-run/processes';
import { benchMain } from './bench-main';
import { mb, sec } from './sync-run/report';
import { startStack } from './sync-run/stack';
import { tenantDriver } from './sync-run/tenant-driver';

const options = readHerdOptions();

void benchMain('bench:herd', options.json, async (say, stops) => {
  configureLogging({ level: 'error' });
  const stack = await startStack(
    {
      people: options.people,
      prebuilt: true,
      profileWorker: undefined,
      traceGcWorker: false,
      workers: options.workers,
      apiProcess: true,
      temporalConfig: tenantFairness,
      workerEnv: ({ scimUrl }): Record<string, string> => (options.sharedLimit ? { ROSTER_SHARED_RATE_LIMITS: `${new URL(scimUrl).host}=${options.sharedLimit}` } : {}),
    },
    stops,
    say,
  );
  const driver = tenantDriver(stack, true, say);
  const setup: HerdSetup = { tenants: Array.from({ length: options.tenants }, (_, index) => herdTenantId(index)), people: options.people, platform: options.platform, parallel: options.parallel };
  const yesterday = syntheticTenant(options.people, noChanges).employees;
  const todays = syntheticTenant(options.people, onePercentChanges(options.people * options.changed * 100)).employees;

  let phase = Date.now();
  say(`taking ${options.tenants} tenants of ${options.people} people live, ${options.parallel} at a time`);
  await takeHerdLive(stack, driver, setup, yesterday, say);
  const extra = options.big ? await takeFairnessPairLive(stack, driver, setup, options.big, say) : undefined;
  const setupMs = Date.now() - phase;
  const everyone = [...setup.tenants, ...(extra ? [extra.big, extra.small] : [])];
  phase = Date.now();
  await changeDirectories(stack, setup.tenants, todays, say);
  if (extra) await extra.change();

  // The fire instant: a whole minute, once every schedule can be set (about 10 a second).
  const fireAt = new Date(Math.ceil((Date.now() + 60_000 + everyone.length * 100) / 60_000) * 60_000);
  const zones = await scheduleHerd(driver, { ...setup, tenants: everyone }, fireAt, options.zones, options.jitterMinutes, say);
  say(`every schedule due at ${fireAt.toISOString()} (${zones.map((zone) => `${zone.timezone} ${zone.cron}`).join('; ')}), jitter ${options.jitterMinutes} min`);
  const postgresBefore = await postgresBytes(stack.db);

  const since = new Date(fireAt.getTime() - 60_000);
  const watched = await watchHerd(stack, { expected: everyone.length, finished: () => finishedRuns(stack.db, since), killAt: options.killWorkerAt, say });
  const runs = await herdRuns(stack.db, stack.client, since);
  say('reading histories');
  const histories = await herdHistories(stack.client, everyone, runs, 20);
  const delays = runs.map((run) => run.startedAt - run.firedAt);
  const firstFire = Math.min(...runs.map((run) => run.firedAt));
  const platformRequests = perSecond(everyone.flatMap((id) => stack.scimServer.tenant(id)?.operations.filter((operation) => operation.at >= since.getTime()).map((operation) => operation.at) ?? []));
  const pair = extra && { big: runs.find((run) => run.tenantId === extra.big), small: runs.find((run) => run.tenantId === extra.small) };

  const seconds = (ms: number) => Number((ms / 1000).toFixed(2));
  const results = {
    load: watched.load,
    options,
    zones,
    setupSeconds: seconds(setupMs),
    runs: { count: runs.length, statuses: countBy(runs.map((run) => run.status)) },
    allDoneSeconds: seconds(Math.max(...runs.map((run) => run.finishedAt)) - firstFire),
    firesSpreadSeconds: seconds(Math.max(...runs.map((run) => run.firedAt)) - firstFire),
    startDelaySeconds: mapValues(spread(delays), seconds),
    fireToFinishSeconds: mapValues(spread(runs.map((run) => run.finishedAt - run.firedAt)), seconds),
    workers: watched.workers.map((worker) => ({ peakRss: mb(worker.peak), endRss: worker.killed ? 'killed' : mb(memoryOf(worker.pid).rss) })),
    killedWorkerAfterRuns: watched.killedAfter,
    api: { peakRss: mb(watched.api.peak) },
    postgres: { before: mb(postgresBefore), after: mb(await postgresBytes(stack.db)) },
    histories,
    duplicateAccounts: duplicateAccounts(stack.scimServer, everyone),
    platformRequestsPerSecond: { max: Math.max(...platformRequests.counts), busyMean: platformRequests.busyMean, limit: options.sharedLimit },
    fairness: pair && { bigPeople: options.big, small: pair.small && { startDelay: seconds(pair.small.startedAt - pair.small.firedAt), fireToFinish: seconds(pair.small.finishedAt - pair.small.firedAt) }, big: pair.big && { fireToFinish: seconds(pair.big.finishedAt - pair.big.firedAt) } },
  };
  say(`all done ${results.allDoneSeconds} s after the first fire; start delay p50 ${results.startDelaySeconds.p50} s, p99 ${results.startDelaySeconds.p99} s, max ${results.startDelaySeconds.max} s; ${sec(Date.now() - phase)} since the directories changed`);
  return results;
});

/** A big tenant and a 50-person one, live beside the herd, changed 1 % when the herd is. */
async function takeFairnessPairLive(stack: Parameters<typeof takeHerdLive>[0], driver: Parameters<typeof takeHerdLive>[1], setup: HerdSetup, bigPeople: number, say: (line: string) => void) {
  const pair = [
    { id: 'herd-big', people: bigPeople },
    { id: 'herd-small', people: 50 },
  ];
  for (const { id, people } of pair) {
    say(`taking ${id} (${people} people) live`);
    await takeHerdLive(stack, driver, { ...setup, tenants: [id], people, parallel: 1 }, syntheticTenant(people, noChanges).employees, say);
  }
  return {
    big: pair[0]!.id,
    small: pair[1]!.id,
    change: () => Promise.all(pair.map(({ id, people }) => changeDirectories(stack, [id], syntheticTenant(people, onePercentChanges(people)).employees, say))),
  };
}

/** Requests in each whole second, and their mean over the seconds with any. */
function perSecond(times: readonly number[]) {
  const counts = new Map<number, number>();
  for (const at of times) counts.set(Math.floor(at / 1000), (counts.get(Math.floor(at / 1000)) ?? 0) + 1);
  const values = [...counts.values()];
  return { counts: values.length ? values : [0], busyMean: values.length ? Number((times.length / values.length).toFixed(1)) : 0 };
}

const countBy = (values: readonly string[]) => Object.fromEntries([...new Set(values)].map((value) => [value, values.filter((v) => v === value).length]));
const mapValues = <T extends Record<string, number>>(record: T, map: (value: number) => number) => Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)])) as T;

