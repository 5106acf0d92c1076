// Metrics (issue 16): the API's GET /metrics and the worker's own port, scraped before and after a
// live demo tenant's walk — its test, its initial load, a run held for a leaver and approved, a
// schedule fire skipped while that run waited — show every figure, and the ones the walk moves
// have moved. The worker's port also serves the Temporal SDK's own metrics.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { problemTypes } from '../../common/tenant-health/problems';
import { stages } from '../../common/stages';
import { tenantScheduleId } from '../../common/workflow-ids';
import { startWorkerMetricsServer, type WorkerMetricsServer } from '../../telemetry/metrics/worker-server';
import { liveTenantThatHolds, settled, useDemoStack } from '../support/onboarding';
import { eventually } from '../support/stack';
import { has, scrape, total, type Scrape } from './prometheus-text';

const demo = useDemoStack();
let workerMetrics: WorkerMetricsServer;
/** What the API and the worker served after the walk (the first test), when every figure and the SDK's workflow and activity metrics exist. */
let walked: { api: Scrape; worker: Scrape } | undefined;

beforeAll(async () => {
  workerMetrics = await startWorkerMetricsServer({ port: 0 });
});
afterAll(() => workerMetrics?.stop());

const scrapeBoth = async () => ({ api: await scrape(`${demo.stack.url}/metrics`), worker: await scrape(workerMetrics.url) });

/** How much a figure moved between two scrapes. */
const moved = (before: Scrape, after: Scrape, name: string, labels: Record<string, string> = {}) => total(after, name, labels) - total(before, name, labels);

describe('metrics', () => {
  it('serves every figure on the API and the worker, and a walk through a held run moves them', async () => {
    const before = await scrapeBoth();
    const id = await liveTenantThatHolds(demo);

    // A leaver held for approval; a schedule fire while it waits is skipped.
    expect((await demo.stack.request('POST', `/api/tenants/${id}/demo/people/p0/terminate`, {})).status).toBe(200);
    const { syncId } = (await demo.stack.request('POST', `/api/tenants/${id}/syncs`, {})).body;
    await eventually(async () => (await demo.stack.request('GET', `/api/syncs/${syncId}`)).body.status === 'awaiting_approval', 60_000);
    await demo.stack.client.schedule.getHandle(tenantScheduleId(id)).trigger();
    await eventually(async () => (await demo.stack.request('GET', `/api/tenants/${id}/history`)).body.history.some((entry: { action: string }) => entry.action === 'scheduled_run_skipped'));
    const whileHeld = await scrape(`${demo.stack.url}/metrics`);
    expect(total(whileHeld, 'roster_runs_held')).toBeGreaterThanOrEqual(1);
    expect(total(whileHeld, 'roster_runs_held_oldest_seconds')).toBeGreaterThan(0);
    expect(total(whileHeld, 'roster_tenant_problems_open', { type: 'run_held' })).toBeGreaterThanOrEqual(1);

    expect((await demo.stack.request('POST', `/api/syncs/${syncId}/approve`, { note: 'leaver confirmed' })).status).toBe(200);
    const done = await settled(demo.stack, id);
    expect(done.lastSync).toMatchObject({ id: syncId, status: 'success' });
    const after = await eventually(async () => {
      const both = await scrapeBoth();
      return moved(before.worker, both.worker, 'roster_runs_finished_total', { trigger: 'manual' }) >= 1 && both;
    });
    walked = after;

    // The API: requests by route pattern, never a raw URL; tenants by stage; the outbox; held runs.
    expect(moved(before.api, after.api, 'roster_http_request_duration_seconds_count', { route: '/api/tenants/:id', method: 'GET', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(after.api.samples.filter((s) => s.name === 'roster_http_request_duration_seconds_count').map((s) => s.labels.route)).not.toContain(`/api/tenants/${id}`);
    for (const stage of stages) expect(has(after.api, 'roster_tenants', { stage }), stage).toBe(true);
    expect(total(after.api, 'roster_tenants', { stage: 'live' })).toBeGreaterThanOrEqual(1);
    expect(has(after.api, 'roster_tenants_stale')).toBe(true);
    for (const type of problemTypes) expect(has(after.api, 'roster_tenant_problems_open', { type }), type).toBe(true);
    for (const status of ['pending', 'failed']) expect(has(after.api, 'roster_mail_outbox_messages', { status }), status).toBe(true);
    expect(has(after.api, 'roster_mail_outbox_oldest_pending_seconds')).toBe(true);
    expect(total(after.api, 'roster_runs_held')).toBe(0);
    expect(total(after.api, 'roster_runs_held_oldest_seconds')).toBe(0);

    // The worker: runs by trigger and status, their duration, the hold and its wait, items, the skipped fire, outbound calls.
    const { worker: w0 } = before;
    const { worker: w1 } = after;
    for (const trigger of ['test', 'initial_load', 'manual']) {
      expect(moved(w0, w1, 'roster_runs_started_total', { trigger }), trigger).toBeGreaterThanOrEqual(1);
      expect(moved(w0, w1, 'roster_run_duration_seconds_count', { trigger }), trigger).toBeGreaterThanOrEqual(1);
    }
    expect(moved(w0, w1, 'roster_runs_finished_total', { trigger: 'manual', status: 'success' })).toBe(1);
    expect(has(w1, 'roster_runs_finished_total', { trigger: 'schedule', status: 'error' })).toBe(true);
    expect(moved(w0, w1, 'roster_runs_held_total')).toBe(1);
    expect(moved(w0, w1, 'roster_run_hold_wait_seconds_count', { ended_by: 'approve' })).toBe(1);
    expect(moved(w0, w1, 'roster_items_applied_total', { action: 'create', result: 'done' })).toBeGreaterThanOrEqual(3);
    expect(moved(w0, w1, 'roster_items_applied_total', { action: 'deactivate', result: 'done' })).toBe(1);
    expect(moved(w0, w1, 'roster_scheduled_fires_skipped_total', { stage: 'live' })).toBe(1);
    expect(moved(w0, w1, 'roster_outbound_requests_total', { provider: 'platform', status: '200' })).toBeGreaterThan(0);
    expect(moved(w0, w1, 'roster_outbound_request_duration_seconds_count', { provider: 'platform' })).toBeGreaterThan(0);
    expect(has(w1, 'roster_outbound_rate_limited_total', { provider: 'platform' })).toBe(true);
    // The Temporal SDK's own, from the same port.
    expect(has(w1, 'temporal_worker_task_slots_available', { worker_type: 'ActivityWorker', task_queue: demo.stack.taskQueue })).toBe(true);
  });

  it('ships alert rules and a dashboard that use only the metrics the API and the worker serve', () => {
    const rules = parse(readFileSync('deploy/prometheus/alerts.yml', 'utf8'));
    expect(Object.keys(rules)).toEqual(['groups']);
    const all = rules.groups.flatMap((group: { name: string; rules: unknown[] }) => {
      expect(group).toEqual({ name: expect.stringMatching(/^roster-/), rules: expect.any(Array) });
      return group.rules;
    });
    expect(all.length).toBeGreaterThanOrEqual(5);
    for (const rule of all) {
      expect(rule, rule.alert).toEqual({
        alert: expect.stringMatching(/^Roster[A-Z]\w+$/),
        expr: expect.any(String),
        for: expect.stringMatching(/^\d+[smhd]$/),
        labels: { severity: expect.stringMatching(/^(page|ticket)$/) },
        annotations: { summary: expect.any(String), description: expect.any(String) },
      });
    }
    expect(all.map((rule: { alert: string }) => rule.alert)).toEqual(expect.arrayContaining(['RosterRunsFailing', 'RosterHeldRunWaiting', 'RosterTenantsStale', 'RosterMailOutboxFailing', 'RosterWorkerTaskSlotsExhausted']));

    const dashboard = JSON.parse(readFileSync('deploy/grafana/roster.json', 'utf8'));
    expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }));
    const targets = dashboard.panels.filter((panel: { type: string }) => panel.type !== 'row').flatMap((panel: { title: string; datasource: unknown; targets: { expr: string }[] }) => {
      expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
      return panel.targets;
    });

    const served = new Set([...walked!.api.names, ...walked!.worker.names]);
    const used = [...all.map((rule: { expr: string }) => rule.expr), ...targets.map((target: { expr: string }) => target.expr)].flatMap((expr: string) => expr.match(/\b(?:roster|temporal|process)_\w+/g) ?? []);
    expect(used.length).toBeGreaterThan(20);
    expect([...new Set(used)].filter((name) => !served.has(name))).toEqual([]);
  });

  it("serves the SDK's metrics again after the worker restarts in the same process", async () => {
    await demo.stack.stopWorker();
    await demo.stack.startWorker();
    await expect.poll(async () => has(await scrape(workerMetrics.url), 'temporal_worker_task_slots_available', { task_queue: demo.stack.taskQueue }), { timeout: 20_000 }).toBe(true);
  });

  it("answers only /metrics on the worker's port, and says in one line that a port is taken", async () => {
    expect((await fetch(workerMetrics.url.replace('/metrics', '/'))).status).toBe(404);
    const port = Number(new URL(workerMetrics.url).port);
    await expect(startWorkerMetricsServer({ port })).rejects.toThrow(
      new RegExp(`^The worker's metrics port ${port} is already in use: stop what listens there or set ROSTER_WORKER_METRICS_PORT to a free port\\.$`),
    );
  });
});
