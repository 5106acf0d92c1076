// A fuzz-like loop of bad requests on the real stack (issue 12): seeded, so every run sends the
// same ones. Bodies whose strings carry control characters, are far too long, or have the wrong
// type; path parameters with NUL, slashes and odd bytes; on tenants in every onboarding stage and
// on an open run. Nothing answers 5xx, no workflow is left retrying an activity, and every tenant
// still moves afterwards.
import { describe, expect, it } from 'vitest';
import { syncWorkflowId, tenantWorkflowId } from '../../common/workflow-ids';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { seededRandom } from '../support/seeded-random';
import { eventually } from '../support/stack';
import { configureAndKickOff, enterKey, settled, takeLive, useDemoStack, useTinyDirectory } from '../support/onboarding';

const demo = useDemoStack();
const config = { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } };
const REQUESTS = 600;

const random = seededRandom(12);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Strings a fuzzer tries: control characters, the far too long, the odd but harmless. */
const badStrings = ['\u0000', 'a\u0000b', '\u0001\u001f', '\u007f', 'x'.repeat(100_000), '', ' ', '\ud800', '%00', '../..', '𝕏'.repeat(300), 'Zoë\r\n'];
const badValues = [...badStrings, 0, -1, 1e308, true, null, [], {}, ['\u0000'], { '\u0000': 1 }];

/** A copy of `value` with one string (or one leaf) somewhere inside it replaced by a bad value. */
function spoil(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [pick(badValues)] : value.map((item, i) => (i === 0 ? spoil(item) : item));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return { [pick(['reason', 'note', 'read', '\u0000'])]: pick(badValues) };
    const [key] = pick(entries);
    return Object.fromEntries(entries.map(([k, v]) => [k, k === key ? (random() < 0.3 ? pick(badValues) : spoil(v)) : v]));
  }
  return pick(badValues);
}

const badSegment = () => pick(['%00', 'a%00b', '%01', 'x'.repeat(2000), '%2F', '..', '%C0%AF', 'Zo%C3%AB', '%F0%9F']);

interface Target {
  tenants: string[];
  syncIds: string[];
}

/** One bad request: a route of the API, a good or bad id, a spoiled body. */
function badRequest({ tenants, syncIds }: Target): [string, string, unknown] {
  const tenant = random() < 0.2 ? badSegment() : pick(tenants);
  const sync = random() < 0.2 ? badSegment() : pick(syncIds);
  const routes: [string, string, unknown][] = [
    ['POST', '/api/tenants', demoTenant()],
    ['PUT', `/api/tenants/${tenant}/config`, config],
    ['POST', `/api/tenants/${tenant}/kickoff/complete`, { reason: 'call' }],
    ['POST', `/api/tenants/${tenant}/credentials`, { apiKey: 'demo-key' }],
    ['DELETE', `/api/tenants/${tenant}/credentials`, { reason: 'leaked' }],
    ['POST', `/api/tenants/${tenant}/authorization-links`, {}],
    ['POST', `/api/tenants/${tenant}/test-runs`, {}],
    ['POST', `/api/tenants/${tenant}/test/approve`, { note: 'ok' }],
    ['POST', `/api/tenants/${tenant}/go-live`, { at: new Date(Date.now() + 86_400_000).toISOString() }],
    ['POST', `/api/tenants/${tenant}/pause`, { reason: 'holiday' }],
    ['POST', `/api/tenants/${tenant}/resume`, { reason: 'back' }],
    ['POST', `/api/tenants/${tenant}/syncs`, { read: 'full' }],
    ['POST', `/api/tenants/${tenant}/demo/people`, { firstName: 'Ada', lastName: 'Lovelace', workEmail: 'ada@acme.example', status: 'active' }],
    ['PATCH', `/api/tenants/${tenant}/demo/people/p0`, { department: 'Research' }],
    ['POST', `/api/syncs/${sync}/approve`, { note: 'fine' }],
    ['POST', `/api/syncs/${sync}/reject`, { note: 'no' }],
    ['POST', `/api/syncs/${sync}/cancel`, { reason: 'stop' }],
    ['GET', `/api/tenants/${tenant}`, undefined],
    ['GET', `/api/syncs/${sync}/items?q=${pick(['%00', 'a'])}`, undefined],
    ['GET', `/api/tenants/${tenant}/people/${badSegment()}`, undefined],
  ];
  const [method, path, body] = pick(routes);
  return [method, path, body === undefined ? undefined : spoil(body)];
}

async function tenantIn(stage: 'kickoff' | 'authorization' | 'testing' | 'live') {
  const body = demoTenant();
  expect((await demo.stack.request('POST', '/api/tenants', body)).status).toBe(201);
  demo.platformFor(body.id);
  await useTinyDirectory(demo.stack, body.id);
  if (stage === 'kickoff') return body.id;
  await configureAndKickOff(demo.stack, body.id, config);
  if (stage === 'authorization') return body.id;
  await enterKey(demo.stack, body.id, 'demo-key');
  if (stage === 'testing') return body.id;
  await takeLive(demo.stack, body.id);
  return body.id;
}

/** The most attempts any activity of these workflows is on. */
async function worstAttempt(workflowIds: string[]): Promise<number> {
  let worst = 0;
  for (const workflowId of workflowIds) {
    const { raw } = await demo.stack.client.workflow.getHandle(workflowId).describe();
    for (const activity of raw.pendingActivities ?? []) worst = Math.max(worst, activity.attempt ?? 0);
  }
  return worst;
}

describe('a loop of bad requests', () => {
  it(`answers ${REQUESTS} bad requests without a 5xx, leaves no activity retrying, and every tenant still moves`, async () => {
    const tenants = { kickoff: await tenantIn('kickoff'), authorization: await tenantIn('authorization'), testing: await tenantIn('testing'), live: await tenantIn('live') };
    const runs: { id: string }[] = await demo.stack.db('sync_runs').whereIn('tenant_id', Object.values(tenants)).select('id');
    const target = { tenants: Object.values(tenants), syncIds: runs.map((run) => run.id) };

    const serverErrors: string[] = [];
    const codes = new Map<string, number>();
    for (let n = 0; n < REQUESTS; n += 1) {
      const [method, path, body] = badRequest(target);
      const answer = await demo.stack.request(method, path, body);
      if (answer.status >= 500) serverErrors.push(`${method} ${path.slice(0, 80)} → ${answer.status} ${answer.text.slice(0, 200)}`);
      const code = `${answer.status} ${answer.body?.error?.code ?? ''}`;
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    expect(serverErrors).toEqual([]);
    // Most of the loop is refused at the edge, field by field; the rest reaches the workflows.
    expect(codes.get('400 validation_failed')).toBeGreaterThan(REQUESTS / 2);

    // Whatever the loop started has ended; nothing is left retrying.
    for (const id of Object.values(tenants)) await eventually(async () => !(await demo.stack.request('GET', `/api/tenants/${id}`)).body.activeSyncId);
    const all: { id: string; tenant_id: string }[] = await demo.stack.db('sync_runs').whereIn('tenant_id', Object.values(tenants)).select('id', 'tenant_id');
    const workflowIds = [...Object.values(tenants).map(tenantWorkflowId), ...all.map((run) => syncWorkflowId(run.id))];
    expect(await worstAttempt(workflowIds)).toBeLessThanOrEqual(3);

    // Every tenant still moves, from wherever the loop left it: the live one syncs, all offboard.
    const stageOf = async (id: string) => (await demo.stack.request('GET', `/api/tenants/${id}`)).body.stage;
    const live = tenants.live;
    if ((await stageOf(live)) === 'needs_reauthorization') expect((await demo.stack.request('POST', `/api/tenants/${live}/credentials`, { apiKey: 'demo-key' })).status).toBe(200);
    if ((await stageOf(live)) === 'paused') expect((await demo.stack.request('POST', `/api/tenants/${live}/resume`, {})).status).toBe(200);
    expect(await stageOf(live)).toBe('live');
    const started = await demo.stack.request('POST', `/api/tenants/${live}/syncs`, {});
    expect(started.status, started.text).toBe(202);
    expect(await settled(demo.stack, live)).toMatchObject({ lastSync: { id: started.body.syncId, status: 'success' } });
    for (const id of Object.values(tenants)) {
      const offboarded = await demo.stack.request('DELETE', `/api/tenants/${id}`, { reason: 'the loop is over' });
      expect(offboarded.status, offboarded.text).toBe(200);
      await demo.stack.client.workflow.getHandle(tenantWorkflowId(id)).result();
      expect(await stageOf(id)).toBe('offboarded');
    }
  });
});
