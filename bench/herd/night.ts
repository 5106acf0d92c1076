// One night of the herd: every directory changed, every schedule set to fire at the same instant
// (02:xx in its own time zone), then measured once every run has finished: when the last one did,
// each run's start delay after its fire (the fairness figure), memory, Postgres' growth, history
// lengths, the largest payload, duplicates and the platform's requests a second.
import type { Employee } from '../../common/directory';
import type { Say } from '../sync-run/progress';
import { memoryOf } from '../sync-run/processes';
import { mb } from '../sync-run/report';
import type { Stack } from '../sync-run/stack';
import type { TenantDriver } from '../sync-run/tenant-driver';
import { duplicateAccounts, finishedRuns, herdHistories, herdRuns, postgresBytes, spread } from './measure';
import type { HerdOptions } from './options';
import { changeDirectories, scheduleHerd, type HerdSetup } from './setup';
import { watchHerd } from './watch';

export interface FairnessPair {
  big: string;
  small: string;
  /** Each of the two tenants' people, for its safety limits. */
  people: ReadonlyMap<string, number>;
  change(night: number): Promise<unknown>;
}

export interface Night {
  number: number;
  /** Every herd tenant's directory tonight. */
  directory: readonly Employee[];
  /** SIGKILL the last worker once this share of the runs has finished. */
  killWorkerAt?: number;
}

export async function herdNight(stack: Stack, driver: TenantDriver, setup: HerdSetup, pair: FairnessPair | undefined, options: HerdOptions, night: Night, say: Say) {
  const everyone = [...setup.tenants, ...(pair ? [pair.big, pair.small] : [])];
  const started = Date.now();
  await changeDirectories(stack, setup.tenants, night.directory, say);
  await pair?.change(night.number);

  // The fire instant: a whole minute, once every schedule can be set. How long that takes (each is
  // an Update of a tenant workflow the worker may have to wake cold) is timed on the first few,
  // set to an instant an hour away, and given half as much again.
  const probe = everyone.slice(0, setup.parallel * 2);
  const probeStarted = Date.now();
  await scheduleHerd(driver, { ...setup, tenants: probe }, wholeMinuteAfter(Date.now() + 3_600_000), options.zones, options.jitterMinutes, () => {});
  const perSchedule = (Date.now() - probeStarted) / probe.length;
  const fireAt = wholeMinuteAfter(Date.now() + 60_000 + everyone.length * perSchedule * 1.5);
  const zones = await scheduleHerd(driver, { ...setup, tenants: everyone }, fireAt, options.zones, options.jitterMinutes, say, (id) => pair?.people.get(id) ?? setup.people);
  if (Date.now() > fireAt.getTime() - 5_000) throw new Error(`Setting ${everyone.length} schedules ended at ${new Date().toISOString()}, too late for their fire at ${fireAt.toISOString()}: run again`);
  say(`night ${night.number}: every schedule due at ${fireAt.toISOString()} (${zones.map((zone) => `${zone.timezone} ${zone.cron}`).join('; ')}), jitter ${options.jitterMinutes} min`);
  const postgresBefore = await postgresBytes(stack.db);

  const since = new Date(fireAt.getTime() - 60_000);
  const watched = await watchHerd(stack, { expected: everyone.length, finished: () => finishedRuns(stack.db, since), killAt: night.killWorkerAt, say });
  const runs = await herdRuns(stack.db, stack.client, since);
  say('reading histories');
  const histories = await herdHistories(stack.client, everyone, runs, 20);
  const firstFire = Math.min(...runs.map((run) => run.firedAt));
  const platformRequests = perSecond(everyone.flatMap((id) => stack.scimServer.tenant(id)?.operations.filter((operation) => operation.at >= since.getTime()).map((operation) => operation.at) ?? []));
  const big = pair && runs.find((run) => run.tenantId === pair.big);
  const small = pair && runs.find((run) => run.tenantId === pair.small);

  const results = {
    night: night.number,
    load: watched.load,
    zones,
    runs: { count: runs.length, statuses: countBy(runs.map((run) => run.status)) },
    allDoneSeconds: seconds(Math.max(...runs.map((run) => run.finishedAt)) - firstFire),
    firesSpreadSeconds: seconds(Math.max(...runs.map((run) => run.firedAt)) - firstFire),
    startDelaySeconds: mapValues(spread(runs.map((run) => run.startedAt - run.firedAt)), seconds),
    fireToFinishSeconds: mapValues(spread(runs.map((run) => run.finishedAt - run.firedAt)), seconds),
    workers: watched.workers.map((worker) => ({ peakRss: mb(worker.peak), endRss: worker.killed ? 'killed' : mb(memoryOf(worker.pid).rss), cpuSeconds: seconds(worker.cpuMs), workflowCache: worker.cache })),
    workerCpuSecondsPerRun: Number((watched.workers.reduce((sum, worker) => sum + worker.cpuMs, 0) / 1000 / runs.length).toFixed(2)),
    killedWorkerAfterRuns: watched.killedAfter,
    api: { peakRss: mb(watched.api.peak) },
    postgres: { before: mb(postgresBefore), after: mb(await postgresBytes(stack.db)) },
    histories,
    duplicateAccounts: duplicateAccounts(stack.scimServer, everyone),
    platformRequestsPerSecond: { limit: options.sharedLimit, ...platformRequests },
    fairness: pair && {
      bigPeople: options.big,
      small: small && { startDelay: seconds(small.startedAt - small.firedAt), fireToFinish: seconds(small.finishedAt - small.firedAt) },
      big: big && { fireToFinish: seconds(big.finishedAt - big.firedAt) },
    },
    wallSeconds: seconds(Date.now() - started),
  };
  say(`night ${night.number}: all done ${results.allDoneSeconds} s after the first fire; start delay p50 ${results.startDelaySeconds.p50} s, p99 ${results.startDelaySeconds.p99} s, max ${results.startDelaySeconds.max} s`);
  return results;
}

/**
 * The platform's requests in each whole second from the first to the last (as its server stamped
 * their arrival): the busiest second, the median second, and how many seconds that span has.
 */
function perSecond(times: readonly number[]) {
  if (times.length === 0) return { max: 0, median: 0, seconds: 0 };
  // A night's requests are too many to spread into Math.min's arguments.
  const [earliest, latest] = times.reduce(([min, max], at) => [Math.min(min, at), Math.max(max, at)], [Infinity, -Infinity]);
  const first = Math.floor(earliest / 1000);
  const counts = new Array<number>(Math.floor(latest / 1000) - first + 1).fill(0);
  for (const at of times) counts[Math.floor(at / 1000) - first]! += 1;
  const sorted = [...counts].sort((a, b) => a - b);
  return { max: sorted.at(-1)!, median: sorted[Math.floor(sorted.length / 2)]!, seconds: counts.length };
}

const wholeMinuteAfter = (ms: number) => new Date(Math.ceil(ms / 60_000) * 60_000);
const seconds = (ms: number) => Number((ms / 1000).toFixed(2));
const countBy = (values: readonly string[]) => Object.fromEntries([...new Set(values)].map((value) => [value, values.filter((v) => v === value).length]));
const mapValues = <T extends Record<string, number>>(record: T, map: (value: number) => number) => Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)])) as T;
