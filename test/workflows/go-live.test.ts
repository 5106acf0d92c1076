// Go-live and the tenant's schedule on the real stack: the initial load, the Temporal Schedule it
// creates, fires turned into runs or recorded as skipped, pause and resume, a drifted schedule
// repaired, and offboarding deleting it.
import { ScheduleNotFoundError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { tenantScheduleId } from '../../common/workflow-ids';
import { writes } from '../activities/platform/scim-platform';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { approveTest, configureAndKickOff, enterKey, goLiveNow, settled, useDemoStack } from '../support/onboarding';
import { eventually } from '../support/stack';

const demo = useDemoStack();

const config = { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC', jitterMinutes: 0 } };

/** A demo tenant in `ready`: key verified, first test approved; its platform on the SCIM server. */
async function readyTenant() {
  const body = demoTenant();
  expect((await demo.stack.request('POST', '/api/tenants', body)).status).toBe(201);
  const scim = demo.platformFor(body.id);
  await configureAndKickOff(demo.stack, body.id, config);
  await enterKey(demo.stack, body.id, 'demo-key');
  await approveTest(demo.stack, body.id);
  return { id: body.id, scim };
}

const schedule = (id: string) => demo.stack.client.schedule.getHandle(tenantScheduleId(id));
const tenant = async (id: string) => (await demo.stack.request('GET', `/api/tenants/${id}`)).body;

describe('go-live', () => {
  it('loads, creates the schedule and goes live; a fire runs a sync, a fire during a run is recorded as skipped', async () => {
    const { id, scim } = await readyTenant();
    const live = await goLiveNow(demo.stack, id);
    expect(writes(scim.operations).length).toBeGreaterThan(0);
    expect(live.goLive).toBeUndefined();
    expect(live.schedule).toMatchObject({ cron: '0 2 * * *', timezone: 'UTC', paused: false, nextRunAt: expect.any(String) });
    expect(live.hypercareUntil).toEqual(expect.any(String));
    expect(live.history.map((entry: { action: string }) => entry.action)).toEqual(expect.arrayContaining(['go_live_scheduled', 'initial_load_started', 'went_live']));
    const runs = (await demo.stack.request('GET', `/api/tenants/${id}/syncs`)).body.syncs;
    expect(runs[0]).toMatchObject({ trigger: 'initial_load', mode: 'apply', status: expect.stringMatching(/^(success|warning)$/) });
    const described = await schedule(id).describe();
    expect(described.state.paused).toBe(false);
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'scheduledRunWorkflow' });

    // Fired by hand: the schedule's action asks the tenant workflow, which starts a run.
    await schedule(id).trigger();
    const fired = await eventually(async () => (await demo.stack.request('GET', `/api/tenants/${id}/syncs`)).body.syncs.find((run: { trigger: string }) => run.trigger === 'schedule'));
    expect(fired.mode).toBe('apply');
    // Fired again while that run is open (or right after): either a second run or a recorded skip, never silence.
    await schedule(id).trigger();
    await eventually(async () => {
      const [after, syncs] = [await tenant(id), (await demo.stack.request('GET', `/api/tenants/${id}/syncs`)).body.syncs];
      const skipped = after.history.some((entry: { action: string }) => entry.action === 'scheduled_run_skipped');
      return skipped || syncs.filter((run: { trigger: string }) => run.trigger === 'schedule').length === 2;
    });
    await settled(demo.stack, id);
  });

  it('waits for a go-live `at` a later time, and a newer request replaces it', async () => {
    const { id } = await readyTenant();
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await demo.stack.request('POST', `/api/tenants/${id}/go-live`, { at: later });
    expect(scheduled.body).toMatchObject({ stage: 'ready', goLive: { status: 'scheduled', at: later } });
    const sooner = new Date(Date.now() + 2_000).toISOString();
    expect((await demo.stack.request('POST', `/api/tenants/${id}/go-live`, { at: sooner })).body.goLive).toMatchObject({ at: sooner });
    const live = await eventually(async () => {
      const now = await tenant(id);
      return now.stage === 'live' && now;
    }, 60_000);
    expect(Date.parse(live.history.find((entry: { action: string }) => entry.action === 'went_live').at)).toBeGreaterThanOrEqual(Date.parse(sooner));
  });

  it('drops a scheduled go-live when the tenant leaves ready', async () => {
    const { id } = await readyTenant();
    await demo.stack.request('POST', `/api/tenants/${id}/go-live`, { at: new Date(Date.now() + 3_600_000).toISOString() });
    const changed = await demo.stack.request('PUT', `/api/tenants/${id}/config`, { ...config, hypercareDays: 7 });
    expect(changed.body.stage).toBe('testing');
    expect(changed.body.goLive).toBeUndefined();
    await settled(demo.stack, id);
  });

  it('pauses and resumes the schedule with the tenant, repairs a schedule deleted by hand, and deletes it at offboarding', async () => {
    const { id } = await readyTenant();
    await goLiveNow(demo.stack, id);

    const paused = await demo.stack.request('POST', `/api/tenants/${id}/pause`, { reason: 'restructure' });
    expect(paused.body).toMatchObject({ stage: 'paused', schedule: { paused: true } });
    // The scheduler applies a pause or unpause a moment after it is asked: the describe is awaited.
    const state = await eventually(async () => {
      const described = (await schedule(id).describe()).state;
      return described.paused && described;
    });
    expect(state.note).toContain('restructure');
    expect((await demo.stack.request('POST', `/api/tenants/${id}/resume`, {})).body.stage).toBe('live');
    await eventually(async () => !(await schedule(id).describe()).state.paused);

    // A config change in live reaches the schedule, and recreates one deleted behind Roster's back.
    await schedule(id).delete();
    expect((await demo.stack.request('PUT', `/api/tenants/${id}/config`, { ...config, schedule: { ...config.schedule, cron: '30 3 * * *' } })).status).toBe(200);
    expect((await schedule(id).describe()).memo).toMatchObject({ spec: expect.stringContaining('30 3 * * *') });

    const accounts = () => demo.platform.server.tenant(id)!.directory.snapshot().users;
    const before = accounts();
    expect((await demo.stack.request('DELETE', `/api/tenants/${id}`, {})).body.stage).toBe('offboarded');
    await eventually(async () => {
      try {
        await schedule(id).describe();
        return false;
      } catch (error) {
        return error instanceof ScheduleNotFoundError;
      }
    });
    // Offboarded: keys and run data gone, the platform's accounts untouched, answered read-only, its id never taken again.
    await eventually(async () => (await demo.stack.db('secrets').where({ tenant_id: id })).length === 0);
    expect(await demo.stack.db('plan_items').where({ tenant_id: id })).toEqual([]);
    expect(accounts()).toEqual(before);
    expect((await demo.stack.request('GET', `/api/tenants/${id}`)).body.stage).toBe('offboarded');
    expect((await demo.stack.request('POST', `/api/tenants/${id}/syncs`, {})).status).toBe(409);
    expect((await demo.stack.request('POST', '/api/tenants', demoTenant(id))).body.error.code).toBe('tenant_exists');
  });

  // Found by `npm run fuzz`: a reason of 1000 characters made a note over Temporal's 1000-byte limit, and pause answered 500.
  it('pauses with the longest reason allowed, in characters of three bytes: the schedule keeps what fits, the history all of it', async () => {
    const { id } = await readyTenant();
    await goLiveNow(demo.stack, id);
    const reason = '€'.repeat(1000);

    const paused = await demo.stack.request('POST', `/api/tenants/${id}/pause`, { reason });
    expect(paused.status, paused.text).toBe(200);
    expect(paused.body).toMatchObject({ stage: 'paused', schedule: { paused: true } });
    expect(paused.body.history.at(-1)).toMatchObject({ action: 'paused', reason });
    const state = await eventually(async () => {
      const described = (await schedule(id).describe()).state;
      return described.paused && described;
    });
    expect(Buffer.byteLength(state.note!)).toBeLessThanOrEqual(1000);
    expect(state.note).toMatch(/^paused by .*: €+…$/);
  });
});
