// Roster driven through its API as an operator drives it: a tenant created, configured, kicked off
// and keyed until its first test has run; a go-live; an on-demand sync; and each run watched until
// its final status, timed by this client's clock.
import { randomBytes } from 'node:crypto';
import type { PlanConfig, RunCounts } from '../../activities/sync/core';
import type { Employee } from '../../common/directory';
import { demoCustomSchema, type ScimTenant } from '../../dev/scim-server';
import type { Say } from './progress';
import { seedDirectory } from './seed';
import type { Stack } from './stack';

const final = ['success', 'warning', 'error', 'rejected', 'cancelled'];

interface SyncView {
  status: string;
  planned: RunCounts;
  counts: RunCounts;
  hold?: unknown;
}

/** The tenant config: the kick-off config of the tests, with safety limits above this run's leavers. */
export function tenantConfig(planConfig: PlanConfig, maxDeactivations: number) {
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

/** `leanGroupsOn`: each new tenant's groups are served by the lean handler rather than by scimmy. */
export function tenantDriver({ db, scimServer, lean, scimUrl, apiUrl, adminToken }: Stack, leanGroupsOn: boolean, say: Say) {
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(apiUrl + path, {
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
      platform: { kind: 'scim', baseUrl: `${scimUrl}/scim/${id}/v2`, token, maxRequestsPerSecond: platform.rate, concurrency: platform.concurrency, customSchema: demoCustomSchema },
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

  return { api, readyTenant, runSync, goLive };
}

export type TenantDriver = ReturnType<typeof tenantDriver>;
