// The nightly herd, measured (BENCHMARKS.md "The nightly herd"): many live tenants sharing one
// worker fleet, one Temporal and one PostgreSQL, every schedule due at 02:xx in its own time zone at
// the same instant. Each night reports when every run had finished, each run's start delay after
// its fire (the fairness figure), worker and API memory, Postgres' size, history lengths and the
// largest payload. A second night (--nights 2) is the next day's herd on the same tenants, their
// directories changed back; --kill-worker-at applies to the last night.
//
//   npm run bench:herd [-- --tenants 1000 --people 1000 --changed 1 --zones 4 --jitter 3 --workers 1
//                          --nights 1 --kill-worker-at 0.5 --big 100000 --shared-limit 100
//                          --cached-workflows 300 --profile-worker dir --json out.json]
import { configureLogging } from '../common/logger';
import { tenantFairness } from '../dev/temporal-server';
import { noChanges, onePercentChanges, syntheticTenant } from './synthetic-tenant';
import { herdNight, type FairnessPair } from './herd/night';
import { readHerdOptions } from './herd/options';
import { changeDirectories, herdTenantId, takeHerdLive, type HerdSetup } from './herd/setup';
import { benchMain } from './bench-main';
import type { Say } from './sync-run/progress';
import { startStack, type Stack } from './sync-run/stack';
import { tenantDriver, type TenantDriver } from './sync-run/tenant-driver';

const options = readHerdOptions();

void benchMain('bench:herd', options.json, async (say, stops) => {
  configureLogging({ level: 'error' });
  const stack = await startStack(
    {
      people: options.people,
      prebuilt: true,
      profileWorker: options.profileWorker,
      traceGcWorker: false,
      workers: options.workers,
      apiProcess: true,
      temporalConfig: tenantFairness,
      workerEnv: ({ scimUrl }): Record<string, string> => ({
        ...(options.sharedLimit ? { ROSTER_SHARED_RATE_LIMITS: `${new URL(scimUrl).host}=${options.sharedLimit}` } : {}),
        ...(options.cachedWorkflows ? { ROSTER_WORKER_CACHED_WORKFLOWS: options.cachedWorkflows } : {}),
      }),
    },
    stops,
    say,
  );
  const driver = tenantDriver(stack, true, say);
  const setup: HerdSetup = { tenants: Array.from({ length: options.tenants }, (_, index) => herdTenantId(index)), people: options.people, platform: options.platform, parallel: options.parallel };
  const yesterday = syntheticTenant(options.people, noChanges).employees;
  const todays = syntheticTenant(options.people, onePercentChanges(options.people * options.changed * 100)).employees;

  const setupStarted = Date.now();
  say(`taking ${options.tenants} tenants of ${options.people} people live, ${options.parallel} at a time`);
  await takeHerdLive(stack, driver, setup, yesterday, say);
  const pair = options.big ? await takeFairnessPairLive(stack, driver, setup, options.big, say) : undefined;
  const setupSeconds = Number(((Date.now() - setupStarted) / 1000).toFixed(2));

  const nights = [];
  for (let number = 1; number <= options.nights; number += 1) {
    // Odd nights bring today's changes; even ones change them back, a change of the same size.
    const directory = number % 2 === 1 ? todays : yesterday;
    nights.push(await herdNight(stack, driver, setup, pair, options, { number, directory, killWorkerAt: number === options.nights ? options.killWorkerAt : undefined }, say));
  }
  return { options, setupSeconds, nights };
});

/** A big tenant and a 50-person one, live beside the herd, changed 1 % when the herd is. */
async function takeFairnessPairLive(stack: Stack, driver: TenantDriver, setup: HerdSetup, bigPeople: number, say: Say): Promise<FairnessPair> {
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
    people: new Map(pair.map(({ id, people }) => [id, people])),
    change: (night) => Promise.all(pair.map(({ id, people }) => changeDirectories(stack, [id], syntheticTenant(people, night % 2 === 1 ? onePercentChanges(people) : noChanges).employees, say))),
  };
}
