// The Humaans connector over real HTTP against the fake: verifying a key, and reading the directory
// in pages, whatever happens to it meanwhile. Faults are in humaans-faults.test.ts, the fake's own
// rules in humaans-fake.test.ts.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../activities/hris/dates';
import { resolveManagerEmails } from '../../../activities/hris/managers';
import type { Employee } from '../../../common/directory';
import { humaansDataset } from '../../fakes/humaans-datasets';
import { PUBLIC_SCOPE, startHumaansFake } from '../../fakes/humaans';
import { useHumaansFake } from '../../fakes/humaans-harness';
import { failure, firstPage, readDirectory } from './read-directory';

const today = '2030-06-15';
const day = (n: number) => addDays(today, n);
const h = useHumaansFake(today);

const byId = (employees: Employee[]) => new Map(employees.map((e) => [e.hrisId, e]));
const pagesOf = (n: number, size = 100) => Math.ceil(n / size);

describe('verify', () => {
  it('accepts a key that can read the whole directory', async () => {
    await expect(h.connector().verify()).resolves.toEqual({ ok: true });
    expect(h.fake.requests.map((r) => r.path)).toEqual(['/api/me', '/api/token-info']);
    expect(h.fake.requests.every((r) => r.status === 200)).toBe(true);
  });

  it('rejects a wrong key as credentials_rejected', async () => {
    const error = await failure(h.connector({ apiKey: 'not-the-key' }).verify());
    expect(error).toMatchObject({ code: 'credentials_rejected', message: 'Humaans answered 401 to GET /api/me: the key was rejected' });
  });

  it('rejects a key Humaans forbids as insufficient_scope', async () => {
    h.fake.faults.status = 403;
    expect((await failure(h.connector().verify())).code).toBe('insufficient_scope');
  });

  it('rejects a key without private:read, which would hide new hires and leavers', async () => {
    h.fake.scopes = [PUBLIC_SCOPE];
    const error = await failure(h.connector().verify());
    expect(error).toMatchObject({ code: 'insufficient_scope' });
    expect(error.message).toContain('private:read');
  });

  it('accepts the key when Humaans does not say which scopes it has', async () => {
    h.fake.tokenInfo = false;
    await expect(h.connector().verify()).resolves.toEqual({ ok: true });
    expect(h.fake.calls('/token-info')[0]?.status).toBe(404);
  });

  it('calls a base URL that is not Humaans misconfigured', async () => {
    const error = await failure(h.connector({ baseUrl: `${h.fake.url}/v9` }).verify());
    expect(error.code).toBe('misconfigured');
    expect(error.message).toContain('check the HRIS base URL');
  });

  it('waits out a 429 exactly as told and then accepts the key', async () => {
    h.fake.faults.rateLimit = { requests: 2, retryAfterSeconds: 3 };
    await expect(h.connector().verify()).resolves.toEqual({ ok: true });
    expect(h.waits).toEqual([3000, 3000]);
  });

  it('never calls a key rejected because Humaans is rate limiting: it reports rate_limited', async () => {
    h.fake.faults.rateLimit = { fraction: 1, retryAfterSeconds: 30 };
    const error = await failure(h.connector({ http: { budgetMs: 60_000 } }).verify());
    expect(error.code).toBe('rate_limited');
    expect(h.fake.requests.length).toBe(3);
  });

  it('never calls a key rejected because Humaans is failing: it reports transient', async () => {
    h.fake.faults.serverErrors = { fraction: 1, status: 502 };
    const error = await failure(h.connector({ http: { maxAttempts: 3 } }).verify());
    expect(error).toMatchObject({ code: 'transient', details: { status: 502 } });
    expect(h.fake.requests.length).toBe(3);
  });
});

describe('reading the directory', () => {
  it('reads everyone once, in pages, with job roles, locations and custom values fetched once and joined', async () => {
    const { pages, employees } = await readDirectory(h.connector(), { today });
    expect(employees.map((e) => e.hrisId)).toEqual(h.fake.dataset.people.map((p) => p.id));
    expect(pages.map((p) => [p.scan, p.employees.length])).toEqual([
      [0, 100],
      [0, 100],
      [0, h.everyone() - 200],
    ]);
    // No N+1: a fixed number of calls whatever the number of people.
    expect(h.fake.calls('/token-info')).toHaveLength(1);
    expect(h.fake.calls('/people')).toHaveLength(pagesOf(h.everyone()));
    expect(h.fake.calls('/job-roles')).toHaveLength(pagesOf(h.fake.dataset.jobRoles.length));
    expect(h.fake.calls('/locations')).toHaveLength(1);
    expect(h.fake.calls('/custom-values')).toHaveLength(pagesOf(h.fake.dataset.customValues.length));
    expect(h.fake.requests).toHaveLength(1 + pagesOf(h.everyone()) + pagesOf(h.fake.dataset.jobRoles.length) + 1 + pagesOf(h.fake.dataset.customValues.length));
    expect(h.fake.requests.some((r) => 'personId' in r.query)).toBe(false);
    expect(h.fake.calls('/people').map((r) => r.query)).toEqual([
      { $limit: '100', $skip: '0' },
      { $limit: '100', $skip: '100' },
      { $limit: '100', $skip: '200' },
    ]);
  });

  it('normalises every tricky record', async () => {
    const people = byId((await readDirectory(h.connector(), { today })).employees);
    expect(people.get('p-active')).toEqual({
      hrisId: 'p-active',
      employeeCode: 'E-p-active',
      workEmail: 'ana.active@acme.example',
      personalEmail: 'ana@mail.example',
      firstName: 'Ana',
      lastName: 'Active',
      displayName: 'Ana Active',
      status: 'active',
      startDate: day(-365),
      position: 'Engineer',
      department: 'Engineering',
      location: 'Sydney',
      employmentBasis: 'Part-time',
      managerHrisId: 'p-eng-head',
      groups: [{ name: 'Platform' }, { name: 'Security Guild' }],
      custom: { cfShirtSize01: 'M', cfLanguages02: 'English; Spanish', cfCostCentre03: 'CC-100' },
    });
    expect(people.get('p-preferred')).toMatchObject({ preferredName: 'Lexi', displayName: 'Lexi Preferred' });

    // Pre-hires under every spelling, and an "active" person who has not started: onboarding,
    // with the role they are hired into.
    for (const id of ['p-future-hire', 'p-new-hire-snake', 'p-onboarding', 'p-preboarding', 'p-active-future-start']) {
      expect(people.get(id)?.status, id).toBe('onboarding');
    }
    expect(people.get('p-future-hire')).toMatchObject({ startDate: day(14), position: 'Engineer', managerHrisId: 'p-eng-head' });

    // Leavers.
    expect(people.get('p-future-leaver')).toMatchObject({ status: 'active', endDate: day(21) });
    expect(people.get('p-past-leaver')).toMatchObject({ status: 'terminated', endDate: day(-30), position: undefined });
    expect(people.get('p-stale-active')).toMatchObject({ status: 'terminated', endDate: day(-2) });
    expect(people.get('p-last-day-only')).toMatchObject({ status: 'terminated', endDate: day(-1) });
    expect(people.get('p-manager-left')).toMatchObject({ status: 'active', managerHrisId: 'p-past-leaver' });

    // A rehire: the old record terminated, the new one active, one e-mail.
    expect(people.get('p-rehire-old')).toMatchObject({ status: 'terminated', workEmail: 'sam.rehire@acme.example' });
    expect(people.get('p-rehire-new')).toMatchObject({ status: 'active', workEmail: 'sam.rehire@acme.example', position: 'Support Lead' });

    // A past manager change: the current role wins.
    expect(people.get('p-manager-change')).toMatchObject({ managerHrisId: 'p-sales-head', position: 'Analyst' });
    // A promotion next month does not count yet.
    expect(people.get('p-future-role')).toMatchObject({ position: 'Engineer', department: 'Engineering', managerHrisId: 'p-eng-head' });

    // E-mails as given (matching lower-cases them later); missing or blank is absent.
    expect(people.get('p-dup-upper')?.workEmail).toBe('J.Smith@acme.example');
    expect(people.get('p-dup-lower')?.workEmail).toBe('j.smith@acme.example');
    expect(people.get('p-no-email')).toMatchObject({ workEmail: undefined, personalEmail: 'mo@mail.example', employeeCode: undefined });
    expect(people.get('p-blank-email')?.workEmail).toBeUndefined();

    expect(people.get('p-unicode-inaki')).toMatchObject({ firstName: 'Iñaki', lastName: 'Muñoz', displayName: 'Iñaki Muñoz', location: 'London' });
    expect(people.get('p-unicode-jose')).toMatchObject({ firstName: 'José', lastName: 'Núñez' });
    expect(people.get('p-unicode-zoe')).toMatchObject({ firstName: 'Zoë', lastName: 'Müller' });
    expect(people.get('p-unicode-cjk')).toMatchObject({ firstName: '小明', lastName: '王', groups: [{ name: '研究開発' }], position: 'Ingeniero de Investigación', department: 'Investigación y Desarrollo' });

    // No role, an ended role, an unknown location: the fields are simply absent.
    expect(people.get('p-no-role')).toMatchObject({ status: 'active', position: undefined, department: undefined, managerHrisId: undefined, location: undefined, employmentBasis: undefined });
    expect(people.get('p-ended-role')?.position).toBeUndefined();
    expect(people.get('p-unknown-location')?.location).toBeUndefined();

    // Statuses nobody told us about are data, not a crash.
    expect(['p-unknown-status', 'p-null-status', 'p-proto-status'].map((id) => people.get(id)?.status)).toEqual(['inactive', 'inactive', 'inactive']);
  });

  it('decides roles and statuses as of the day it is given', async () => {
    const people = byId((await readDirectory(h.connector(), { today: day(30) })).employees);
    expect(people.get('p-future-role')).toMatchObject({ position: 'Senior Engineer', department: 'Platform', managerHrisId: 'p-ceo' });
    expect(people.get('p-future-hire')?.status).toBe('active');
    expect(people.get('p-future-leaver')).toMatchObject({ status: 'terminated', endDate: day(21) });
  });

  it('sees a changed e-mail and a changed manager under the same HRIS id', async () => {
    h.fake.dataset = humaansDataset({ today, revision: 2 });
    const people = byId((await readDirectory(h.connector(), { today })).employees);
    expect(people.get('p-email-change')).toMatchObject({ workEmail: 'eve.baker@acme.example', lastName: 'Baker' });
    expect(people.get('p-manager-change')).toMatchObject({ managerHrisId: 'p-eng-head', position: 'Senior Analyst', department: 'Engineering' });
  });

  it('leaves manager e-mails to be resolved across the whole directory, managers who left included', async () => {
    const people = byId(resolveManagerEmails((await readDirectory(h.connector(), { today })).employees));
    expect(people.get('p-active')?.managerEmail).toBe('hugo.head@acme.example');
    expect(people.get('p-manager-left')?.managerEmail).toBe('pat.departed@acme.example');
    expect(people.get('p-ceo')?.managerEmail).toBeUndefined();
  });

  it('pages by what came back when Humaans caps $limit silently', async () => {
    await h.fake.close();
    h.fake = await startHumaansFake({ dataset: humaansDataset({ today }), maxLimit: 40 });
    const { employees, pages } = await readDirectory(h.connector(), { today });
    expect(new Set(employees.map((e) => e.hrisId)).size).toBe(h.everyone());
    expect(pages).toHaveLength(pagesOf(h.everyone(), 40));
    expect(h.fake.calls('/people').map((r) => Number(r.query.$skip))).toEqual(Array.from({ length: pagesOf(h.everyone(), 40) }, (_, i) => i * 40));
  });

  it('resumes from a page cursor and yields the rest', async () => {
    const first = await firstPage(h.connector(), { today });
    expect(first.cursor).toEqual({ scan: 0, skip: 100, total: h.everyone() });
    // Safe to heartbeat: positions only, no people's data.
    expect(JSON.stringify(first.cursor)).not.toMatch(/@|p-/);
    const rest = await readDirectory(h.connector(), { today, cursor: first.cursor });
    expect(rest.pages.map((p) => p.scan)).toEqual([0, 0]);
    expect([...first.employees, ...rest.employees].map((e) => e.hrisId)).toEqual(h.fake.dataset.people.map((p) => p.id));
    expect(h.fake.calls('/people').at(-2)?.query.$skip).toBe('100');
  });

  it('starts a new scan when the directory moved while the read was paused', async () => {
    const first = await firstPage(h.connector(), { today });
    h.fake.shrinkDirectory(0.1);
    const rest = await readDirectory(h.connector(), { today, cursor: first.cursor });
    expect(rest.scan).toBe(1);
    expect(rest.employees.map((e) => e.hrisId)).toEqual(h.fake.dataset.people.map((p) => p.id));
  });

  it('refuses a cursor it did not make', async () => {
    const error = await failure(readDirectory(h.connector(), { today, cursor: { scan: 0, after: 'demo-0100' } }));
    expect(error.code).toBe('invalid_request');
  });
});

describe('a directory that moves while it is paged', () => {
  it('reads again from the start when the total changes once, and the new scan is complete', async () => {
    h.fake.faults.directoryMoves = 'once';
    const { pages, scan, employees } = await readDirectory(h.connector(), { today });
    expect(scan).toBe(1);
    expect(pages.map((p) => p.scan)).toEqual([0, 1, 1, 1]);
    const ids = employees.map((e) => e.hrisId);
    expect(ids).toEqual(h.fake.dataset.people.map((p) => p.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('p-hired-mid-read-1');
  });

  it('gives up as partial_directory when the total keeps changing', async () => {
    h.fake.faults.directoryMoves = 'always';
    const pages: number[] = [];
    const error = await failure(
      (async () => {
        for await (const page of h.connector().readDirectory({ today })) pages.push(page.scan);
      })(),
    );
    expect(error.code).toBe('partial_directory');
    // The first read and three re-reads, each stopped at its second page.
    expect(pages).toEqual([0, 1, 2, 3]);
    expect(h.fake.calls('/people')).toHaveLength(8);
  });
});

describe('a directory that shrank', () => {
  it('reads a suddenly empty directory as one empty page, for the guards to judge', async () => {
    h.fake.emptyDirectory();
    const { pages, employees } = await readDirectory(h.connector(), { today });
    expect(pages).toEqual([{ scan: 0, employees: [], cursor: { scan: 0, skip: 0, total: 0 } }]);
    expect(employees).toEqual([]);
  });

  it('reads a directory 30% smaller as it is', async () => {
    const before = h.everyone();
    h.fake.shrinkDirectory(0.3);
    expect(h.everyone()).toBe(before - Math.floor(before * 0.3));
    expect((await readDirectory(h.connector(), { today })).employees).toHaveLength(h.everyone());
  });
});
