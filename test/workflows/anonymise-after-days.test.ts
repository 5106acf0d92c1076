// Issue 19 on the real stack (demo HR directory, scimmy platform): a tenant that anonymises
// accounts 30 days after Roster deactivated them. Bruno is welcomed by mail and named in another's
// skip reason, then leaves; Dee leaves and comes back. Once their deactivations are moved 31 and 10
// days back (tests do not wait), the next run replaces Bruno's profile on the platform with neutral
// values, shows it as an anonymise item (in the API and on the console's run page), and leaves none
// of his name or e-mail in Roster's tables; Dee is simply reactivated.
import { describe, expect, it } from 'vitest';
import { forgetAnonymisedPerson } from '../../activities/sync/anonymised-records';
import { replaceDirectory, seedDirectory } from '../../bench/sync-run/seed';
import type { Employee } from '../../common/directory';
import { launchBrowser } from '../support/browser';
import { openSignedIn } from '../support/console-pages';
import { demoTenant, kickoffConfig } from '../support/fixtures';
import { configureAndKickOff, enterKey, settled, takeLive, useDemoStack } from '../support/onboarding';
import { uniqueTenantId } from '../support/stack';

const demo = useDemoStack();

const config = {
  ...kickoffConfig,
  include: { statuses: ['active'] },
  anonymiseAfterDays: 30,
  // Two of five leave at once: more than the default share, which would hold the run.
  safety: { maxDeactivations: 25, maxDeactivationShare: 1 },
  schedule: { cron: '0 2 * * *', timezone: 'UTC', jitterMinutes: 0 },
};

const person = (hrisId: string, firstName: string, overrides: Partial<Employee> = {}): Employee => ({
  hrisId,
  status: 'active',
  firstName,
  lastName: 'Quixote',
  workEmail: `${firstName.toLowerCase()}.quixote@acme.example`,
  employeeCode: `E-${hrisId}`,
  position: `${firstName}'s title`,
  department: 'Kitchen',
  ...overrides,
});

const ana = person('p1', 'Ana');
const bruno = person('p2', 'Bruno');
const chen = person('p3', 'Chen');
const dee = person('p4', 'Dee');

/** Every row of Roster's per-run and mail tables for the tenant, as text, in a stable order. */
async function rosterRecords(id: string): Promise<string> {
  const { db } = demo.stack;
  const runs = db('sync_runs').where({ tenant_id: id }).select('id');
  const tables = await Promise.all([
    db('plan_items').where({ tenant_id: id }).orderBy(['run_id', 'seq']).select(),
    db('directory_snapshots').whereIn('run_id', runs.clone()).orderBy(['run_id', 'hris_id']).select(),
    db('platform_snapshots').whereIn('run_id', runs.clone()).orderBy(['run_id', 'kind', 'platform_id']).select(),
    db('directory_row_errors').whereIn('run_id', runs.clone()).orderBy(['run_id', 'file', 'line', 'n']).select(),
    db('mail_outbox').where({ tenant_id: id }).orderBy('id').select(),
  ]);
  return JSON.stringify(tables);
}

describe('anonymising accounts long deactivated', () => {
  it("replaces a leaver's profile after N days, forgets them in Roster's records, and reactivates a rehire as usual", async () => {
    const id = uniqueTenantId();
    expect((await demo.stack.request('POST', '/api/tenants', demoTenant(id))).status).toBe(201);
    const scim = demo.platformFor(id);
    await seedDirectory(demo.stack.db, id, [ana, bruno, chen, dee]);
    await configureAndKickOff(demo.stack, id, config);
    await enterKey(demo.stack, id, 'demo-key');
    // Welcomed: a mail to Bruno himself, with his name, is in Roster's outbox.
    const live = await takeLive(demo.stack, id, { inviteNewUsers: true });
    expect(live.lastSync).toMatchObject({ status: 'success', counts: { created: 4 } });
    const brunoId = String(scim.directory.userByName('bruno.quixote@acme.example')!.id);

    // Bruno and Chen share an e-mail for a day: both are skipped, and Chen's reason names Bruno.
    const run = async (after: string) => {
      const started = await demo.stack.request('POST', `/api/tenants/${id}/syncs`, {});
      expect(started.status, started.text).toBe(202);
      return (await settled(demo.stack, id, after)).lastSync;
    };
    await replaceDirectory(demo.stack.db, id, [ana, { ...bruno, workEmail: 'chen.quixote@acme.example' }, chen, dee]);
    const clash = await run(live.lastSync.id);
    expect(clash).toMatchObject({ status: 'warning', counts: { skipped: 2 } });

    // Bruno and Dee leave: Roster deactivates them and records when.
    await replaceDirectory(demo.stack.db, id, [ana, chen]);
    const leaving = await run(clash.id);
    expect(leaving).toMatchObject({ status: 'success', counts: { deactivated: 2 } });
    expect(await rosterRecords(id)).toContain('Bruno');
    expect(await demo.stack.db('mail_outbox').where({ tenant_id: id, kind: 'welcome' }).whereRaw(`"to"::text like '%bruno.quixote%'`).first('text')).toMatchObject({ text: expect.stringContaining('Bruno') });
    const deactivated = await demo.stack.db('account_links').where({ tenant_id: id }).whereNotNull('deactivated_at').orderBy('hris_id').pluck('hris_id');
    expect(deactivated).toEqual(['p2', 'p4']);

    // 31 days later for Bruno, 10 for Dee, who is rehired.
    const movedBack = (hrisId: string, days: number) =>
      demo.stack.db('account_links').where({ tenant_id: id, hris_id: hrisId }).update({ deactivated_at: demo.stack.db.raw(`deactivated_at - interval '${days} days'`) });
    await movedBack('p2', 31);
    await movedBack('p4', 10);
    await replaceDirectory(demo.stack.db, id, [ana, chen, dee]);
    const later = await run(leaving.id);
    expect(later).toMatchObject({ status: 'success', counts: { anonymised: 1, reactivated: 1, deactivated: 0, failed: 0 } });

    const anonymised = scim.directory.users().find((user) => String(user.id) === brunoId)!;
    expect(anonymised).toMatchObject({ userName: `former-employee-${brunoId}`, displayName: 'Former employee', name: { givenName: 'Former', familyName: 'employee' }, active: false, externalId: 'p2' });
    expect(JSON.stringify(anonymised)).not.toMatch(/Bruno|bruno|Kitchen/);
    expect(scim.directory.userByName('dee.quixote@acme.example')).toMatchObject({ active: true, displayName: 'Dee Quixote' });

    const items = (await demo.stack.request('GET', `/api/syncs/${later.id}/items?action=anonymise`)).body;
    expect(items.items).toEqual([expect.objectContaining({ hrisId: 'p2', action: 'anonymise', result: 'done', name: 'Former employee', identityKey: null })]);

    // The console's run page lists it under its own action, with the values written and no "before".
    const browser = await launchBrowser();
    try {
      const page = await openSignedIn(browser, demo.stack, `/runs/${later.id}`);
      await page.getByLabel('Action').selectOption('anonymise');
      await page.getByRole('button', { name: 'Show' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe('anonymise');
      const row = page.locator('table.items tbody tr');
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.textContent()).toMatch(/Former employee.*Anonymised/s);
      expect(await row.locator('ul.changes li', { hasText: 'E-mail' }).textContent()).toMatch(/E-mail:\s*\(none\)$/);
      expect(await row.locator('del').count()).toBe(0);
      expect(await page.getByRole('row', { name: /^Anonymised/ }).locator('td').allTextContents()).toEqual(['1', '1']);
    } finally {
      await browser.close();
    }

    const records = await rosterRecords(id);
    const mentions = (text: string) => [...records.matchAll(new RegExp(`.{0,80}${text}.{0,40}`, 'g'))].map(([found]) => found);
    expect(mentions('Bruno')).toEqual([]);
    expect(mentions('bruno')).toEqual([]);
    expect(records).toContain('Dee Quixote');
    expect(await demo.stack.db('anonymisations').where({ tenant_id: id }).select('hris_id', 'account_id', 'sync_id')).toEqual([{ hris_id: 'p2', account_id: brunoId, sync_id: later.id }]);
    expect(await demo.stack.db('account_links').where({ tenant_id: id }).whereNotNull('deactivated_at').select('hris_id', demo.stack.db.raw('anonymised_at is not null as anonymised'))).toEqual([{ hris_id: 'p2', anonymised: true }]);

    // A retried apply of the item (a worker killed after the transaction committed) does it again harmlessly.
    await forgetAnonymisedPerson(demo.stack.db, { syncId: later.id, tenantId: id, hrisId: 'p2', accountId: brunoId });
    expect(await rosterRecords(id)).toBe(records);
    expect(await demo.stack.db('anonymisations').where({ tenant_id: id }).count({ n: '*' })).toEqual([{ n: '1' }]);

    // Nothing more to do the day after: the account stays anonymised, and is not written again.
    const next = await run(later.id);
    expect(next).toMatchObject({ status: 'success', counts: { anonymised: 0, failed: 0 } });
  });
});
