// Tenant health's hourly sweep and daily digest (activities/health/, workflows/tenant-health.ts) on
// real Postgres and Temporal: `schedule_missing` and `stale` open for a live tenant and close when
// no longer true or when the tenant is not live, support is told once, and the digest groups what
// is open per support address. Other test files share the database: assertions look at this file's
// tenants only.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHealthActivities } from '../../activities/health/activities';
import { queueDigests } from '../../activities/health/notices';
import { createScheduleActivities } from '../../activities/schedules';
import { tenantScheduleId } from '../../common/workflow-ids';
import { insertTenant } from '../../common/tenants-repository';
import { openProblemCounts, openProblems } from '../../common/tenant-health/store';
import { tenantHealthWorkflow } from '../../workflows/tenant-health';
import { createKeyring } from '../../common/secrets';
import { encryptionKey, startTestStack, uniqueTenantId, type TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const HOUR = 3_600_000;

/** A tenant live since `liveFor` ago on a daily schedule, with no Temporal schedule yet. */
async function liveTenant(supportEmail: string, liveFor: number): Promise<string> {
  const id = uniqueTenantId('health');
  await insertTenant(stack.db, { id, name: `Health ${id}`, hris: { provider: 'demo' }, contacts: { supportEmail }, createdBy: 'test', at: new Date() }, async () => ({ kind: 'demo' }));
  await stack.db('tenants')
    .where({ id })
    .update({ stage: 'live', workflow_started: true, live_since: new Date(Date.now() - liveFor), config: JSON.stringify({ schedule: { cron: '0 2 * * *', timezone: 'UTC' } }) });
  return id;
}

const problemsOf = (tenantId: string) => stack.db('tenant_problems').where({ tenant_id: tenantId }).orderBy('type');
const health = () => createHealthActivities({ db: stack.db, client: stack.client, publicUrl: 'http://roster.test' });

describe('the sweep', () => {
  it('opens schedule_missing and stale for a live tenant with no schedule and no success in two days, telling support once each', async () => {
    const id = await liveTenant(`support-${randomUUID().slice(0, 6)}@roster.example`, 50 * HOUR);
    const first = await health().sweepTenantHealth({ at: new Date().toISOString() });
    expect(first.mailFor).toContain(id);
    const problems = await problemsOf(id);
    expect(problems.map((problem) => [problem.type, problem.resolved_at, problem.notified_at !== null])).toEqual([
      ['schedule_missing', null, true],
      ['stale', null, true],
    ]);
    expect(problems[1].detail).toEqual({ intervalHours: 24 });
    const told = await stack.db('mail_outbox').where({ tenant_id: id, kind: 'tenant_problem' });
    expect(told.map((mail) => mail.subject).sort()).toEqual([`Health ${id}: No successful run within 2 times the schedule's interval`, `Health ${id}: The tenant is live but its Temporal schedule is missing`]);

    // Swept again: nothing new, nobody told twice.
    await health().sweepTenantHealth({ at: new Date().toISOString() });
    expect(await problemsOf(id)).toHaveLength(2);
    expect(await stack.db('mail_outbox').where({ tenant_id: id, kind: 'tenant_problem' })).toHaveLength(2);
  });

  it('closes schedule_missing once the schedule exists and stale once a run applied successfully, by the sweep', async () => {
    const id = await liveTenant('support@roster.example', 50 * HOUR);
    await health().sweepTenantHealth({ at: new Date().toISOString() });
    await createScheduleActivities({ client: stack.client, taskQueue: stack.taskQueue, payloadKeyId: createKeyring(encryptionKey).currentId }).applySchedule({ tenantId: id, cron: '0 2 * * *', timezone: 'UTC', jitterMinutes: 0, paused: false, note: 'test' });
    const lastSuccess = new Date(Date.now() - HOUR);
    await stack.db('sync_runs').insert({ id: randomUUID(), tenant_id: id, trigger: 'schedule', mode: 'apply', status: 'success', phase: 'done', requested_by: 'schedule', started_at: lastSuccess, finished_at: lastSuccess });
    try {
      await health().sweepTenantHealth({ at: new Date().toISOString() });
      const problems = await problemsOf(id);
      expect(problems.map((problem) => [problem.type, problem.resolved_by, problem.resolved_at !== null])).toEqual([
        ['schedule_missing', 'sweep', true],
        ['stale', 'sweep', true],
      ]);
    } finally {
      await stack.client.schedule.getHandle(tenantScheduleId(id)).delete();
    }
  });

  it('does not call a tenant stale within twice its interval', async () => {
    const id = await liveTenant('support@roster.example', 47 * HOUR);
    await health().sweepTenantHealth({ at: new Date().toISOString() });
    expect((await problemsOf(id)).map((problem) => problem.type)).toEqual(['schedule_missing']);
  });

  it('closes what only a live tenant can have once it is paused, and everything once it is offboarded', async () => {
    const paused = await liveTenant('support@roster.example', 50 * HOUR);
    const offboarded = await liveTenant('support@roster.example', 50 * HOUR);
    await health().sweepTenantHealth({ at: new Date().toISOString() });
    await openProblems(stack.db, paused, [{ type: 'empty_directory', detail: {} }], new Date());
    await openProblems(stack.db, offboarded, [{ type: 'empty_directory', detail: {} }], new Date());
    await stack.db('tenants').where({ id: paused }).update({ stage: 'paused' });
    await stack.db('tenants').where({ id: offboarded }).update({ stage: 'offboarded' });
    await health().sweepTenantHealth({ at: new Date().toISOString() });
    expect((await problemsOf(paused)).map((problem) => [problem.type, problem.resolved_by])).toEqual([
      ['empty_directory', null],
      ['schedule_missing', 'sweep'],
      ['stale', 'sweep'],
    ]);
    expect((await problemsOf(offboarded)).every((problem) => problem.resolved_by === 'sweep')).toBe(true);
  });

  it('counts open problems by type in one answer, every type present', async () => {
    const id = await liveTenant('support@roster.example', HOUR);
    const before = await openProblemCounts(stack.db);
    await openProblems(stack.db, id, [{ type: 'partial_directory', detail: {} }], new Date());
    const after = await openProblemCounts(stack.db);
    expect(Object.keys(after)).toContain('mail_failing');
    expect(after.partial_directory).toBeGreaterThanOrEqual(before.partial_directory + 1);
  });
});

describe('the daily digest', () => {
  it('sends each support address one mail listing its tenants’ open problems, and the global address all of them', async () => {
    const team = `team-${randomUUID().slice(0, 6)}@roster.example`;
    const [a, b] = [await liveTenant(team, HOUR), await liveTenant(team, HOUR)];
    const other = await liveTenant(`other-${randomUUID().slice(0, 6)}@roster.example`, HOUR);
    for (const id of [a, b, other]) await openProblems(stack.db, id, [{ type: 'empty_directory', detail: {} }], new Date());
    const oncall = `oncall-${randomUUID().slice(0, 6)}@roster.example`;
    const day = new Date().toISOString().slice(0, 10);
    await queueDigests(stack.db, day, { publicUrl: 'http://roster.test', supportEmail: oncall });
    await queueDigests(stack.db, day, { publicUrl: 'http://roster.test', supportEmail: oncall });

    const digests = async (address: string) => (await stack.db('mail_outbox').where({ kind: 'health_digest' })).filter((mail) => mail.to.includes(address));
    const teams = await digests(team);
    expect(teams).toHaveLength(1);
    expect(teams[0].text).toContain(`Health ${a} (${a})`);
    expect(teams[0].text).toContain(`Health ${b} (${b})`);
    expect(teams[0].text).not.toContain(other);
    expect(teams[0].text).toContain('The directory came back empty, or with nobody in scope');
    const all = await digests(oncall);
    expect(all).toHaveLength(1);
    for (const id of [a, b, other]) expect(all[0].text).toContain(`/tenants/${id}`);
  });

  it('goes out through the outbox when the workflow runs with its digest', async () => {
    const address = `digest-${randomUUID().slice(0, 6)}@roster.example`;
    const id = await liveTenant(address, HOUR);
    await openProblems(stack.db, id, [{ type: 'partial_directory', detail: { code: 'partial_directory' } }], new Date());
    await stack.client.workflow.execute(tenantHealthWorkflow, { taskQueue: stack.taskQueue, workflowId: `health-${randomUUID()}`, args: [{ digest: true }] });
    const mail = await stack.mail.waitFor((message) => message.to.includes(address) && message.subject.startsWith('Roster: '));
    expect(mail.text).toContain(`Health ${id} (${id})`);
    expect(mail.text).toContain('The directory read could not be trusted to be complete');
    // Told once when opened, by this same sweep.
    await stack.mail.waitFor((message) => message.to.includes(address) && message.subject === `Health ${id}: The directory read could not be trusted to be complete`);
  }, 60_000);
});
