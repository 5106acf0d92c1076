// The main measure (BENCHMARKS.md, 1): an on-demand apply run of a large live tenant with 1 % of
// its people changed, the platform already in sync with yesterday. An on-demand sync needs a live
// tenant: it goes live on yesterday's directory, which the seeded platform already reflects, so
// its initial load changes nothing (timed, not part of the figures); today's directory is written
// after, and the on-demand sync is measured, then checked against the core's in-memory plan.
import { randomUUID } from 'node:crypto';
import { localDate } from '../../activities/hris/dates';
import type { RunCounts } from '../../activities/sync/core';
import type { Db } from '../../common/db';
import { syncWorkflowId, tenantWorkflowId } from '../../common/workflow-ids';
import { demoCustomSchema } from '../../dev/scim-server';
import { benchConfig, noChanges, onePercentChanges, syntheticTenant } from '../synthetic-tenant';
import { scanWorkflow, summarize } from './history';
import type { BenchOptions } from './options';
import { byMethod, phasesOf, phaseWindows } from './phases';
import { changesIn, checkPlans } from './plan-check';
import { settlePostgres, watchPostgres } from './postgres-maintenance';
import { memoryOf } from './processes';
import type { Say } from './progress';
import { mb, sec } from './report';
import { replaceDirectory, seedPlatform } from './seed';
import type { Stack } from './stack';
import { tenantConfig, type TenantDriver } from './tenant-driver';
import { watchWorkerMemory, workerFigures } from './worker-memory';

/** A run's time as its `sync_runs` row records it, start to finish. */
async function syncRunRowMs(db: Db, id: string): Promise<number | undefined> {
  const row = await db('sync_runs').where({ id }).first('started_at', 'finished_at');
  return row?.finished_at && row.started_at ? new Date(row.finished_at).getTime() - new Date(row.started_at).getTime() : undefined;
}

/** The tenant live on yesterday's directory, the platform in sync with it, today's directory written. */
async function prepareTenant({ db }: Stack, tenants: TenantDriver, options: BenchOptions, say: Say) {
  const today = localDate('UTC');
  const id = `bench-${options.people}-${randomUUID().slice(0, 6)}`;
  const mix = onePercentChanges(options.people);
  say(`generating ${options.people} people (yesterday) and today's directory with ${JSON.stringify(mix)}`);
  const yesterday = syntheticTenant(options.people, noChanges).employees;
  const todays = syntheticTenant(options.people, mix).employees;
  const maxDeactivations = Math.max(25, (mix.terminated + mix.removed) * 2);
  let phase = Date.now();
  const { scim, token } = await tenants.readyTenant(id, { rate: options.mainRate, concurrency: options.mainConcurrency }, tenantConfig(benchConfig, maxDeactivations), yesterday);
  const directoryMs = Date.now() - phase;
  say(`yesterday's directory seeded (${yesterday.length} people) and its first test finished in ${sec(directoryMs)}; seeding the platform in sync with it`);
  phase = Date.now();
  const seeded = await seedPlatform(db, id, scim, { yesterday, config: benchConfig, today, customSchema: demoCustomSchema });
  const platformMs = Date.now() - phase;
  say(`platform seeded in ${sec(platformMs)}: ${JSON.stringify(seeded)}`);
  if (seeded.coercedAll) say('note: the direct form differed from scimmy\'s coercion, so every user was coerced');

  // Live on yesterday's directory: the platform already reflects it, so the initial load must change nothing.
  say('approving the test and going live now on yesterday\'s directory');
  const loaded = await tenants.goLive(id);
  if (changesIn(loaded.run.planned).length > 0) throw new Error(`The initial load planned changes (${JSON.stringify(loaded.run.planned)}): the seeded platform is not in sync with yesterday's directory`);
  const initialLoad = { status: loaded.run.status, wallMs: loaded.observedAt - loaded.requestedAt, syncRunRowMs: await syncRunRowMs(db, loaded.syncId), planned: loaded.run.planned };
  say(`live after ${sec(initialLoad.wallMs)} (initial load ${loaded.run.status}, no change planned)`);
  phase = Date.now();
  await replaceDirectory(db, id, todays);
  const todayDirectoryMs = Date.now() - phase;
  say(`today's directory (${todays.length} people) written in ${sec(todayDirectoryMs)}`);
  return { id, token, scim, today, mix, yesterday, todays, maxDeactivations, loaded, initialLoad, seed: { ...seeded, directoryMs, platformMs, todayDirectoryMs } };
}

/** The measured run, with the tenant it ran on (the SCIM server's own timing uses its directory next). */
export async function runMainTenant(stack: Stack, tenants: TenantDriver, options: BenchOptions, say: Say) {
  const { db, client, worker } = stack;
  const tenant = await prepareTenant(stack, tenants, options, say);
  const settled = await settlePostgres(db);
  say(`Postgres vacuumed and analysed what setup wrote, no autovacuum running, in ${sec(settled.ms)}`);

  const memory = watchWorkerMemory(worker.pid);
  const postgresWatch = watchPostgres(db);
  say(`worker RSS before the run ${mb(memory.idle.rss)} (peak mark ${memory.peakReset ? 'reset' : 'NOT reset: sampling only'}); requesting the run`);
  const main = await tenants.runSync(tenant.id);
  const sampled = memory.stopSampling();
  const postgresSeen = await postgresWatch.stop();
  const after = memoryOf(worker.pid);
  say(`run ${main.run.status} in ${sec(main.observedAt - main.requestedAt)}; worker peak RSS ${mb(memory.peakReset ? after.peak : sampled.peak)}`);

  const operations = [...tenant.scim.operations];
  const runScan = await scanWorkflow(client, syncWorkflowId(main.syncId));
  const tenantScan = await scanWorkflow(client, tenantWorkflowId(tenant.id), main.requestedAt);
  const planItems: { kind: string; action: string; result: string; n: string }[] = await db('plan_items').where({ run_id: main.syncId }).groupBy('kind', 'action', 'result').select('kind', 'action', 'result').count({ n: '*' });
  const rowMs = await syncRunRowMs(db, main.syncId);
  // The initial load's own tenant activities ended before its final status was seen.
  const phases = phasesOf(runScan, tenantScan, operations, main.requestedAt, tenant.loaded.observedAt);
  const workerMemory = workerFigures({ startup: stack.workerStartup, idle: memory.idle, peakReset: memory.peakReset, sampled, after }, phaseWindows(runScan), stack.gcLines);

  const { again, expected } = await checkPlans(db, tenant.id, tenant.scim, tenant);
  const leftToDo = changesIn(again);
  say(leftToDo.length === 0 ? 'check: planning again against the platform as left plans no change' : `check FAILED: planning again plans ${JSON.stringify(again)}`);

  const figures = {
    people: options.people,
    workflowBundle: options.prebuilt ? 'prebuilt (ROSTER_WORKFLOW_BUNDLE)' : 'bundled at start',
    scimGroups: options.leanGroups ? 'lean handler (bench/sync-run/lean-groups.ts)' : 'scimmy',
    directoryRead: tenant.todays.length,
    changes: tenant.mix,
    platform: { maxRequestsPerSecond: options.mainRate, concurrency: options.mainConcurrency },
    safety: { maxDeactivations: tenant.maxDeactivations, maxDeactivationShare: 0.1 },
    seed: tenant.seed,
    initialLoad: tenant.initialLoad,
    status: main.run.status,
    wallMs: main.observedAt - main.requestedAt,
    requestAnsweredMs: main.acceptedAt - main.requestedAt,
    syncRunRowMs: rowMs,
    phases,
    worker: workerMemory,
    history: { run: summarize(runScan), tenant: summarize(tenantScan) },
    postgres: { settleMs: settled.ms, duringRun: postgresSeen },
    planned: main.run.planned,
    expectedPlanned: expected,
    plannedMatchesExpected: (Object.keys(expected) as (keyof RunCounts)[]).every((key) => expected[key] === main.run.planned[key]),
    counts: main.run.counts,
    plannedAgainAfterRun: again,
    nothingLeftToDo: leftToDo.length === 0,
    planItems: planItems.map((r) => ({ kind: r.kind, action: r.action, result: r.result, n: Number(r.n) })),
    scimRequests: byMethod(operations),
  };
  return { tenant: { id: tenant.id, token: tenant.token, scim: tenant.scim }, figures };
}

export type MainFigures = Awaited<ReturnType<typeof runMainTenant>>['figures'];
