// Issue 19 on the real stack (demo HR directory, scimmy platform, SMTP capture): a tenant that went
// live with invitations off sends the welcome later — to chosen people, to the accounts one run
// created, to everyone never welcomed — once each in a person's life, at the e-mail the account has
// now, never to a person without one or to a deactivated account; each send is in the history.
import { describe, expect, it } from 'vitest';
import { replaceDirectory, seedDirectory } from '../../bench/sync-run/seed';
import type { Employee } from '../../common/directory';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { configureAndKickOff, enterKey, settled, takeLive, useDemoStack } from '../support/onboarding';
import { uniqueTenantId } from '../support/stack';

const demo = useDemoStack();

// Keyed by employee code, so a person without a work e-mail still gets an account.
const config = { ...kickoffConfig, identityKey: 'employeeCode', include: { statuses: ['active'] }, schedule: { cron: '0 2 * * *', timezone: 'UTC', jitterMinutes: 0 } };

const person = (hrisId: string, firstName: string, workEmail?: string, status: Employee['status'] = 'active'): Employee => ({
  hrisId,
  status,
  firstName,
  lastName: 'Example',
  employeeCode: `E-${hrisId}`,
  ...(workEmail && { workEmail }),
});

const none = { no_work_email: 0, already_welcomed: 0, not_managed: 0, inactive: 0 };

describe('sending the welcome later', () => {
  it('welcomes chosen people, a run’s accounts and everyone never welcomed, once each, and records every send', async () => {
    const id = uniqueTenantId();
    expect((await demo.stack.request('POST', '/api/tenants', demoTenant(id))).status).toBe(201);
    demo.platformFor(id);
    const ana = person('p1', 'Ana', 'ana@acme.example');
    const chen = person('p3', 'Chen');
    await seedDirectory(demo.stack.db, id, [ana, person('p2', 'Bruno', 'bruno@acme.example'), chen, person('p4', 'Dana', 'dana@acme.example')]);
    await configureAndKickOff(demo.stack, id, config);
    await enterKey(demo.stack, id, 'demo-key');
    const send = (body: object) => demo.stack.request('POST', `/api/tenants/${id}/welcomes`, body);

    // Before go-live there is no account to welcome.
    expect(await send({})).toMatchObject({ status: 409, body: { error: { code: 'invalid_transition' } } });

    const live = await takeLive(demo.stack, id, { inviteNewUsers: false });
    expect(live.lastSync).toMatchObject({ counts: { created: 4 } });
    expect(await demo.stack.db('mail_outbox').where({ tenant_id: id, kind: 'welcome' })).toEqual([]);

    // Chosen people: Chen has no work e-mail, and nobody manages an account for "ghost".
    const chosen = await send({ hrisIds: ['p1', 'p3', 'ghost'], reason: 'Ana starts on Monday' });
    expect(chosen.status, chosen.text).toBe(200);
    expect(chosen.body).toEqual({
      queued: 1,
      leftOut: { count: 2, byReason: { ...none, no_work_email: 1, not_managed: 1 }, people: [{ hrisId: 'p3', reason: 'no_work_email' }, { hrisId: 'ghost', reason: 'not_managed' }] },
      summary: '1 welcome queued. Left out: 1 without a work e-mail (p3); 1 not a managed account (ghost).',
    });
    const welcome = await demo.stack.mail.waitFor((mail) => mail.to.includes('ana@acme.example'));
    expect(welcome.text).toContain('E-p1');

    // Bruno's e-mail changes, Dana leaves, Eve joins: a run with invitations still off.
    await replaceDirectory(demo.stack.db, id, [ana, person('p2', 'Bruno', 'bruno.b@acme.example'), chen, person('p4', 'Dana', 'dana@acme.example', 'terminated'), person('p5', 'Eve', 'eve@acme.example')]);
    expect((await demo.stack.request('POST', `/api/tenants/${id}/syncs`, {})).status).toBe(202);
    const second = (await settled(demo.stack, id, live.lastSync.id)).lastSync;
    expect(second).toMatchObject({ counts: { created: 1, updated: 1, deactivated: 1 } });

    // The accounts that run created: Eve only.
    const ofRun = await send({ syncId: second.id });
    expect(ofRun.body).toEqual({ queued: 1, leftOut: { count: 0, byReason: none, people: [] }, summary: '1 welcome queued.' });
    await demo.stack.mail.waitFor((mail) => mail.to.includes('eve@acme.example'));

    // Everyone never welcomed: Bruno at the e-mail his account has now; Dana's account is deactivated.
    const everyone = await send({});
    expect(everyone.body).toEqual({
      queued: 1,
      leftOut: { count: 2, byReason: { ...none, no_work_email: 1, inactive: 1 }, people: [{ hrisId: 'p3', reason: 'no_work_email' }, { hrisId: 'p4', reason: 'inactive' }] },
      summary: '1 welcome queued. Left out: 1 without a work e-mail (p3); 1 deactivated (p4).',
    });
    await demo.stack.mail.waitFor((mail) => mail.to.includes('bruno.b@acme.example'));

    // Once each: a second send queues nothing, and the initial load's people were all welcomed or left out.
    expect((await send({})).body).toMatchObject({ queued: 0 });
    expect((await send({ syncId: live.lastSync.id })).body).toMatchObject({ queued: 0, leftOut: { byReason: { ...none, already_welcomed: 2, no_work_email: 1, inactive: 1 } } });

    // A run that invites records its welcomes too: Finn, welcomed by it, is not welcomed again.
    expect((await demo.stack.request('PUT', `/api/tenants/${id}/config`, { ...config, inviteNewUsers: true })).status).toBe(200);
    await replaceDirectory(demo.stack.db, id, [ana, person('p2', 'Bruno', 'bruno.b@acme.example'), chen, person('p5', 'Eve', 'eve@acme.example'), person('p6', 'Finn', 'finn@acme.example')]);
    expect((await demo.stack.request('POST', `/api/tenants/${id}/syncs`, {})).status).toBe(202);
    expect((await settled(demo.stack, id, second.id)).lastSync).toMatchObject({ counts: { created: 1 } });
    await demo.stack.mail.waitFor((mail) => mail.to.includes('finn@acme.example'));
    expect((await send({ hrisIds: ['p6', 'p1'] })).body).toMatchObject({ queued: 0, leftOut: { byReason: { ...none, already_welcomed: 2 } } });

    const outbox: { to: string[] }[] = await demo.stack.db('mail_outbox').where({ tenant_id: id, kind: 'welcome' }).select('to');
    expect(outbox.flatMap((mail) => mail.to).sort()).toEqual(['ana@acme.example', 'bruno.b@acme.example', 'eve@acme.example', 'finn@acme.example']);
    expect(demo.stack.mail.messages.filter((mail) => mail.to.includes('ana@acme.example'))).toHaveLength(1);

    // Every send is in the history, with its actor, its counts and the run it named; never a person.
    const { history } = (await demo.stack.request('GET', `/api/tenants/${id}/history?limit=50`)).body as { history: { action: string; actor: string; reason?: string; syncId?: string }[] };
    const sends = history.filter((entry) => entry.action === 'welcomes_sent').reverse();
    expect(sends).toHaveLength(6);
    expect(sends[0]).toMatchObject({ actor: expect.not.stringMatching(/^system$/), reason: 'Welcome sent later to 3 chosen people: 1 queued; left out: 1 without a work e-mail, 1 not a managed account. Ana starts on Monday' });
    expect(sends[1]).toMatchObject({ syncId: second.id });
    expect(JSON.stringify(sends)).not.toMatch(/acme\.example|Bruno|Chen/);
  });
});
