// The benchmark's results: everything it found, as --json writes it, and the report for people,
// each figure beside its target (BENCHMARKS.md).
import { loadavg } from 'node:os';
import type { MainFigures } from './main-run';
import { machine, uptime } from './options';
import type { ApplyRate } from './rate-run';
import type { ScimAlone } from './raw-scim';
import type { GcLine } from './worker-memory';

const MB = 2 ** 20;
export const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
export const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export function benchResults({ started, loadAtStart, main, gcLines, rate, scimAlone }: { started: number; loadAtStart: number[]; main: MainFigures; gcLines: GcLine[]; rate: ApplyRate[]; scimAlone?: ScimAlone }) {
  const loadAtEnd = loadavg();
  return {
    machine: machine(),
    command: `npx tsx bench/sync-run-bench.ts ${process.argv.slice(2).join(' ')}`.trim(),
    at: new Date(started).toISOString(),
    loadAverage: { atStart: loadAtStart.map((l) => l.toFixed(2)), atEnd: loadAtEnd.map((l) => l.toFixed(2)) },
    uptime: uptime(),
    // Counted now: the worker's collections through the whole benchmark, the later measures' included.
    main: { ...main, worker: { ...main.worker, gcCount: gcLines.length || undefined } },
    rate,
    scimAlone,
  };
}

type Results = ReturnType<typeof benchResults>;

export function report(results: Results): string {
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
