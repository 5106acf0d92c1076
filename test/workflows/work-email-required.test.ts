// Issue 19 on the real stack (demo HR directory, scimmy platform): a tenant keyed by employee code
// that requires a work e-mail to create an account. The initial load creates only the people who
// have one and lists the other in errors.csv as missing_email; once the HR system has her e-mail,
// the next run creates her account.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { replaceDirectory, seedDirectory } from '../../bench/sync-run/seed';
import type { Employee } from '../../common/directory';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { configureAndKickOff, enterKey, settled, takeLive, useDemoStack } from '../support/onboarding';
import { uniqueTenantId } from '../support/stack';

const demo = useDemoStack();

const config = {
  ...kickoffConfig,
  identityKey: 'employeeCode',
  include: { statuses: ['active'] },
  requireWorkEmail: true,
  schedule: { cron: '0 2 * * *', timezone: 'UTC', jitterMinutes: 0 },
};

const person = (hrisId: string, firstName: string, workEmail?: string): Employee => ({
  hrisId,
  status: 'active',
  firstName,
  lastName: 'Example',
  employeeCode: `E-${hrisId}`,
  ...(workEmail && { workEmail }),
});

describe('a work e-mail required to create an account', () => {
  it('creates accounts only for people with a work e-mail, lists the others as missing_email, and creates them once the e-mail arrives', async () => {
    const id = uniqueTenantId();
    expect((await demo.stack.request('POST', '/api/tenants', demoTenant(id))).status).toBe(201);
    const scim = demo.platformFor(id);
    await seedDirectory(demo.stack.db, id, [person('p1', 'Ana', 'ana@acme.example'), person('p2', 'Bruno', 'bruno@acme.example'), person('p3', 'Chen')]);
    await configureAndKickOff(demo.stack, id, config);
    await enterKey(demo.stack, id, 'demo-key');
    const live = await takeLive(demo.stack, id);

    expect(live.lastSync).toMatchObject({ status: 'warning', counts: { created: 2, skipped: 1 } });
    expect(scim.directory.users().map((user) => user.userName).sort()).toEqual(['E-p1', 'E-p2']);
    const errors: Record<string, string>[] = parse((await demo.stack.request('GET', `/api/syncs/${live.lastSync.id}/errors.csv`)).text, { columns: true });
    expect(errors).toEqual([expect.objectContaining({ hrisId: 'p3', reasonCode: 'missing_email', severity: 'skipped' })]);

    await replaceDirectory(demo.stack.db, id, [person('p1', 'Ana', 'ana@acme.example'), person('p2', 'Bruno', 'bruno@acme.example'), person('p3', 'Chen', 'chen@acme.example')]);
    const started = await demo.stack.request('POST', `/api/tenants/${id}/syncs`, {});
    expect(started.status, started.text).toBe(202);
    const after = await settled(demo.stack, id, live.lastSync.id);
    expect(after.lastSync).toMatchObject({ status: 'success', counts: { created: 1, skipped: 0 } });
    expect(scim.directory.userByName('E-p3')).toMatchObject({ emails: [expect.objectContaining({ value: 'chen@acme.example' })] });
  });
});
