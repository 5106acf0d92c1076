// A tenant after go-live, on the real stack: docs/PRODUCT.md's stage table in the live, paused,
// needs_reauthorization and offboarded columns, and years of on-demand syncs compressed into 200
// with the dev server suggesting continue-as-new every 40 events.
import { describe, expect, it } from 'vitest';
import { tenantScheduleId, tenantWorkflowId } from '../../common/workflow-ids';
import { stateQuery } from '../../workflows/tenant-messages';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { configureAndKickOff, enterKey, settled, takeLive, useDemoStack, useTinyDirectory } from '../support/onboarding';
import { eventually, type ApiAnswer } from '../support/stack';

const demo = useDemoStack();

const config = { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC', jitterMinutes: 0 } };
type Stage = 'live' | 'paused' | 'needs_reauthorization' | 'offboarded';

/** A demo tenant with a three-person directory, taken live. */
async function liveTenant(): Promise<string> {
  const body = demoTenant();
  expect((await demo.stack.request('POST', '/api/tenants', body)).status).toBe(201);
  demo.platformFor(body.id);
  await useTinyDirectory(demo.stack, body.id);
  await configureAndKickOff(demo.stack, body.id, config);
  await enterKey(demo.stack, body.id, 'demo-key');
  await takeLive(demo.stack, body.id);
  return body.id;
}

async function tenantIn(stage: Stage): Promise<string> {
  const id = await liveTenant();
  const move = { live: undefined, paused: ['POST', 'pause'], needs_reauthorization: ['DELETE', 'credentials'], offboarded: ['DELETE', ''] }[stage];
  if (move) {
    const [method, path] = move as [string, string];
    const answer = await demo.stack.request(method, `/api/tenants/${id}${path ? `/${path}` : ''}`, {});
    expect(answer.body.stage, answer.text).toBe(stage);
  }
  return id;
}

const operations: Record<string, (id: string) => Promise<ApiAnswer>> = {
  'change config': (id) => demo.stack.request('PUT', `/api/tenants/${id}/config`, { ...config, hypercareDays: 21 }),
  'change the identity key': (id) => demo.stack.request('PUT', `/api/tenants/${id}/config`, { ...config, identityKey: 'employeeCode' }),
  'complete kick-off': (id) => demo.stack.request('POST', `/api/tenants/${id}/kickoff/complete`, {}),
  'issue a link': (id) => demo.stack.request('POST', `/api/tenants/${id}/authorization-links`, {}),
  'enter a key': (id) => demo.stack.request('POST', `/api/tenants/${id}/credentials`, { apiKey: 'demo-key' }),
  'revoke the key': (id) => demo.stack.request('DELETE', `/api/tenants/${id}/credentials`, {}),
  'start a test run': (id) => demo.stack.request('POST', `/api/tenants/${id}/test-runs`, {}),
  'approve the test': (id) => demo.stack.request('POST', `/api/tenants/${id}/test/approve`, {}),
  'go live': (id) => demo.stack.request('POST', `/api/tenants/${id}/go-live`, {}),
  'on-demand sync': (id) => demo.stack.request('POST', `/api/tenants/${id}/syncs`, {}),
  pause: (id) => demo.stack.request('POST', `/api/tenants/${id}/pause`, {}),
  resume: (id) => demo.stack.request('POST', `/api/tenants/${id}/resume`, {}),
  offboard: (id) => demo.stack.request('DELETE', `/api/tenants/${id}`, {}),
};

type Cell = { status: number; stage: string; code?: string };
const ok = (stage: string, status = 200): Cell => ({ status, stage });
const refused = (stage: string, code = 'invalid_transition'): Cell => ({ status: 409, stage, code });

const table: Record<string, Record<Stage, Cell>> = {
  'change config': { live: ok('live'), paused: ok('paused'), needs_reauthorization: ok('needs_reauthorization'), offboarded: refused('offboarded') },
  'change the identity key': { live: refused('live', 'identity_key_locked'), paused: refused('paused', 'identity_key_locked'), needs_reauthorization: refused('needs_reauthorization', 'identity_key_locked'), offboarded: refused('offboarded') },
  'complete kick-off': { live: refused('live'), paused: refused('paused'), needs_reauthorization: refused('needs_reauthorization'), offboarded: refused('offboarded') },
  'issue a link': { live: ok('live', 201), paused: ok('paused', 201), needs_reauthorization: ok('needs_reauthorization', 201), offboarded: refused('offboarded') },
  'enter a key': { live: ok('live'), paused: ok('paused'), needs_reauthorization: ok('live'), offboarded: refused('offboarded') },
  'revoke the key': { live: ok('needs_reauthorization'), paused: ok('paused'), needs_reauthorization: ok('needs_reauthorization'), offboarded: refused('offboarded') },
  'start a test run': { live: ok('live', 202), paused: refused('paused'), needs_reauthorization: refused('needs_reauthorization'), offboarded: refused('offboarded') },
  'approve the test': { live: refused('live'), paused: refused('paused'), needs_reauthorization: refused('needs_reauthorization'), offboarded: refused('offboarded') },
  'go live': { live: refused('live'), paused: refused('paused'), needs_reauthorization: refused('needs_reauthorization'), offboarded: refused('offboarded') },
  'on-demand sync': { live: ok('live', 202), paused: refused('paused'), needs_reauthorization: refused('needs_reauthorization'), offboarded: refused('offboarded') },
  pause: { live: ok('paused'), paused: refused('paused'), needs_reauthorization: refused('needs_reauthorization'), offboarded: refused('offboarded') },
  resume: { live: refused('live'), paused: ok('live'), needs_reauthorization: refused('needs_reauthorization'), offboarded: refused('offboarded') },
  offboard: { live: ok('offboarded'), paused: ok('offboarded'), needs_reauthorization: ok('offboarded'), offboarded: ok('offboarded') },
};

const cells = Object.entries(table).flatMap(([operation, row]) => Object.entries(row).map(([stage, cell]) => ({ operation, stage: stage as Stage, cell })));

describe.concurrent('what each stage allows after go-live', () => {
  it.each(cells)('$operation in $stage', async ({ operation, stage, cell }) => {
    const id = await tenantIn(stage);
    const answer = await operations[operation]!(id);
    expect(answer.status, answer.text).toBe(cell.status);
    if (cell.code) {
      expect(answer.body.error.code).toBe(cell.code);
      if (cell.code === 'invalid_transition') expect(answer.body.error.message).toContain(`stage '${stage}'`);
    }
    const tenant = (await demo.stack.request('GET', `/api/tenants/${id}`)).body;
    expect(tenant.stage).toBe(cell.stage);
    // The Temporal Schedule itself runs only in `live` (the scheduler applies a pause a moment later).
    const schedule = demo.stack.client.schedule.getHandle(tenantScheduleId(id));
    if (cell.stage !== 'offboarded') await eventually(async () => (await schedule.describe()).state.paused === (cell.stage !== 'live'));
    // Let a run this cell started finish, so that the stack stops with nothing open.
    if (answer.status === 202) await settled(demo.stack, id, tenant.lastSync?.id);
  });
});

describe('years of syncs', () => {
  it('keeps every one of 200 on-demand syncs and its state across continue-as-new', async () => {
    const id = await liveTenant();
    const handle = demo.stack.client.workflow.getHandle(tenantWorkflowId(id));
    const firstRunId = (await handle.describe()).runId;
    const syncIds: string[] = [];
    for (let n = 0; n < 200; n += 1) {
      const started = await demo.stack.request('POST', `/api/tenants/${id}/syncs`, {});
      // Polling until the final status and asking again at once must never meet a 409.
      expect(started.status, `request ${n}: ${started.text}`).toBe(202);
      syncIds.push(started.body.syncId);
      await settled(demo.stack, id, syncIds.at(-2));
    }
    const runs = await demo.stack.db('sync_runs').where({ tenant_id: id, trigger: 'manual' }).select('id', 'status');
    expect(runs.map((run) => run.id).sort()).toEqual([...syncIds].sort());
    expect(runs.every((run) => run.status === 'success')).toBe(true);
    const current = await handle.describe();
    expect(current.runId).not.toBe(firstRunId);
    expect(current.historyLength).toBeLessThan(200);
    expect(await handle.query(stateQuery)).toMatchObject({ stage: 'live', credentialVerified: true });
    expect((await demo.stack.request('GET', `/api/tenants/${id}`)).body).toMatchObject({ stage: 'live', lastSync: { id: syncIds.at(-1), status: 'success' } });
  }, 600_000);
});
