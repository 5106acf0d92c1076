import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { addDays } from '../../../activities/hris/dates';
import { createDemoConnector, DEMO_API_KEY } from '../../../activities/hris/demo/connector';
import * as directory from '../../../activities/hris/demo/directory';
import { demoSeed } from '../../../activities/hris/demo/seed';
import { createDb, type Db } from '../../../common/db';
import type { Employee } from '../../../common/directory';
import { insertTenant } from './demo-tenant';
import { failure, firstPage, readDirectory } from './read-directory';

const today = '2030-06-15';
let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'));
});
afterAll(() => db.destroy());

const ids = (employees: Employee[]) => employees.map((e) => e.hrisId);

describe('the seed', () => {
  it('is the same every time for a given day, and holds every tricky case', () => {
    const seed = demoSeed(today);
    expect(demoSeed(today)).toEqual(seed);
    expect(seed.length).toBeGreaterThanOrEqual(250);
    expect(new Set(ids(seed)).size).toBe(seed.length);

    const read = new Map(seed.map((e) => [e.hrisId, e]));
    const named = (first: string, last: string) => seed.filter((e) => e.firstName === first && e.lastName === last);
    expect(named('Fern', 'Future')[0]).toMatchObject({ status: 'onboarding', startDate: addDays(today, 14) });
    expect(named('Liam', 'Leaving')[0]).toMatchObject({ status: 'active', endDate: addDays(today, 21) });
    const leaver = named('Pat', 'Departed')[0]!;
    expect(leaver).toMatchObject({ status: 'terminated', endDate: addDays(today, -30) });
    expect(named('Orla', 'Orphan')[0]?.managerHrisId).toBe(leaver.hrisId);
    // A rehire: two records, one e-mail, the older one terminated.
    expect(named('Sam', 'Rehire').map((e) => [e.status, e.workEmail])).toEqual([
      ['terminated', 'sam.rehire@acme.example'],
      ['active', 'sam.rehire@acme.example'],
    ]);
    const emails = seed.flatMap((e) => (e.workEmail ? [e.workEmail.toLowerCase()] : []));
    expect(emails.filter((e) => e === 'j.smith@acme.example')).toHaveLength(2);
    expect(named('Mo', 'Noemail')[0]?.workEmail).toBeUndefined();
    expect(seed.map((e) => e.firstName)).toEqual(expect.arrayContaining(['Iñaki', 'Zoë', 'José', '小明']));
    const noRole = named('Nora', 'Norole')[0]!;
    expect([noRole.position, noRole.department, noRole.managerHrisId]).toEqual([undefined, undefined, undefined]);
    expect(named('Ivy', 'Onleave')[0]?.status).toBe('inactive');
    // Every manager, the one who left included, is somebody in the directory.
    for (const e of seed) if (e.managerHrisId) expect(read.has(e.managerHrisId), e.hrisId).toBe(true);
  });
});

describe('the demo connector', () => {
  it('verifies the demo key and rejects any other', async () => {
    const tenantId = await insertTenant(db);
    await expect(createDemoConnector(db, tenantId, DEMO_API_KEY).verify()).resolves.toEqual({ ok: true });
    const rejected = await failure(createDemoConnector(db, tenantId, 'guess').verify());
    expect(rejected).toMatchObject({ code: 'credentials_rejected' });
    expect((await failure(readDirectory(createDemoConnector(db, tenantId, 'guess'), { today }))).code).toBe('credentials_rejected');
  });

  it('seeds a tenant on first use and reads it in pages, as of the day given', async () => {
    const tenantId = await insertTenant(db);
    const { pages, employees } = await readDirectory(createDemoConnector(db, tenantId, DEMO_API_KEY), { today });
    const seed = demoSeed(today);
    expect(pages.map((p) => [p.scan, p.employees.length])).toEqual([
      [0, 100],
      [0, 100],
      [0, seed.length - 200],
    ]);
    expect(ids(employees).sort()).toEqual(ids(seed).sort());
    const stale = employees.find((e) => e.lastName === 'Stale');
    expect(stale).toMatchObject({ status: 'terminated', endDate: addDays(today, -2) });
    // A day after the future hire's start, they are active.
    const later = await readDirectory(createDemoConnector(db, tenantId, DEMO_API_KEY), { today: addDays(today, 15) });
    expect(later.employees.find((e) => e.lastName === 'Future')?.status).toBe('active');
  });

  it('resumes from a page cursor', async () => {
    const tenantId = await insertTenant(db);
    const connector = createDemoConnector(db, tenantId, DEMO_API_KEY);
    const first = await firstPage(connector, { today });
    expect(first.cursor).toEqual({ scan: 0, after: first.employees.at(-1)?.hrisId });
    const rest = await readDirectory(connector, { today, cursor: first.cursor });
    expect([...ids(first.employees), ...ids(rest.employees)]).toEqual(ids(await directory.list(db, tenantId, today)));
    expect((await failure(readDirectory(connector, { today, cursor: { scan: 0, skip: 100, total: 3 } }))).code).toBe('invalid_request');
  });

  it('shows hires, changes and terminations on the next read', async () => {
    const tenantId = await insertTenant(db);
    const connector = createDemoConnector(db, tenantId, DEMO_API_KEY);
    const before = await readDirectory(connector, { today });
    const someone = before.employees.find((e) => e.status === 'active' && e.managerHrisId)!;
    const leaver = before.employees.find((e) => e.status === 'active' && e.hrisId !== someone.hrisId)!;

    const hired = await directory.hire(db, tenantId, { hrisId: 'demo-new-1', firstName: 'Nina', lastName: 'Newhire', workEmail: 'nina@acme.example', startDate: addDays(today, 7) }, today);
    expect(hired).toMatchObject({ hrisId: 'demo-new-1', status: 'onboarding' });
    expect(await directory.hire(db, tenantId, { hrisId: 'demo-new-1', firstName: 'X', lastName: 'Y' }, today)).toBeUndefined();
    await directory.change(db, tenantId, someone.hrisId, { workEmail: 'renamed@acme.example', managerHrisId: null }, today);
    await directory.terminate(db, tenantId, leaver.hrisId, addDays(today, -1), today);
    expect(await directory.change(db, tenantId, 'nobody', { firstName: 'Z' }, today)).toBeUndefined();

    const after = new Map((await readDirectory(connector, { today })).employees.map((e) => [e.hrisId, e]));
    expect(after.size).toBe(before.employees.length + 1);
    expect(after.get('demo-new-1')).toMatchObject({ firstName: 'Nina', status: 'onboarding', startDate: addDays(today, 7) });
    expect(after.get(someone.hrisId)).toMatchObject({ workEmail: 'renamed@acme.example', firstName: someone.firstName });
    expect(after.get(someone.hrisId)).not.toHaveProperty('managerHrisId');
    expect(after.get(leaver.hrisId)).toMatchObject({ status: 'terminated', endDate: addDays(today, -1) });
  });

  it('seeds once when two first uses race', async () => {
    const tenantId = await insertTenant(db);
    const [a, b] = await Promise.all([directory.list(db, tenantId, today), directory.list(db, tenantId, today)]);
    expect(a).toEqual(b);
    expect(a).toHaveLength(demoSeed(today).length);
  });
});
