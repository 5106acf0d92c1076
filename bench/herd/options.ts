// The herd benchmark's flags (BENCHMARKS.md "The nightly herd"). The defaults are the issue's
// shape: 1,000 live tenants of 1,000 people, 1 % changed, all due at 02:00 in their own zones.
import { parseArgs } from 'node:util';

export function readHerdOptions() {
  const { values } = parseArgs({
    options: {
      tenants: { type: 'string', default: '1000' },
      people: { type: 'string', default: '1000' },
      /** Per cent of each directory changed since the last run. */
      changed: { type: 'string', default: '1' },
      zones: { type: 'string', default: '4' },
      /** The schedules' jitter: fires spread over this many minutes (a few hundred a minute at 3). */
      jitter: { type: 'string', default: '3' },
      workers: { type: 'string', default: '1' },
      /** Nights in a row on the same tenants: each fires the whole herd once. */
      nights: { type: 'string', default: '1' },
      /** Each worker's ROSTER_WORKER_CACHED_WORKFLOWS; unset, Roster's default. */
      'cached-workflows': { type: 'string' },
      /** SIGKILL the last worker once this share of the last night's runs has finished (needs --workers 2 or more). */
      'kill-worker-at': { type: 'string' },
      /** One more tenant of this many people, and one of 50, due at the same instant: the fairness figure. */
      big: { type: 'string' },
      /** The platform's limit for all tenants together, requests a second (ROSTER_SHARED_RATE_LIMITS). */
      'shared-limit': { type: 'string' },
      /** Each tenant's own platform limits. */
      rate: { type: 'string', default: '50' },
      concurrency: { type: 'string', default: '4' },
      /** Tenants taken live at once during the setup. */
      parallel: { type: 'string', default: '12' },
      /** Write the first worker's CPU profiles (one a thread) into this folder when it stops. */
      'profile-worker': { type: 'string' },
      json: { type: 'string' },
    },
  });
  return {
    tenants: Number(values.tenants),
    people: Number(values.people),
    changed: Number(values.changed) / 100,
    zones: Number(values.zones),
    jitterMinutes: Number(values.jitter),
    workers: Number(values.workers),
    nights: Number(values.nights),
    cachedWorkflows: values['cached-workflows'],
    killWorkerAt: values['kill-worker-at'] === undefined ? undefined : Number(values['kill-worker-at']),
    big: values.big === undefined ? undefined : Number(values.big),
    sharedLimit: values['shared-limit'] === undefined ? undefined : Number(values['shared-limit']),
    platform: { rate: Number(values.rate), concurrency: Number(values.concurrency) },
    parallel: Number(values.parallel),
    profileWorker: values['profile-worker'],
    json: values.json,
  };
}

export type HerdOptions = ReturnType<typeof readHerdOptions>;
