// docs/PRODUCT.md's "What each stage allows", the kickoff, authorization, testing and ready columns,
// row by row, through the API on the real stack: each cell gets a fresh tenant in its stage.
// The on-demand sync row is refused in all four (it is allowed only in `live`: the live tenant's
// runs are in test/workflows/sync-run.test.ts and test/workflows/go-live.test.ts).
import { describe, expect, it } from 'vitest';
import { tenantWorkflowId } from '../../common/workflow-ids';
import { stateQuery } from '../../workflows/tenant-messages';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { configureAndKickOff, enterKey, settled, useDemoStack, useTinyDirectory } from '../support/onboarding';
import type { ApiAnswer } from '../support/stack';

const demo = useDemoStack();

const config = { ...kickoffConfig, schedule: { cron: '0 2 * * *', timezone: 'UTC' } };
type Stage = 'kickoff' | 'authorization' | 'testing' | 'ready';

/** A fresh tenant in the stage, with a config (so kick-off may complete) and, from testing on, a verified key and a finished test. */
async function tenantIn(stage: Stage): Promise<string> {
  const body = demoTenant();
  expect((await demo.stack.request('POST', '/api/tenants', body)).status).toBe(201);
  demo.platformFor(body.id);
  await useTinyDirectory(demo.stack, body.id);
  if (stage === 'kickoff') {
    expect((await demo.stack.request('PUT', `/api/tenants/${body.id}/config`, config)).status).toBe(200);
    return body.id;
  }
  await configureAndKickOff(demo.stack, body.id, config);
  if (stage === 'authorization') return body.id;
  await enterKey(demo.stack, body.id, 'demo-key');
  if (stage === 'testing') return body.id;
  const approved = await demo.stack.request('POST', `/api/tenants/${body.id}/test/approve`, {});
  expect(approved.status, approved.text).toBe(200);
  return body.id;
}

const operations: Record<string, (id: string) => Promise<ApiAnswer>> = {
  'change config': (id) => demo.stack.request('PUT', `/api/tenants/${id}/config`, { ...config, hypercareDays: 21 }),
  'complete kick-off': (id) => demo.stack.request('POST', `/api/tenants/${id}/kickoff/complete`, {}),
  'issue a link': (id) => demo.stack.request('POST', `/api/tenants/${id}/authorization-links`, {}),
  'enter a key': (id) => demo.stack.request('POST', `/api/tenants/${id}/credentials`, { apiKey: 'demo-key' }),
  'revoke the key': (id) => demo.stack.request('DELETE', `/api/tenants/${id}/credentials`, {}),
  'start a test run': (id) => demo.stack.request('POST', `/api/tenants/${id}/test-runs`, {}),
  'approve the test': (id) => demo.stack.request('POST', `/api/tenants/${id}/test/approve`, {}),
  // An hour ahead, so that the cell sees the request accepted, not the initial load.
  'go live': (id) => demo.stack.request('POST', `/api/tenants/${id}/go-live`, { at: new Date(Date.now() + 3_600_000).toISOString() }),
  'request a sync': (id) => demo.stack.request('POST', `/api/tenants/${id}/syncs`, {}),
  pause: (id) => demo.stack.request('POST', `/api/tenants/${id}/pause`, {}),
  resume: (id) => demo.stack.request('POST', `/api/tenants/${id}/resume`, {}),
  offboard: (id) => demo.stack.request('DELETE', `/api/tenants/${id}`, {}),
};

/** A cell: the answer's status, the stage after, and whether a (new) test is under way. */
type Cell = { status: number; stage: string; test?: boolean } | 409;
const ok = (stage: string, test = false): Cell => ({ status: 200, stage, test });

const table: Record<string, Partial<Record<Stage, Cell>>> = {
  'change config': { kickoff: ok('kickoff'), authorization: ok('authorization'), testing: ok('testing', true), ready: ok('testing', true) },
  'complete kick-off': { kickoff: ok('authorization'), authorization: 409, testing: 409, ready: 409 },
  'issue a link': { kickoff: 409, authorization: { status: 201, stage: 'authorization' }, testing: { status: 201, stage: 'testing' }, ready: { status: 201, stage: 'ready' } },
  'enter a key': { kickoff: 409, authorization: ok('testing', true), testing: ok('testing', true), ready: ok('ready') },
  'revoke the key': { kickoff: 409, authorization: ok('authorization'), testing: ok('authorization'), ready: ok('authorization') },
  'start a test run': { kickoff: 409, authorization: 409, testing: { status: 202, stage: 'testing', test: true }, ready: { status: 202, stage: 'ready', test: true } },
  'approve the test': { kickoff: 409, authorization: 409, testing: ok('ready'), ready: 409 },
  'go live': { kickoff: 409, authorization: 409, testing: 409, ready: ok('ready') },
  'request a sync': { kickoff: 409, authorization: 409, testing: 409, ready: 409 },
  pause: { kickoff: 409, authorization: 409, testing: 409, ready: 409 },
  resume: { kickoff: 409, authorization: 409, testing: 409, ready: 409 },
  offboard: { kickoff: ok('offboarded'), authorization: ok('offboarded'), testing: ok('offboarded'), ready: ok('offboarded') },
};

const cells = Object.entries(table).flatMap(([operation, row]) => Object.entries(row).map(([stage, cell]) => ({ operation, stage: stage as Stage, cell: cell as Cell })));

describe.concurrent('what each stage allows', () => {
  it.each(cells)('$operation in $stage', async ({ operation, stage, cell }) => {
    const id = await tenantIn(stage);
    const answer = await operations[operation]!(id);
    const tenant = (await demo.stack.request('GET', `/api/tenants/${id}`)).body;
    if (cell === 409) {
      expect(answer.status, answer.text).toBe(409);
      expect(answer.body.error.code).toBe('invalid_transition');
      expect(answer.body.error.message).toContain(`stage '${stage}'`);
      expect(tenant.stage).toBe(stage);
      return;
    }
    expect(answer.status, answer.text).toBe(cell.status);
    expect(tenant.stage).toBe(cell.stage);
    if (cell.stage === 'offboarded') return;
    const state = await demo.stack.client.workflow.getHandle(tenantWorkflowId(id)).query(stateQuery);
    expect(state.stage).toBe(cell.stage);
    expect(state.testPending).toBe(cell.test ?? false);
    // Let the test finish, so that the stack stops with nothing open.
    if (cell.test) await settled(demo.stack, id, tenant.lastSync?.id);
  });
});
