import { describe, expect, inject, it } from 'vitest';
import { createHrisConnector } from '../../../activities/hris';
import { addDays } from '../../../activities/hris/dates';
import { resolveManagerEmails } from '../../../activities/hris/managers';
import { createDb, type Db } from '../../../common/db';
import { workniceDataset } from '../../fakes/worknice-datasets';
import { keyRefusals } from '../../fakes/worknice';
import { byId, useWorkniceFake } from '../../fakes/worknice-harness';
import { failure, readDirectory } from './read-directory';

const today = '2030-06-15';
const day = (n: number) => addDays(today, n);
const w = useWorkniceFake(today);

describe('verify', () => {
  it('accepts the key with one cheap query that reads nobody', async () => {
    await expect(w.connector().verify()).resolves.toEqual({ ok: true });
    expect(w.fake.requests).toMatchObject([{ method: 'POST', path: '/api/graphql', keyed: true, orgFields: ['__typename'], status: 200 }]);
    expect(w.fake.peopleReads()).toHaveLength(0);
  });

  it.each(keyRefusals)('rejects a wrong key refused as %s as credentials_rejected', async (refusal) => {
    w.fake.refuseKeyAs = refusal;
    const error = await failure(w.connector({ apiKey: 'not-the-key' }).verify());
    expect(error.code).toBe('credentials_rejected');
    expect(error.message).toMatch(/^Worknice .*RosterVerifyKey|^Worknice answered 401 to POST \/api\/graphql/);
    expect(error.message).not.toMatch(/not-the-key|Invalid API token|signed in/);
  });

  it('calls a base URL without Worknice’s GraphQL endpoint misconfigured: a 404, or the web app’s page', async () => {
    const notFound = await failure(w.connector({ baseUrl: `${w.fake.url}/v9` }).verify());
    expect(notFound).toMatchObject({ code: 'misconfigured', details: { status: 404 } });
    const webApp = await failure(w.connector({ baseUrl: w.fake.url.replace(/\/api$/, '') }).verify());
    expect(webApp).toMatchObject({ code: 'misconfigured', details: { status: 200 } });
    for (const error of [notFound, webApp]) expect(error.message).toContain('check the HRIS base URL');
  });

  it('waits out a 429 and a 503 exactly as told and then accepts the key', async () => {
    w.fake.faults.throttle = { requests: 1, retryAfterSeconds: 3 };
    await expect(w.connector().verify()).resolves.toEqual({ ok: true });
    w.fake.faults.throttle = { requests: 2, retryAfterSeconds: 5, status: 503 };
    await expect(w.connector().verify()).resolves.toEqual({ ok: true });
    expect(w.waits).toEqual([3000, 5000, 5000]);
  });

  it('never calls a key rejected because Worknice is rate limiting, failing or answering with other errors', async () => {
    w.fake.faults.throttle = { fraction: 1, retryAfterSeconds: 30 };
    expect((await failure(w.connector({ http: { budgetMs: 60_000 } }).verify())).code).toBe('rate_limited');
    w.fake.faults.throttle = { fraction: 1, retryAfterSeconds: 30, status: 503 };
    expect((await failure(w.connector({ http: { budgetMs: 60_000 } }).verify())).code).toBe('transient');
    w.fake.faults = { serverErrors: { fraction: 1 } };
    expect(await failure(w.connector({ http: { maxAttempts: 3 } }).verify())).toMatchObject({ code: 'transient', details: { status: 502 } });
    w.fake.faults = { graphqlErrors: { requests: 1, code: 'PERSISTED_QUERY_NOT_FOUND' } };
    expect((await failure(w.connector().verify())).code).toBe('invalid_response');
    w.fake.faults = { graphqlErrors: { requests: 1, code: 'INTERNAL_SERVER_ERROR' } };
    expect(await failure(w.connector().verify())).toMatchObject({ code: 'transient', details: { vendorCode: 'INTERNAL_SERVER_ERROR' } });
  });
});

describe('reading the directory', () => {
  it('reads everyone, archived leavers included, in one call and one page', async () => {
    const { pages, employees } = await readDirectory(w.connector(), { today });
    expect(pages).toHaveLength(1);
    expect(employees.map((e) => e.hrisId)).toEqual(w.fake.dataset.people.map((p) => p.id));
    expect(w.fake.requests).toHaveLength(1);
    expect(w.fake.peopleReads()).toMatchObject([{ keyed: true, variables: { includeArchived: true }, status: 200 }]);
    // Safe to heartbeat: it says only that the page was read.
    expect(pages[0]!.cursor).toEqual({ scan: 0, read: 'whole-directory' });
  });

  it('normalises every tricky record', async () => {
    const people = await w.read();
    expect(people.get('w-active')).toEqual({
      hrisId: 'w-active',
      employeeCode: 'E-w-active',
      workEmail: 'ana.active@acme.example',
      displayName: 'Ana Active',
      status: 'active',
      startDate: '2024-02-01',
      position: 'Engineer',
      location: 'Sydney',
      managerHrisId: 'w-eng-head',
      custom: { workniceStatus: 'ACTIVE' },
    });

    // Pre-hires: active in Worknice before their start date, or under the onboarding spelling.
    expect(people.get('w-future-hire')).toMatchObject({ status: 'onboarding', startDate: day(14), managerHrisId: 'w-eng-head' });
    expect(people.get('w-onboarding')).toMatchObject({ status: 'onboarding', custom: { workniceStatus: 'ONBOARDING' } });
    // Being offboarded is still being employed.
    expect(people.get('w-offboarding')).toMatchObject({ status: 'active', managerHrisId: 'w-sales-head' });

    // Leavers, seen only because the query includes archived people.
    expect(people.get('w-past-leaver')).toMatchObject({ status: 'terminated', position: undefined, managerHrisId: undefined });
    expect(people.get('w-archived-status')?.status).toBe('terminated');
    // A manager who left: still their report's manager while they hold the position, none once it is vacant.
    expect(people.get('w-manager-left')).toMatchObject({ status: 'terminated', position: 'Support Manager' });
    expect(people.get('w-manager-left-report')?.managerHrisId).toBe('w-manager-left');
    expect(people.get('w-vacant-manager')).toMatchObject({ status: 'active', position: 'Engineer', managerHrisId: undefined });
    // The top of the chart, reporting to its own position, has no manager.
    expect(people.get('w-ceo')).toMatchObject({ position: 'Chief Executive Officer', managerHrisId: undefined });

    // E-mails as given (matching lower-cases them later); missing or blank is absent.
    expect(people.get('w-dup-upper')?.workEmail).toBe('J.Smith@acme.example');
    expect(people.get('w-dup-lower')?.workEmail).toBe('j.smith@acme.example');
    expect(people.get('w-no-email')).toMatchObject({ workEmail: undefined, employeeCode: undefined, displayName: 'Mo Noemail' });
    expect(people.get('w-blank-email')?.workEmail).toBeUndefined();

    // One name only, never split into guessed given and family names.
    expect(people.get('w-unicode-inaki')).toMatchObject({ displayName: 'Iñaki Muñoz', location: 'London' });
    expect(people.get('w-unicode-inaki')).not.toHaveProperty('firstName');
    expect(people.get('w-unicode-inaki')).not.toHaveProperty('lastName');
    expect(people.get('w-unicode-zoe')?.displayName).toBe('Zoë Müller');
    expect(people.get('w-unicode-cjk')).toMatchObject({ displayName: '王小明', position: 'Ingeniero de Investigación', workEmail: 'xiaoming.wang@acme.example' });

    // Null at every level: the fields are simply absent.
    expect(people.get('w-bare')).toEqual({ hrisId: 'w-bare', workEmail: 'nora.bare@acme.example', displayName: 'Nora Bare', status: 'active', custom: { workniceStatus: 'ACTIVE' } });
    expect(people.get('w-no-position')).toMatchObject({ position: undefined, managerHrisId: undefined });
    expect(people.get('w-no-manager')).toMatchObject({ position: undefined, managerHrisId: undefined });

    // A status nobody told us about is data, not a crash: inactive, its spelling kept for support.
    expect(people.get('w-unknown-status')).toMatchObject({ status: 'inactive', custom: { workniceStatus: 'SUSPENDED' } });
  });

  it('decides statuses as of the day it is given', async () => {
    const people = byId((await readDirectory(w.connector(), { today: day(30) })).employees);
    expect(people.get('w-future-hire')?.status).toBe('active');
    expect(people.get('w-onboarding')?.status).toBe('active');
    expect(people.get('w-past-leaver')?.status).toBe('terminated');
  });

  it('sees a changed e-mail and a changed manager under the same HRIS id', async () => {
    w.fake.dataset = workniceDataset({ today, revision: 2 });
    const people = await w.read();
    expect(people.get('w-email-change')).toMatchObject({ workEmail: 'eve.baker@acme.example', displayName: 'Eve Baker' });
    expect(people.get('w-manager-change')).toMatchObject({ managerHrisId: 'w-eng-head', position: 'Analyst' });
  });

  it('leaves manager e-mails to be resolved across the whole directory: a manager who left still counts, a vacant position does not', async () => {
    const resolved = byId(resolveManagerEmails([...(await w.read()).values()]));
    const managerEmails = ['w-active', 'w-manager-left-report', 'w-vacant-manager'].map((id) => resolved.get(id)?.managerEmail);
    expect(managerEmails).toEqual(['hugo.head@acme.example', 'lee.leftover@acme.example', undefined]);
  });

  it('reads a large organisation of 5,000 people and more in one call', async () => {
    w.fake.dataset = workniceDataset({ today, fillers: 5000 });
    const { pages, employees } = await readDirectory(w.connector(), { today });
    expect(employees.length).toBeGreaterThan(5000);
    expect(employees).toHaveLength(w.fake.dataset.people.length);
    expect(new Set(employees.map((e) => e.hrisId)).size).toBe(employees.length);
    expect(byId(employees).get('w-f05000')).toMatchObject({ managerHrisId: 'w-sales-head', status: 'active' });
    expect(pages).toHaveLength(1);
    expect(w.fake.requests).toHaveLength(1);
  });

  it('reads an empty organisation as one empty page, for the guards to judge', async () => {
    w.fake.dataset = { people: [], positions: [] };
    const { pages } = await readDirectory(w.connector(), { today });
    expect(pages).toEqual([{ scan: 0, employees: [], cursor: { scan: 0, read: 'whole-directory' } }]);
  });

  it('yields nothing after its one page when resumed, and refuses a cursor it did not make', async () => {
    const rest = await readDirectory(w.connector(), { today, cursor: { scan: 0, read: 'whole-directory' } });
    expect(rest.pages).toEqual([]);
    expect(w.fake.requests).toHaveLength(0);
    expect((await failure(readDirectory(w.connector(), { today, cursor: { scan: 0, skip: 100, total: 300 } }))).code).toBe('invalid_request');
  });

  it('is what createHrisConnector builds for a Worknice tenant', async () => {
    const db: Db = createDb(inject('databaseUrl'));
    try {
      const built = createHrisConnector({ provider: 'worknice', baseUrl: w.fake.url }, w.fake.token, { db, tenantId: 'acme', http: { network: { allowPrivateUrls: true } } });
      await expect(built.verify()).resolves.toEqual({ ok: true });
      expect(w.fake.requests).toMatchObject([{ keyed: true, orgFields: ['__typename'] }]);
    } finally {
      await db.destroy();
    }
  });
});
