import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createHrisConnector } from '../../../activities/hris';
import { BAMBOOHR } from '../../../activities/hris/bamboohr/api';
import { createDb, type Db } from '../../../common/db';
import { configureLogging } from '../../../common/logger';
import { bambooDataset, CUSTOM_FIELD } from '../../fakes/bamboohr-datasets';
import { bambooConnector, type UrlForm } from '../../fakes/bamboohr-harness';
import { REASON_HEADER, startBambooHrFake, type BambooFake } from '../../fakes/bamboohr';
import { failure, readDirectory } from './read-directory';

const today = '2030-06-15';
const TWO_S_HEADER = 'X-BambooHR-Error-Message';

let fake: BambooFake;
beforeEach(async () => {
  fake = await startBambooHrFake({ dataset: bambooDataset({ today }) });
});
afterEach(() => fake.close());

describe('verify', () => {
  it.each<UrlForm>(['default', 'subdomain', 'gateway'])('accepts a working key through the %s URL form with one GET /employees/0, the key as the Basic username', async (form) => {
    await expect(bambooConnector(fake, { form }).connector.verify()).resolves.toEqual({ ok: true });
    expect(fake.requests).toEqual([expect.objectContaining({ method: 'GET', path: '/employees/0', form: form === 'gateway' ? 'gateway' : 'subdomain', keyMatched: true, accept: 'application/json', status: 200 })]);
  });

  it('rejects a wrong key as credentials_rejected, without BambooHR’s reason in the message', async () => {
    const error = await failure(bambooConnector(fake, { apiKey: 'not-the-key' }).connector.verify());
    expect(error).toMatchObject({ code: 'credentials_rejected', message: 'BambooHR answered 401 to GET /api/v1/employees/0: the key was rejected' });
    expect(fake.requests[0]).toMatchObject({ keyMatched: false, status: 401 });
  });

  it.each([
    [REASON_HEADER, 'API user ana.active@acme.example is disabled', 'credentials_rejected'],
    [TWO_S_HEADER, 'API user ana.active@acme.example is disabled', 'credentials_rejected'],
    [REASON_HEADER, 'Ana Active may not view this company', 'insufficient_scope'],
    [TWO_S_HEADER, 'Ana Active may not view this company', 'insufficient_scope'],
  ] as const)('reads a 403’s reason from %s ("%s" is %s) and never quotes it', async (header, reason, code) => {
    fake.faults.refuse = { status: 403, reason, header };
    const error = await failure(bambooConnector(fake).connector.verify());
    expect(error).toMatchObject({ code, details: { status: 403, vendorCode: undefined } });
    expect(error.message).toMatch(/^BambooHR answered 403 to GET \/api\/v1\/employees\/0: the key’s user /);
    expect(error.message).not.toMatch(/Ana|acme\.example|company/);
  });

  it('calls a subdomain BambooHR does not know misconfigured, in either URL form', async () => {
    const wrongHost = await failure(bambooConnector(fake, { subdomain: 'globex' }).connector.verify());
    const wrongGateway = await failure(bambooConnector(fake, { baseUrl: fake.gatewayUrl.replace('/acme/', '/globex/') }).connector.verify());
    for (const error of [wrongHost, wrongGateway]) expect(error).toMatchObject({ code: 'misconfigured', message: expect.stringContaining('check the subdomain or base URL') });
    expect(fake.requests.map((r) => r.status)).toEqual([404, 404]);
  });

  it('refuses a subdomain that is not a DNS label before calling anyone', () => {
    expect(() => bambooConnector(fake, { subdomain: 'evil.example/x' })).toThrow(expect.objectContaining({ code: 'misconfigured' }));
    expect(fake.requests).toEqual([]);
  });

  it.each([429, 503] as const)('waits out %i with Retry-After exactly as told, without counting it as a failed attempt', async (status) => {
    fake.faults.throttle = { status, requests: 3, retryAfterSeconds: 3 };
    const { connector, waits } = bambooConnector(fake, { http: { maxAttempts: 1 } });
    await expect(connector.verify()).resolves.toEqual({ ok: true });
    expect(waits).toEqual([3000, 3000, 3000]);
    expect(fake.requests.map((r) => r.status)).toEqual([status, status, status, 200]);
  });

  it('never calls a key rejected because BambooHR keeps throttling or failing', async () => {
    fake.faults.throttle = { status: 429, fraction: 1, retryAfterSeconds: 30 };
    expect((await failure(bambooConnector(fake, { http: { budgetMs: 60_000 } }).connector.verify())).code).toBe('rate_limited');
    fake.faults.throttle = { status: 503, fraction: 1, retryAfterSeconds: 30 };
    expect((await failure(bambooConnector(fake, { http: { budgetMs: 60_000 } }).connector.verify())).code).toBe('transient');
    fake.faults = { serverErrors: { fraction: 1, status: 502 } };
    expect(await failure(bambooConnector(fake, { http: { maxAttempts: 3 } }).connector.verify())).toMatchObject({ code: 'transient', details: { status: 502 } });
  });
});

describe('reading the directory', () => {
  it('reads everyone, active and inactive, with the list of fields and one custom report as one page', async () => {
    const { pages, employees } = await readDirectory(bambooConnector(fake).connector, { today });
    expect(pages).toHaveLength(1);
    expect(pages[0]!.cursor).toEqual({ scan: 0, pages: 1 });
    expect(employees.map((e) => e.hrisId)).toEqual(fake.employees.map((e) => e.id));
    expect(fake.requests).toEqual([
      expect.objectContaining({ method: 'GET', path: '/meta/fields', keyMatched: true, status: 200 }),
      expect.objectContaining({ method: 'POST', path: '/reports/custom', query: { format: 'JSON' }, accept: 'application/json', keyMatched: true, status: 200 }),
    ]);
    // Never the trap: supervisorId is the supervisor's employee number.
    expect(fake.requests[1]!.fields).toEqual([...BAMBOOHR.fields, CUSTOM_FIELD.shirtSize, CUSTOM_FIELD.costCentre]);
    expect(fake.requests[1]!.fields).not.toContain('supervisorId');
  });

  it.each<UrlForm>(['subdomain', 'gateway'])('reads the same directory through the %s URL form as through the default one', async (form) => {
    const viaDefault = await readDirectory(bambooConnector(fake).connector, { today });
    const viaForm = await readDirectory(bambooConnector(fake, { form }).connector, { today });
    expect(viaForm.employees).toEqual(viaDefault.employees);
    expect(fake.requests.map((r) => r.form)).toEqual(['subdomain', 'subdomain', form, form]);
  });

  it('has nothing left to read after its one page, and refuses a cursor it did not make', async () => {
    const { pages } = await readDirectory(bambooConnector(fake).connector, { today, cursor: { scan: 0, pages: 1 } });
    expect(pages).toEqual([]);
    expect(fake.requests).toEqual([]);
    const error = await failure(readDirectory(bambooConnector(fake).connector, { today, cursor: { scan: 0, skip: 100, total: 5 } }));
    expect(error.code).toBe('invalid_request');
  });

  it('reads a suddenly empty directory as one empty page, for the guards to judge', async () => {
    fake.employees.splice(0);
    const { pages } = await readDirectory(bambooConnector(fake).connector, { today });
    expect(pages).toEqual([{ scan: 0, employees: [], cursor: { scan: 0, pages: 1 } }]);
  });

  it('names a record it cannot read by its position only', async () => {
    fake.employees.splice(3, 0, { ...fake.employees[0]!, id: '' });
    const error = await failure(readDirectory(bambooConnector(fake).connector, { today }));
    expect(error).toMatchObject({ code: 'invalid_response', message: 'BambooHR sent a record Roster cannot read (POST /reports/custom, employee 4)' });
  });
});

describe('an unreliable BambooHR', () => {
  it.each([429, 503] as const)('completes the read through %i with Retry-After, waiting exactly as told', async (status) => {
    fake.faults.throttle = { status, requests: 2, retryAfterSeconds: 2 };
    const { connector, waits } = bambooConnector(fake);
    expect((await readDirectory(connector, { today })).employees).toHaveLength(fake.employees.length);
    expect(waits).toEqual([2000, 2000]);
  });

  it('completes the read through occasional 5xx, backing off', async () => {
    fake.faults.serverErrors = { requests: 2, status: 502 };
    const { connector, waits } = bambooConnector(fake);
    expect((await readDirectory(connector, { today })).employees).toHaveLength(fake.employees.length);
    expect(fake.requests.map((r) => r.status)).toEqual([502, 502, 200, 200]);
    expect(waits).toHaveLength(2);
  });

  it('fails as transient when BambooHR answers slower than the timeout, and reads slow answers within it', async () => {
    fake.faults.delayMs = 300;
    const error = await failure(readDirectory(bambooConnector(fake, { http: { timeoutMs: 50, maxAttempts: 2 } }).connector, { today }));
    expect(error).toMatchObject({ code: 'transient', message: expect.stringMatching(/timed out after 50 ms/) });
    fake.faults.delayMs = 20;
    expect((await readDirectory(bambooConnector(fake).connector, { today })).employees).toHaveLength(fake.employees.length);
  });

  it('treats a key refused at read time as credentials_rejected or insufficient_scope', async () => {
    fake.apiKey = 'rotated';
    expect((await failure(readDirectory(bambooConnector(fake, { apiKey: 'bamboo-test-key' }).connector, { today }))).code).toBe('credentials_rejected');
    fake.apiKey = 'bamboo-test-key';
    fake.faults.refuse = { status: 403, reason: 'No permission to run custom reports' };
    expect((await failure(readDirectory(bambooConnector(fake).connector, { today }))).code).toBe('insufficient_scope');
  });
});

it('logs neither the key nor anyone’s data, and its errors carry none either', async () => {
  const logs: string[] = [];
  configureLogging({ sink: (line) => logs.push(line), level: 'debug' });
  fake.faults.throttle = { status: 503, requests: 1, retryAfterSeconds: 1 };
  const { connector, changes } = bambooConnector(fake);
  await readDirectory(connector, { today });
  await changes.readChangedSince({ today, since: await changes.watermark() });
  fake.faults.refuse = { status: 403, reason: 'User ana.active@acme.example is disabled' };
  const error = await failure(readDirectory(connector, { today }));
  expect(logs.some((line) => line.includes('"msg":"http retry"'))).toBe(true);
  for (const text of [...logs, error.message, JSON.stringify(error)]) {
    expect(text).not.toContain(fake.apiKey);
    expect(text).not.toContain(Buffer.from(`${fake.apiKey}:x`).toString('base64'));
    expect(text).not.toMatch(/@acme\.example|Ana|Iñaki|since=/);
  }
});

describe('the factory', () => {
  let db: Db;
  beforeAll(() => {
    db = createDb(inject('databaseUrl'));
  });
  afterAll(() => db.destroy());

  it('builds a BambooHR connector on the tenant’s subdomain, with incremental reads', async () => {
    const connector = createHrisConnector({ provider: 'bamboohr', subdomain: 'acme' }, fake.apiKey, { db, tenantId: 'acme', http: { fetch: fake.fetch } });
    await expect(connector.verify()).resolves.toEqual({ ok: true });
    expect(connector.changes).toBeDefined();
    const viaGateway = createHrisConnector({ provider: 'bamboohr', subdomain: 'acme', baseUrl: fake.gatewayUrl }, fake.apiKey, { db, tenantId: 'acme', http: { network: { allowPrivateUrls: true } } });
    await expect(viaGateway.verify()).resolves.toEqual({ ok: true });
    expect(fake.requests.map((r) => r.form)).toEqual(['subdomain', 'gateway']);
  });
});
