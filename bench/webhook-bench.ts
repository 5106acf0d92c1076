// Near-real-time changes, measured (BENCHMARKS.md, "Webhooks"): a live demo-HRIS tenant of 10,000
// people on the scimmy SCIM server, its worker as its own process with a 2 s webhook window. 200
// changes, one every 250 ms, each announced by a signed Standard Webhooks event: the time from the
// change in the HR system to the platform showing it (target p50 ≤ 5 s, p99 ≤ 15 s). Then one-person
// syncs in a row, request to answer with its trace (target p95 ≤ 3 s).
//
//   npm run bench:webhook [-- --people 10000 --changes 200 --every 250 --person-syncs 50 --json out.json]
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { localDate } from '../activities/hris/dates';
import { configureLogging } from '../common/logger';
import { demoCustomSchema } from '../dev/scim-server';
import { benchConfig, noChanges, syntheticTenant } from './synthetic-tenant';
import { uptime } from './sync-run/options';
import { seedPlatform } from './sync-run/seed';
import { startStack } from './sync-run/stack';
import { tenantConfig, tenantDriver } from './sync-run/tenant-driver';
import { benchMain } from './bench-main';
import { changeLatencies, percentile, personSyncLatencies, webhookSender, type BenchApi } from './webhook/latency';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '10000' },
    changes: { type: 'string', default: '200' },
    every: { type: 'string', default: '250' },
    'person-syncs': { type: 'string', default: '50' },
    window: { type: 'string', default: '2' },
    json: { type: 'string' },
  },
});
const people = Number(values.people);

void benchMain('bench:webhook', values.json, async (say, stops) => {
  configureLogging({ level: 'error' });
  const stack = await startStack({ people, prebuilt: true, profileWorker: undefined, traceGcWorker: false, workerEnv: { ROSTER_WEBHOOK_WINDOW_SECONDS: values.window } }, stops, say);
  const api: BenchApi = async (method, path, body) => {
    const response = await fetch(stack.apiUrl + path, { method, headers: { authorization: `Bearer ${stack.adminToken}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const tenants = tenantDriver(stack, true, say);
  const id = `hooks-${randomUUID().slice(0, 6)}`;
  const directory = syntheticTenant(people, noChanges).employees;
  const { scim } = await tenants.readyTenant(id, { rate: 1000, concurrency: 8 }, tenantConfig(benchConfig, 25), directory);
  say(`seeding the platform in sync with ${directory.length} people`);
  await seedPlatform(stack.db, id, scim, { yesterday: directory, config: benchConfig, today: localDate('UTC'), customSchema: demoCustomSchema });
  await tenants.goLive(id);
  const source = await api('POST', `/api/tenants/${id}/webhooks/standard`, {});
  if (source.status !== 201) throw new Error(`The standard source could not be set up: ${JSON.stringify(source.body)}`);
  // People with an account: in scope, and not the directory's own edge cases.
  const synced = directory.filter((person) => scim.directory.usersByExternalId(person.hrisId)[0]?.active).map((person) => person.hrisId);

  say(`${values.changes} changes, one every ${values.every} ms, window ${values.window} s`);
  const started = Date.now();
  const changes = await changeLatencies(stack.db, scim, id, synced, webhookSender(String(source.body.url), String(source.body.secret)), Number(values.changes), Number(values.every));
  const changesMs = Date.now() - started;
  say(`changes: p50 ${percentile(changes, 50)} ms, p99 ${percentile(changes, 99)} ms; waiting for the last webhook run to end`);
  // A one-person sync is refused while a run is open: the last window's run ends first.
  for (;;) {
    const tenant = await api('GET', `/api/tenants/${id}`);
    const waiting = await stack.db('webhook_events').where({ tenant_id: id }).whereNull('run_id').first('event_id');
    if (!tenant.body.activeSyncId && !waiting) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const runs = await stack.db('sync_runs').where({ tenant_id: id, trigger: 'webhook' }).select('status');
  say(`${values['person-syncs']} one-person syncs`);
  const syncs = await personSyncLatencies(stack.db, api, id, synced, Number(values['person-syncs']));

  const sec = (ms: number) => Number((ms / 1000).toFixed(2));
  return {
    uptimeAtEnd: uptime(),
    people,
    windowSeconds: Number(values.window),
    changes: { count: changes.length, everyMs: Number(values.every), wallSeconds: sec(changesMs), p50: sec(percentile(changes, 50)), p99: sec(percentile(changes, 99)), max: sec(Math.max(...changes)), runs: runs.length, runStatuses: [...new Set(runs.map((run) => run.status))] },
    personSyncs: { count: syncs.length, p50: sec(percentile(syncs, 50)), p95: sec(percentile(syncs, 95)), max: sec(Math.max(...syncs)) },
  };
});
