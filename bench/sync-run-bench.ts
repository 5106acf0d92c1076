// A whole sync run at scale, end to end on the real stack: embedded Postgres, the Temporal dev
// server, the production worker as its own process, the API app, the demo HRIS and the scimmy SCIM
// server as the platform. Measures (BENCHMARKS.md):
//   1. a full apply run of a 100,000-person tenant with 1 % of people changed, the platform
//      already in sync: wall time (request → final status) and by phase, the worker's peak RSS,
//      history events of the run and tenant workflows, the largest payload in them. An on-demand
//      sync needs a live tenant: the tenant goes live (go-live now) on yesterday's directory, which
//      the seeded platform already reflects, so its initial load changes nothing (timed, not part
//      of the figures); today's directory is written after, and the on-demand sync is measured;
//   2. the apply rate against a platform limited to R requests/s, compared with R: the run is
//      each tenant's initial load, which creates every account;
//   3. the SCIM server's own cost per request, unpaced, to show the fake is not the bottleneck.
//
//   npx tsx bench/sync-run-bench.ts [--people 100000] [--rate-items 1000] [--rates 50,20] [--json out.json]
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleWorkflowCode } from '@temporalio/worker';
import express from 'express';
import { createApp } from '../api/app';
import { workflowsPath } from '../worker/worker';
import { createDb } from '../common/db';
import type { Employee } from '../common/directory';
import { configureLogging } from '../common/logger';
import { createKeyring, SecretStore } from '../common/secrets';
import { syncWorkflowId, tenantWorkflowId } from '../common/workflow-ids';
import { connectClient } from '../common/temporal';
import { employmentStatus } from '../activities/hris/employment-status';
import { localDate } from '../activities/hris/dates';
import { plan, type PlanConfig, type RunCounts } from '../activities/sync/core';
import { listGroupLinks, listLinks } from '../activities/platform';
import { fromScimUser } from '../activities/platform/scim-user-mapping';
import { startMailCapture } from '../dev/mail-capture';
import { createScimServer, demoCustomSchema, type ScimOperation, type ScimTenant } from '../dev/scim-server';
import { synced } from '../test/activities/sync/core/apply-in-memory';
import { scanWorkflow, type ActivitySpan, type WorkflowScan } from './sync-run/history';
import { memoryOf, resetPeak, sampleRss, startServices, startWorkerProcess } from './sync-run/processes';
import { leanGroups, type LeanGroups } from './sync-run/lean-groups';
import { settlePostgres, watchPostgres } from './sync-run/postgres-maintenance';
import { replaceDirectory, seedDirectory, seedPlatform } from './sync-run/seed';
import { benchConfig, onePercentChanges, syntheticTenant, type ChangeMix } from './synthetic-tenant';

const { values: options } = parseArgs({
  options: {
    people: { type: 'string', default: '100000' },
    'rate-items': { type: 'string', default: '1000' },
    rates: { type: 'string', default: '50,20' },
    'main-rate': { type: 'string', default: '1000' },
    'main-concurrency': { type: 'string', default: '8' },
    json: { type: 'string' },
    /** `prebuilt`: the worker loads a workflow bundle built beforehand (ROSTER_WORKFLOW_BUNDLE), as production images do. */
    worker: { type: 'string', default: 'production' },
    /** A folder for a CPU profile of the worker (node --cpu-prof), written when it stops. */
    'profile-worker': { type: 'string' },
    /** Only the 100,000-person run: no apply-rate runs, no unpaced SCIM timing. */
    'main-only': { type: 'boolean', default: false },
    /** Run the worker with --trace-gc, to tell its JavaScript heap from the rest of its RSS. */
    'trace-gc-worker': { type: 'boolean', default: false },
    /** `lean` (default): the benchmark's lean /Groups handler in front of scimmy (bench/sync-run/lean-groups.ts); `scimmy`: scimmy's own. */
    'scim-groups': { type: 'string', default: 'lean' },
  },
});
const size = Number(options.people);
const rateItems = Number(options['rate-items']);
const rates = options.rates!.split(',').filter(Boolean).map(Number);
/** The main run's platform limits: the most a tenant may be given (api/tenant-input.ts). */
const mainRate = Number(options['main-rate']);
const mainConcurrency = Number(options['main-concurrency']);

const mix = onePercentChanges(size);
/** `[pid:0x…]   1234 ms: Mark-Compact 512.3 (530.1) -> 400.2 (420.0) MB, …` */
const traceGc = /^\[\d+:(0x[0-9a-f]+)\]\s+(\d+) ms: ([\w-]+(?: \(reduce\))?) (\d+(?:\.\d+)?) \((\d+(?:\.\d+)?)\) -> (\d+(?:\.\d+)?)/;
const noChanges: ChangeMix = { updates: 0, newHires: 0, terminated: 0, removed: 0, emailChanges: 0, managerChanges: 0, departmentChanges: 0 };

const MB = 2 ** 20;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const began = Date.now();
const say = (line: string) => process.stderr.write(`[bench +${((Date.now() - began) / 1000).toFixed(1)}s] ${line}\n`);
const final = ['success', 'warning', 'error', 'rejected', 'cancelled'];

function machine() {
  const cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  let kernel = '';
  try {
    kernel = execFileSync('uname', ['-sr'], { encoding: 'utf8' }).trim();
  } catch {
    kernel = 'unknown';
  }
  return { cpu, cpus: availableParallelism(), memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`, node: process.version, kernel };
}

/** The tenant config: the kick-off config of the tests, with safety limits above this run's leavers. */
function tenantConfig(planConfig: PlanConfig, maxDeactivations: number) {
  return {
    ...planConfig,
    notifications: { summaryTo: ['hr@acme.example'], errorsTo: ['it@acme.example'] },
    // Once a year, so the schedule never starts a run of its own during the benchmark.
    schedule: { cron: '0 3 1 1 *', timezone: 'UTC' },
    inviteNewUsers: false,
    adoptExistingAccounts: false,
    safety: { maxDeactivations, maxDeactivationShare: 0.1 },
    hypercareDays: 14,
  };
}

/** The directory as the demo HRIS reads it on `today` (a recorded pre-hire whose start date has passed is active). */
const asRead = (people: readonly Employee[], today: string) => people.map((person) => ({ ...person, status: employmentStatus(person.status, person, today) }));

interface Span {
  from: number;
  to: number;
}
const spanOf = (spans: ActivitySpan[]): Span | undefined =>
  spans.length === 0 ? undefined : { from: Math.min(...spans.map((s) => s.scheduledAt)), to: Math.max(...spans.map((s) => s.closedAt ?? NaN)) };
const length = (span: Span | undefined) => (span ? span.to - span.from : NaN);

/** The SCIM server's own time for requests that arrived within a span. */
function serverTime(operations: ScimOperation[], span: Span | undefined, filter: (op: ScimOperation) => boolean = () => true) {
  const within = span ? operations.filter((op) => op.at >= span.from && op.at <= span.to && filter(op)) : [];
  const times = within.map((op) => (op.doneAt ?? op.at) - op.at).sort((a, b) => a - b);
  const total = times.reduce((sum, t) => sum + t, 0);
  return { requests: within.length, totalMs: total, meanMs: times.length ? total / times.length : 0, p99Ms: times[Math.floor(times.length * 0.99)] ?? 0, maxMs: times.at(-1) ?? 0 };
}

const byMethod = (operations: ScimOperation[]) =>
  operations.reduce<Record<string, number>>((counts, op) => {
    const key = `${op.method} /${op.path.split('/')[1] ?? ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
    return counts;
  }, {});

async function main() {
  configureLogging({ level: 'error' });
  const started = Date.now();
  const load: { start: number[]; end?: number[] } = { start: loadavg() };
  const stops: (() => Promise<unknown>)[] = [];
  const cleanUp = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch((error: unknown) => say(`cleanup: ${(error as Error).message}`));
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

  try {
    say(`starting Postgres and the Temporal dev server (people: ${size})`);
    const services = await startServices();
    stops.push(services.stop);

    const scimServer = createScimServer();
    const lean = leanGroups();
    const leanGroupsOn = options['scim-groups'] !== 'scimmy';
    const scimApp = express();
    scimApp.use('/scim', lean.router);
    scimApp.use('/scim', scimServer.router);
    const scimHttp = await listen(scimApp);
    stops.push(() => close(scimHttp.server));
    const mail = await startMailCapture({ port: 0 });
    stops.push(mail.stop);

    const gcLines: { isolate: string; at: number; kind: string; before: number; committedBefore: number; after: number }[] = [];
    const encryptionKey = randomBytes(32).toString('base64');
    const taskQueue = `bench-${randomUUID()}`;
    const prebuilt = options.worker === 'prebuilt';
    const bundlePath = join(services.dir, 'workflows.js');
    if (prebuilt) {
      const bundle = await bundleWorkflowCode({ workflowsPath, logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error } });
      writeFileSync(bundlePath, bundle.code);
    }
    say(`starting the worker process (npm run worker's command${prebuilt ? ', with a prebuilt workflow bundle' : ''})`);
    const workerStartedAt = Date.now();
    const worker = startWorkerProcess(
      {
        DATABASE_URL: services.databaseUrl,
        TEMPORAL_ADDRESS: services.temporalAddress,
        TEMPORAL_NAMESPACE: 'default',
        TEMPORAL_TASK_QUEUE: taskQueue,
        ROSTER_ENCRYPTION_KEY: encryptionKey,
        SMTP_URL: mail.smtpUrl,
        ROSTER_MAIL_FROM: 'Roster <roster@bench.example>',
        ROSTER_PUBLIC_URL: 'http://roster.bench.example',
        LOG_LEVEL: 'info',
        ...(prebuilt && { ROSTER_WORKFLOW_BUNDLE: bundlePath }),
      },
      join(services.dir, 'worker.log'),
      {
        nodeFlags: [...(options['profile-worker'] ? ['--cpu-prof', `--cpu-prof-dir=${options['profile-worker']}`] : []), ...(options['trace-gc-worker'] ? ['--trace-gc'] : [])],
        onLine: (line) => {
          const gc = traceGc.exec(line);
          if (gc) gcLines.push({ isolate: gc[1]!, at: workerStartedAt + Number(gc[2]), kind: gc[3]!, before: Number(gc[4]), committedBefore: Number(gc[5]), after: Number(gc[6]) });
        },
      },
    );
    stops.push(worker.stop);
    await worker.ready;
    const workerStartup = { ms: Date.now() - workerStartedAt, ...memoryOf(worker.pid) };
    say(`worker polling after ${sec(workerStartup.ms)}; RSS ${mb(workerStartup.rss)}, peak so far ${mb(workerStartup.peak)} (${prebuilt ? 'prebuilt bundle' : 'bundling the workflows included'})`);

    const db = createDb(services.databaseUrl);
    stops.push(() => db.destroy());
    const client = await connectClient({ address: services.temporalAddress, namespace: 'default' });
    stops.push(() => client.connection.close());
    const adminToken = randomBytes(24).toString('hex');
    const secrets = new SecretStore(db, createKeyring(encryptionKey));
    const { app } = createApp({ db, client, secrets, taskQueue, adminToken, allowPrivateUrls: true, minScheduleMinutes: 15 });
    const apiHttp = await listen(app);
    stops.push(() => close(apiHttp.server));

    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(apiHttp.url + path, {
        method,
        headers: { authorization: `Bearer ${adminToken}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    };
    const expectStatus = async (answer: Promise<{ status: number; body: unknown }>, status: number, what: string) => {
      const { status: got, body } = await answer;
      if (got !== status) throw new Error(`${what}: expected ${status}, got ${got}: ${JSON.stringify(body)}`);
      return body as Record<string, unknown>;
    };

    /** A tenant on the SCIM server with a demo HRIS, past kick-off, keyed with the demo key, its first test finished: `testing`. */
    const readyTenant = async (id: string, platform: { rate: number; concurrency: number }, config: object, people: readonly Employee[]): Promise<{ scim: ScimTenant; token: string }> => {
      const token = randomBytes(16).toString('hex');
      const scim = scimServer.addTenant(id, token);
      if (leanGroupsOn) lean.add(id, token, scim);
      const body = {
        id,
        name: `Bench ${id}`,
        hris: { provider: 'demo' },
        platform: { kind: 'scim', baseUrl: `${scimHttp.url}/scim/${id}/v2`, token, maxRequestsPerSecond: platform.rate, concurrency: platform.concurrency, customSchema: demoCustomSchema },
        contacts: { supportEmail: 'support@roster.example', hrisAdminEmail: 'hr-admin@acme.example' },
      };
      await expectStatus(api('POST', '/api/tenants', body), 201, 'create tenant');
      // Before anything reads the demo directory, which would otherwise seed its small demo set.
      await seedDirectory(db, id, people);
      await expectStatus(api('PUT', `/api/tenants/${id}/config`, config), 200, 'config');
      await expectStatus(api('POST', `/api/tenants/${id}/kickoff/complete`, {}), 200, 'kickoff');
      await expectStatus(api('POST', `/api/tenants/${id}/credentials`, { apiKey: 'demo-key' }), 200, 'credentials');
      // A verified key starts the tenant's first test (a dry run) by itself; it ends before anything is measured.
      for (;;) {
        const tenant = (await expectStatus(api('GET', `/api/tenants/${id}`), 200, 'tenant')) as { activeSyncId?: string; lastSync?: unknown };
        if (!tenant.activeSyncId && tenant.lastSync) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      return { scim, token };
    };

    /** Waits for a run's final status; times are the client's own. */
    const awaitRun = async (syncId: string, requestedAt: number, acceptedAt: number) => {
      for (let failures = 0; ; ) {
        let run;
        try {
          run = (await api('GET', `/api/syncs/${syncId}`)).body;
        } catch (error) {
          // The API shares this process's event loop with the SCIM server: a long SCIM answer can
          // let a kept-alive connection lapse under a poll. Poll again; give up only if it persists.
          failures += 1;
          say(`polling the run failed (${String((error as Error & { cause?: unknown }).cause ?? error)}); retrying`);
          if (failures > 20) throw error;
          await new Promise((resolve) => setTimeout(resolve, 500));
          continue;
        }
        if (run.status === 'awaiting_approval') throw new Error(`The run was held: ${JSON.stringify(run.hold)}`);
        if (final.includes(run.status)) return { syncId, requestedAt, acceptedAt, observedAt: Date.now(), run: run as SyncView };
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };

    /** Requests an on-demand apply run (the tenant must be live) and waits for its final status. */
    const runSync = async (id: string) => {
      const requestedAt = Date.now();
      const { syncId } = (await expectStatus(api('POST', `/api/tenants/${id}/syncs`, {}), 202, 'request sync')) as { syncId: string };
      return awaitRun(syncId, requestedAt, Date.now());
    };

    /**
     * From `testing`: approves the test and goes live now. Resolves with the initial load (timed
     * from the go-live request) once it has finished and the tenant is live.
     */
    const goLive = async (id: string) => {
      await expectStatus(api('POST', `/api/tenants/${id}/test/approve`, {}), 200, 'approve the test');
      const requestedAt = Date.now();
      await expectStatus(api('POST', `/api/tenants/${id}/go-live`, {}), 200, 'go-live');
      const acceptedAt = Date.now();
      let syncId: string | undefined;
      while (!syncId) {
        const tenant = (await expectStatus(api('GET', `/api/tenants/${id}`), 200, 'tenant')) as { goLive?: { status: string; syncId?: string; reason?: string } };
        if (tenant.goLive?.status === 'failed') throw new Error(`The go-live failed: ${tenant.goLive.reason}`);
        syncId = tenant.goLive?.syncId;
        if (!syncId) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const initial = await awaitRun(syncId, requestedAt, acceptedAt);
      // The tenant moves to live before the initial load's final status is written.
      const tenant = (await expectStatus(api('GET', `/api/tenants/${id}`), 200, 'tenant')) as { stage: string; goLive?: { reason?: string } };
      if (tenant.stage !== 'live') throw new Error(`The initial load ended ${initial.run.status} and the tenant is ${tenant.stage}: ${tenant.goLive?.reason ?? ''}`);
      return initial;
    };

    // ---- 1. The 100,000-person run ---------------------------------------------------------
    const today = localDate('UTC');
    const mainId = `bench-${size}-${randomUUID().slice(0, 6)}`;
    say(`generating ${size} people (yesterday) and today's directory with ${JSON.stringify(mix)}`);
    const yesterday = syntheticTenant(size, noChanges).employees;
    const todays = syntheticTenant(size, mix).employees;
    const maxDeactivations = Math.max(25, (mix.terminated + mix.removed) * 2);
    let phase = Date.now();
    const { scim: mainScim, token: mainToken } = await readyTenant(mainId, { rate: mainRate, concurrency: mainConcurrency }, tenantConfig(benchConfig, maxDeactivations), yesterday);
    const seedDirectoryMs = Date.now() - phase;
    say(`yesterday's directory seeded (${yesterday.length} people) and its first test finished in ${sec(seedDirectoryMs)}; seeding the platform in sync with it`);
    phase = Date.now();
    const seeded = await seedPlatform(db, mainId, mainScim, { yesterday, config: benchConfig, today, customSchema: demoCustomSchema });
    const seedPlatformMs = Date.now() - phase;
    say(`platform seeded in ${sec(seedPlatformMs)}: ${JSON.stringify(seeded)}`);
    if (seeded.coercedAll) say('note: the direct form differed from scimmy\'s coercion, so every user was coerced');

    // Live on yesterday's directory: the platform already reflects it, so the initial load must change nothing.
    say('approving the test and going live now on yesterday\'s directory');
    const loaded = await goLive(mainId);
    const loadChanges = (['created', 'updated', 'deactivated', 'reactivated', 'groupsCreated', 'groupsUpdated', 'groupsRemoved'] as const).filter((key) => loaded.run.planned[key] !== 0);
    if (loadChanges.length > 0) throw new Error(`The initial load planned changes (${JSON.stringify(loaded.run.planned)}): the seeded platform is not in sync with yesterday's directory`);
    const loadRow = await db('sync_runs').where({ id: loaded.syncId }).first('started_at', 'finished_at');
    const initialLoad = {
      status: loaded.run.status,
      wallMs: loaded.observedAt - loaded.requestedAt,
      syncRunRowMs: loadRow?.finished_at && loadRow.started_at ? new Date(loadRow.finished_at).getTime() - new Date(loadRow.started_at).getTime() : undefined,
      planned: loaded.run.planned,
    };
    say(`live after ${sec(initialLoad.wallMs)} (initial load ${loaded.run.status}, no change planned)`);
    phase = Date.now();
    await replaceDirectory(db, mainId, todays);
    const todayDirectoryMs = Date.now() - phase;
    say(`today's directory (${todays.length} people) written in ${sec(todayDirectoryMs)}`);

    // The benchmark tenant's planning options, for the in-memory plans that check the run.
    const asBench = { config: benchConfig, supportedAttributes: 'all' as const, adoptExistingAccounts: false, readMode: 'full' as const, today };
    const planOf = (data: Pick<Parameters<typeof plan>[0], 'employees' | 'accounts' | 'groups' | 'links' | 'groupLinks'>) => plan({ ...asBench, ...data }).planned;

    const settled = await settlePostgres(db);
    say(`Postgres vacuumed and analysed what setup wrote, no autovacuum running, in ${sec(settled.ms)}`);

    const idle = memoryOf(worker.pid);
    const peakReset = resetPeak(worker.pid);
    const sampler = sampleRss(worker.pid);
    const postgresWatch = watchPostgres(db);
    say(`worker RSS before the run ${mb(idle.rss)} (peak mark ${peakReset ? 'reset' : 'NOT reset: sampling only'}); requesting the run`);
    const main = await runSync(mainId);
    const sampled = sampler.stop();
    const postgresSeen = await postgresWatch.stop();
    const after = memoryOf(worker.pid);
    say(`run ${main.run.status} in ${sec(main.observedAt - main.requestedAt)}; worker peak RSS ${mb(peakReset ? after.peak : sampled.peak)}`);

    const mainOps = [...mainScim.operations];
    const runScan = await scanWorkflow(client, syncWorkflowId(main.syncId));
    const tenantScan = await scanWorkflow(client, tenantWorkflowId(mainId), main.requestedAt);
    const planItems: { kind: string; action: string; result: string; n: string }[] = await db('plan_items').where({ run_id: main.syncId }).groupBy('kind', 'action', 'result').select('kind', 'action', 'result').count({ n: '*' });
    const row = await db('sync_runs').where({ id: main.syncId }).first('started_at', 'finished_at');
    // The initial load's own tenant activities ended before its final status was seen.
    const phases = phasesOf(runScan, tenantScan, mainOps, main.requestedAt, loaded.observedAt);
    // The worker's RSS (sampled every 50 ms) and, with --trace-gc, its JavaScript heap, by phase.
    const windows: Record<string, Span | undefined> = {
      fetchDirectory: spanOf(runScan.activities.filter((a) => a.type === 'fetchDirectory')),
      fetchPlatform: spanOf(runScan.activities.filter((a) => a.type === 'fetchPlatform')),
      planRun: spanOf(runScan.activities.filter((a) => a.type === 'planRun')),
      apply: spanOf(runScan.activities.filter((a) => a.type === 'applyBatch')),
    };
    const within = <T extends { at: number }>(items: T[], span: Span | undefined) => (span ? items.filter((item) => item.at >= span.from && item.at <= span.to) : []);
    const rssByPhase = Object.fromEntries(Object.entries(windows).map(([name, span]) => [name, Math.max(0, ...within(sampled.samples, span).map((s) => s.rss))]));
    const mainIsolate = Object.entries(gcLines.reduce<Record<string, number>>((n, g) => ({ ...n, [g.isolate]: (n[g.isolate] ?? 0) + 1 }), {})).sort((a, b) => b[1] - a[1])[0]?.[0];
    const mainGcs = gcLines.filter((g) => g.isolate === mainIsolate);
    const heapByPhase = gcLines.length
      ? Object.fromEntries(
          Object.entries(windows).map(([name, span]) => {
            const gcs = within(mainGcs, span);
            // The live heap: what a full collection (Mark-Compact) kept.
            return [name, { beforeGc: Math.max(0, ...gcs.map((g) => g.before)), liveAfterFullGc: Math.max(0, ...gcs.filter((g) => g.kind.startsWith('Mark')).map((g) => g.after)), fullGcs: gcs.filter((g) => g.kind.startsWith('Mark')).length }];
          }),
        )
      : undefined;

    // The platform as the run left it, planned again in memory: a complete apply leaves nothing to do.
    const again = planOf({
      employees: asRead(todays, today),
      accounts: mainScim.directory.users().map((user) => fromScimUser(user, demoCustomSchema)),
      groups: mainScim.directory.groups().map((group) => ({ id: group.id, externalId: group.externalId as string | undefined, displayName: String(group.displayName), members: (group.members as { value: string }[]).map((m) => m.value) })),
      links: await listLinks(db, mainId),
      groupLinks: await listGroupLinks(db, mainId),
    });
    // What the run should have planned: the same core, in memory, on the same data (built after the
    // run, so its garbage is not collected in the SCIM server's process while the run is measured).
    const expected = planOf({ ...synced({ ...asBench, employees: yesterday, accounts: [], links: [], groups: [], groupLinks: [] }), employees: asRead(todays, today) });
    const leftToDo = (['created', 'updated', 'deactivated', 'reactivated', 'groupsCreated', 'groupsUpdated', 'groupsRemoved'] as const).filter((key) => again[key] !== 0);
    say(leftToDo.length === 0 ? 'check: planning again against the platform as left plans no change' : `check FAILED: planning again plans ${JSON.stringify(again)}`);

    // ---- The SCIM server alone, unpaced, on the 100,000-user tenant ---------------------------
    if (!options['main-only']) say('timing the SCIM server alone (unpaced list, group list, creates, patches)');
    const raw = options['main-only'] ? undefined : await rawScim(scimServer, lean, scimHttp.url, { id: mainId, token: mainToken, scim: mainScim }, rateItems);

    // ---- The apply rate against a platform limited to R requests/s ---------------------------
    const rateRuns = [];
    const rateConfig = { ...benchConfig, fieldMappings: { title: 'position', department: 'department', employeeNumber: 'employeeCode', location: 'location', 'custom.startDate': 'startDate' }, groups: undefined };
    for (const rate of options['main-only'] ? [] : rates) {
      const id = `rate-${rate}-${randomUUID().slice(0, 6)}`;
      const people = syntheticTenant(rateItems, noChanges).employees;
      say(`apply rate: ${rateItems} creates against a platform limited to ${rate} requests/s`);
      const { scim } = await readyTenant(id, { rate, concurrency: 4 }, tenantConfig(rateConfig, 25), people);
      // The run measured is the initial load: it creates every account.
      const done = await goLive(id);
      const scan = await scanWorkflow(client, syncWorkflowId(done.syncId));
      const apply = spanOf(scan.activities.filter((a) => a.type === 'applyBatch'));
      const applyStarted = Math.min(...scan.activities.filter((a) => a.type === 'applyBatch').map((a) => a.startedAt ?? NaN));
      const posts = scim.operations.filter((op) => op.method === 'POST' && op.path === '/Users');
      if (posts.length < 2) throw new Error(`The rate run made ${posts.length} creates (status ${done.run.status}, counts ${JSON.stringify(done.run.counts)})`);
      const first = posts[0]!;
      const last = posts.at(-1)!;
      const startsPerSecond = (posts.length - 1) / ((last.at - first.at) / 1000);
      const itemsPerSecond = done.run.counts.created / ((apply!.to - applyStarted) / 1000);
      const all = scim.operations;
      rateRuns.push({
        rate,
        concurrency: 4,
        status: done.run.status,
        created: done.run.counts.created,
        failed: done.run.counts.failed,
        posts: posts.length,
        requestsTotal: all.length,
        requestsByMethod: byMethod(all),
        applyBatches: scan.activities.filter((a) => a.type === 'applyBatch').length,
        applyMs: apply!.to - applyStarted,
        itemsPerSecond,
        itemsShareOfR: itemsPerSecond / rate,
        firstToLastPostMs: last.at - first.at,
        postStartsPerSecond: startsPerSecond,
        postShareOfR: startsPerSecond / rate,
        wallMs: done.observedAt - done.requestedAt,
        serverMeanMs: serverTime(all, { from: first.at, to: last.at }).meanMs,
        serverBusyShare: serverTime(all, { from: first.at, to: last.at }).totalMs / (last.at - first.at),
      });
      say(`  ${itemsPerSecond.toFixed(1)} items/s (${((itemsPerSecond / rate) * 100).toFixed(1)} % of R); POST starts ${startsPerSecond.toFixed(1)}/s`);
    }

    load.end = loadavg();
    const results = {
      machine: machine(),
      command: `npx tsx bench/sync-run-bench.ts ${process.argv.slice(2).join(' ')}`.trim(),
      at: new Date(started).toISOString(),
      loadAverage: { atStart: load.start.map((l) => l.toFixed(2)), atEnd: (load.end ?? []).map((l) => l.toFixed(2)) },
      uptime: uptime(),
      main: {
        people: size,
        workflowBundle: options.worker === 'prebuilt' ? 'prebuilt (ROSTER_WORKFLOW_BUNDLE)' : 'bundled at start',
        scimGroups: leanGroupsOn ? 'lean handler (bench/sync-run/lean-groups.ts)' : 'scimmy',
        directoryRead: todays.length,
        changes: mix,
        platform: { maxRequestsPerSecond: mainRate, concurrency: mainConcurrency },
        safety: { maxDeactivations, maxDeactivationShare: 0.1 },
        seed: { ...seeded, directoryMs: seedDirectoryMs, platformMs: seedPlatformMs, todayDirectoryMs },
        initialLoad,
        status: main.run.status,
        wallMs: main.observedAt - main.requestedAt,
        requestAnsweredMs: main.acceptedAt - main.requestedAt,
        syncRunRowMs: row?.finished_at && row.started_at ? new Date(row.finished_at).getTime() - new Date(row.started_at).getTime() : undefined,
        phases,
        worker: {
          startupMs: workerStartup.ms,
          rssAtStartup: workerStartup.rss,
          peakThroughStartup: workerStartup.peak,
          rssBeforeRun: idle.rss,
          peakBeforeRun: idle.peak,
          peakDuringRun: peakReset ? after.peak : undefined,
          sampledPeakDuringRun: sampled.peak,
          rssAfterRun: after.rss,
          peakMarkReset: peakReset,
          peakAt: Object.entries(windows).find(([, span]) => span && sampled.at >= span.from && sampled.at <= span.to)?.[0] ?? 'between activities',
          rssByPhase,
          /** MB of the main isolate's JavaScript heap in each phase (--trace-gc): the most before a collection, the most a full collection kept. */
          heapMbByPhase: heapByPhase,
          gcCount: gcLines.length || undefined,
        },
        history: { run: summary(runScan), tenant: summary(tenantScan) },
        postgres: { settleMs: settled.ms, duringRun: postgresSeen },
        planned: main.run.planned,
        expectedPlanned: expected,
        plannedMatchesExpected: (Object.keys(expected) as (keyof RunCounts)[]).every((key) => expected[key] === main.run.planned[key]),
        counts: main.run.counts,
        plannedAgainAfterRun: again,
        nothingLeftToDo: leftToDo.length === 0,
        planItems: planItems.map((r) => ({ kind: r.kind, action: r.action, result: r.result, n: Number(r.n) })),
        scimRequests: byMethod(mainOps),
      },
      rate: rateRuns,
      scimAlone: raw,
    };
    console.log(report(results));
    if (options.json) writeFileSync(options.json, JSON.stringify(results, null, 2));
  } catch (error) {
    say(`failed: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

interface SyncView {
  status: string;
  planned: RunCounts;
  counts: RunCounts;
  hold?: unknown;
}

function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return loadavg().join(' ');
  }
}

function summary(scan: WorkflowScan) {
  return {
    workflowId: scan.workflowId,
    runs: scan.runs,
    events: scan.events,
    eventsDuringThisRun: scan.eventsSince,
    payloads: scan.payloads,
    largestPayload: scan.largestPayload,
    largestEventBytes: scan.largestEventBytes,
    activities: Object.entries(
      scan.activities.reduce<Record<string, number>>((counts, a) => {
        counts[a.type] = (counts[a.type] ?? 0) + 1;
        return counts;
      }, {}),
    )
      .map(([type, n]) => `${type}×${n}`)
      .join(', '),
  };
}

/**
 * Each phase's time from the run workflow's history, and the SCIM server's own time within it.
 * The tenant workflow's activities count from a second before the request, never from before
 * `notBefore` (when the previous run was seen finished: its activities are not this run's).
 */
function phasesOf(run: WorkflowScan, tenant: WorkflowScan, operations: ScimOperation[], requestedAt: number, notBefore = -Infinity) {
  const of = (type: string) => run.activities.filter((a) => a.type === type);
  const fetchDirectory = spanOf(of('fetchDirectory'));
  const fetchPlatform = spanOf(of('fetchPlatform'));
  const planRun = spanOf(of('planRun'));
  const apply = spanOf(of('applyBatch'));
  const report = spanOf(of('completeRun'));
  const since = (type: string) => tenant.activities.filter((a) => a.type === type && a.scheduledAt >= Math.max(requestedAt - 1000, notBefore));
  const finish = spanOf(since('finishSyncRun'));
  const requested = spanOf(since('createSyncRun'));
  const ms = (span: Span | undefined) => Math.round(length(span));
  return {
    createSyncRunMs: ms(requested),
    runWorkflowMs: run.closedAt ? Math.round(run.closedAt - run.startedAt) : undefined,
    fetchDirectoryMs: ms(fetchDirectory),
    fetchPlatformMs: ms(fetchPlatform),
    planMs: ms(planRun),
    applyMs: ms(apply),
    applyBatches: of('applyBatch').length,
    reportMs: ms(report),
    finishSyncRunMs: ms(finish),
    scim: {
      fetchPlatform: serverTime(operations, fetchPlatform),
      apply: serverTime(operations, apply),
    },
  };
}

/** The SCIM server without Roster or pacing: one client, one request at a time. */
async function rawScim(
  scimServer: ReturnType<typeof createScimServer>,
  lean: LeanGroups,
  baseUrl: string,
  { id: bigTenant, token: bigToken, scim: big }: { id: string; token: string; scim: ScimTenant },
  items: number,
) {
  const time = async (count: number, request: (index: number) => Promise<Response>) => {
    const started = performance.now();
    for (let index = 0; index < count; index += 1) {
      const response = await request(index);
      if (!response.ok) throw new Error(`SCIM answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    }
    const ms = performance.now() - started;
    return { requests: count, totalMs: Math.round(ms), meanMs: ms / count, perSecond: (count / ms) * 1000 };
  };
  const headers = (token: string) => ({ authorization: `Bearer ${token}`, accept: 'application/scim+json', 'content-type': 'application/scim+json' });
  const users = big.directory.users().length;
  const opsBefore = big.operations.length;
  const list = await time(Math.ceil(users / 100), (page) => fetch(`${baseUrl}/scim/${bigTenant}/v2/Users?startIndex=${page * 100 + 1}&count=100`, { headers: headers(bigToken) }));
  const listServer = serverTime(big.operations.slice(opsBefore), { from: 0, to: Infinity });
  const listGroups = () => fetch(`${baseUrl}/scim/${bigTenant}/v2/Groups?startIndex=1&count=100`, { headers: headers(bigToken) });
  // A PATCH that adds a member the group already has: the whole cost of a group PATCH, no change.
  const group = big.directory.groups()[0]!;
  const member = (group.members as { value: string }[])[0]!.value;
  const noOpPatch = () =>
    fetch(`${baseUrl}/scim/${bigTenant}/v2/Groups/${group.id}`, {
      method: 'PATCH',
      headers: headers(bigToken),
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'add', path: 'members', value: [{ value: member }] }] }),
    });
  lean.add(bigTenant, bigToken, big);
  const groupsLean = { list: await time(3, listGroups), patch: await time(10, noOpPatch) };
  lean.remove(bigTenant);
  const groupsScimmy = { list: await time(3, listGroups), patch: await time(10, noOpPatch) };

  const scratchId = `raw-${randomUUID().slice(0, 6)}`;
  const token = randomBytes(16).toString('hex');
  const scratch = scimServer.addTenant(scratchId, token);
  const ids: string[] = [];
  const creates = await time(items, async (index) => {
    const response = await fetch(`${baseUrl}/scim/${scratchId}/v2/Users`, {
      method: 'POST',
      headers: headers(token),
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `raw${index}@acme.example`, externalId: `raw${index}`, active: true, name: { givenName: 'Raw', familyName: `Person ${index}` }, title: 'Engineer' }),
    });
    const clone = response.clone();
    ids.push(((await clone.json()) as { id: string }).id);
    return response;
  });
  const patches = await time(items, (index) =>
    fetch(`${baseUrl}/scim/${scratchId}/v2/Users/${ids[index]}`, {
      method: 'PATCH',
      headers: headers(token),
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'title', value: 'Senior Engineer' }] }),
    }),
  );
  return {
    listPages: { ...list, users, pageSize: 100, serverMeanMs: listServer.meanMs },
    groups: { count: big.directory.groups().length, members: big.directory.groups().reduce((sum, g) => sum + (g.members as unknown[]).length, 0), lean: groupsLean, scimmy: groupsScimmy },
    creates: { ...creates, serverMeanMs: serverTime(scratch.operations, { from: 0, to: Infinity }, (op) => op.method === 'POST').meanMs },
    patches: { ...patches, serverMeanMs: serverTime(scratch.operations, { from: 0, to: Infinity }, (op) => op.method === 'PATCH').meanMs },
  };
}

type Results = {
  machine: ReturnType<typeof machine>;
  uptime: string;
  main: { people: number; directoryRead: number; initialLoad: { status: string; wallMs: number; syncRunRowMs?: number; planned: RunCounts }; nothingLeftToDo: boolean; plannedAgainAfterRun: RunCounts; changes: ChangeMix; status: string; planned: RunCounts; counts: RunCounts; expectedPlanned: RunCounts; plannedMatchesExpected: boolean; wallMs: number;
    phases: ReturnType<typeof phasesOf>;
    worker: { rssAtStartup: number; peakThroughStartup: number; rssBeforeRun: number; peakDuringRun?: number; sampledPeakDuringRun: number; peakAt: string; rssByPhase: Record<string, number>; heapMbByPhase?: Record<string, { beforeGc: number; liveAfterFullGc: number; fullGcs: number }> };
    history: { run: ReturnType<typeof summary>; tenant: ReturnType<typeof summary> };
    postgres: { settleMs: number; duringRun: { samples: number; busy: number; work: string[]; slow: Record<string, number> } };
    scimRequests: Record<string, number> };
  rate: { rate: number; concurrency: number; created: number; applyMs: number; itemsPerSecond: number; itemsShareOfR: number; postStartsPerSecond: number; postShareOfR: number; serverBusyShare: number }[];
  scimAlone?: Awaited<ReturnType<typeof rawScim>>;
};

function report(results: Results): string {
  const { main, rate, scimAlone } = results;
  const lines = [
    '',
    `machine: ${results.machine.cpu}, ${results.machine.cpus} CPUs, ${results.machine.memory}, Node ${results.machine.node}`,
    `load: ${results.uptime}`,
    '',
    `go-live now on yesterday's directory (setup, not a target): live ${sec(main.initialLoad.wallMs)} after the request; initial load ${main.initialLoad.status}${main.initialLoad.syncRunRowMs === undefined ? '' : ` in ${sec(main.initialLoad.syncRunRowMs)}`}, no change planned`,
    `full apply run (on-demand sync, live tenant): ${main.people} people (${main.directoryRead} read), changes ${JSON.stringify(main.changes)}`,
    `  status ${main.status}; planned ${JSON.stringify(main.planned)}`,
    `  expected (in-memory plan of the same data) ${main.plannedMatchesExpected ? 'matches' : `DIFFERS: ${JSON.stringify(main.expectedPlanned)}`}`,
    `  wall (POST /syncs → final status seen): ${sec(main.wallMs)}   [target ≤ 60 s]`,
    `  phases: fetch directory ${sec(main.phases.fetchDirectoryMs)}, fetch platform ${sec(main.phases.fetchPlatformMs)}, plan ${sec(main.phases.planMs)}, apply ${sec(main.phases.applyMs)} (${main.phases.applyBatches} batches), report ${sec(main.phases.reportMs)}, finish ${sec(main.phases.finishSyncRunMs)}`,
    `  SCIM server time: fetch ${main.phases.scim.fetchPlatform.requests} req, ${sec(main.phases.scim.fetchPlatform.totalMs)} total (mean ${main.phases.scim.fetchPlatform.meanMs.toFixed(2)} ms); apply ${main.phases.scim.apply.requests} req, ${sec(main.phases.scim.apply.totalMs)} total (mean ${main.phases.scim.apply.meanMs.toFixed(2)} ms)`,
    `  worker RSS: startup ${mb(main.worker.rssAtStartup)} (peak through start-up ${mb(main.worker.peakThroughStartup)}), before run ${mb(main.worker.rssBeforeRun)}, peak during run ${main.worker.peakDuringRun ? mb(main.worker.peakDuringRun) : 'n/a'} (sampled ${mb(main.worker.sampledPeakDuringRun)})   [target ≤ 500 MB]`,
    `  worker peak in ${main.worker.peakAt}; RSS by phase: ${Object.entries(main.worker.rssByPhase).map(([name, bytes]) => `${name} ${mb(bytes)}`).join(', ')}${main.worker.heapMbByPhase ? `; JS heap (main isolate) by phase, most before a GC / most kept by a full GC: ${Object.entries(main.worker.heapMbByPhase).map(([name, m]) => `${name} ${m.beforeGc.toFixed(0)} / ${m.fullGcs ? `${m.liveAfterFullGc.toFixed(0)} MB` : 'no full GC'}`).join(', ')}` : ''}`,
    `  Postgres: settled in ${sec(main.postgres.settleMs)} before the run; autovacuum running in ${main.postgres.duringRun.busy} of ${main.postgres.duringRun.samples} samples during it${main.postgres.duringRun.work.length ? ` (${main.postgres.duringRun.work.join('; ')})` : ''}`,
    `  queries seen running over 200 ms (samples): ${Object.entries(main.postgres.duringRun.slow).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([query, n]) => `${n}× ${query}`).join(' | ') || 'none'}`,
    `  history: run workflow ${main.history.run.events} events, tenant workflow ${main.history.tenant.events} events (${main.history.tenant.eventsDuringThisRun} during this run)   [target ≤ 500]`,
    `  largest payload: run ${main.history.run.largestPayload.bytes} B (${main.history.run.largestPayload.event} ${main.history.run.largestPayload.activity ?? ''}), tenant ${main.history.tenant.largestPayload.bytes} B (${main.history.tenant.largestPayload.event} ${main.history.tenant.largestPayload.activity ?? ''})   [target ≤ 64 KB]`,
    `  counts ${JSON.stringify(main.counts)}`,
    `  planning again after the run: ${main.nothingLeftToDo ? 'no change left' : `CHANGES LEFT ${JSON.stringify(main.plannedAgainAfterRun)}`}`,
    `  SCIM requests ${JSON.stringify(main.scimRequests)}`,
    '',
    'targets:',
    ...[
      ['wall ≤ 60 s', main.wallMs <= 60_000, sec(main.wallMs)],
      ['worker RSS ≤ 500 MB', (main.worker.peakDuringRun ?? main.worker.sampledPeakDuringRun) <= 500 * MB, mb(main.worker.peakDuringRun ?? main.worker.sampledPeakDuringRun)],
      ['history ≤ 500 events', Math.max(main.history.run.events, main.history.tenant.events) <= 500, `${main.history.run.events} / ${main.history.tenant.events}`],
      ['largest payload ≤ 64 KB', Math.max(main.history.run.largestPayload.bytes, main.history.tenant.largestPayload.bytes) <= 64 * 1024, `${Math.max(main.history.run.largestPayload.bytes, main.history.tenant.largestPayload.bytes)} B`],
      ...rate.map((r) => [`apply rate ≥ 90 % of R = ${r.rate}/s`, r.itemsShareOfR >= 0.9, `${(r.itemsShareOfR * 100).toFixed(1)} %`] as const),
    ].map(([name, met, value]) => `  ${met ? 'met   ' : 'MISSED'} ${name}: ${value}`),
    '',
    ...rate.map(
      (r) =>
        `apply rate at R = ${r.rate}/s (concurrency ${r.concurrency}), the initial load: ${r.created} created in ${sec(r.applyMs)} → ${r.itemsPerSecond.toFixed(1)} items/s = ${(r.itemsShareOfR * 100).toFixed(1)} % of R; POST starts ${r.postStartsPerSecond.toFixed(1)}/s = ${(r.postShareOfR * 100).toFixed(1)} % of R; server busy ${(r.serverBusyShare * 100).toFixed(1)} % of the time   [target ≥ 90 %]`,
    ),
    '',
    !scimAlone ? '' : `SCIM server alone, one request at a time: list ${scimAlone.listPages.requests} pages of 100 of ${scimAlone.listPages.users} users ${sec(scimAlone.listPages.totalMs)} (${scimAlone.listPages.meanMs.toFixed(2)} ms/page client, ${scimAlone.listPages.serverMeanMs.toFixed(2)} ms server); groups (${scimAlone.groups.count}, ${scimAlone.groups.members} members) list ${scimAlone.groups.lean.list.meanMs.toFixed(0)} ms lean / ${scimAlone.groups.scimmy.list.meanMs.toFixed(0)} ms scimmy, group PATCH ${scimAlone.groups.lean.patch.meanMs.toFixed(1)} ms lean / ${scimAlone.groups.scimmy.patch.meanMs.toFixed(0)} ms scimmy; create ${scimAlone.creates.meanMs.toFixed(2)} ms (${scimAlone.creates.perSecond.toFixed(0)}/s); patch ${scimAlone.patches.meanMs.toFixed(2)} ms (${scimAlone.patches.perSecond.toFixed(0)}/s)`,
    '',
  ];
  return lines.join('\n');
}

function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }));
  });
}

function close(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return closed;
}

await main();
// Whatever a failed start left open (a socket, a timer) must not keep the benchmark running.
process.exit();
