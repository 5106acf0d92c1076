// Humaans refusing the key or failing while Roster reads: a key without private:read or revoked
// mid-read, 429s, 5xx and slow pages, and what the connector's errors and logs may carry.
import { describe, expect, it } from 'vitest';
import { PUBLIC_SCOPE } from '../../fakes/humaans';
import { useHumaansFake } from '../../fakes/humaans-harness';
import { failure, firstPage, readDirectory } from './read-directory';

const today = '2030-06-15';
const h = useHumaansFake(today);

it('logs neither the key nor anyone’s data, and its errors carry none either', async () => {
  h.fake.faults = { rateLimit: { fraction: 0.2, retryAfterSeconds: 1 }, directoryMoves: 'once' };
  await readDirectory(h.connector(), { today });
  h.fake.faults = { serverErrors: { fraction: 1 } };
  const error = await failure(readDirectory(h.connector({ http: { maxAttempts: 2 } }), { today }));
  expect(h.logs.some((line) => line.includes('reading again from the start'))).toBe(true);
  expect(h.logs.some((line) => line.includes('"msg":"http retry"'))).toBe(true);
  for (const text of [...h.logs, error.message]) {
    expect(text).not.toContain(h.fake.token);
    expect(text).not.toMatch(/@acme\.example|Ana|Iñaki|\$skip|p-active/);
  }
});

describe('scopes', () => {
  it('refuses to read with a key lacking private:read, as partial_directory, before reading anyone', async () => {
    h.fake.scopes = [PUBLIC_SCOPE];
    const error = await failure(readDirectory(h.connector(), { today }));
    expect(error.code).toBe('partial_directory');
    expect(h.fake.calls('/people')).toHaveLength(0);
  });

  it('the fake hides new hires and leavers from such a key, which is why the read must refuse', async () => {
    h.fake.scopes = [PUBLIC_SCOPE];
    h.fake.tokenInfo = false;
    const { employees } = await readDirectory(h.connector(), { today });
    const ids = new Set(employees.map((e) => e.hrisId));
    expect(ids.has('p-future-hire')).toBe(false);
    expect(ids.has('p-past-leaver')).toBe(false);
    expect(ids.has('p-active')).toBe(true);
  });

  it('reads when Humaans does not say which scopes the key has', async () => {
    h.fake.tokenInfo = false;
    expect((await readDirectory(h.connector(), { today })).employees).toHaveLength(h.everyone());
  });

  it('treats a key revoked mid-read as credentials_rejected, and a forbidden one as insufficient_scope', async () => {
    const first = await firstPage(h.connector(), { today });
    h.fake.faults.status = 401;
    expect((await failure(readDirectory(h.connector(), { today, cursor: first.cursor }))).code).toBe('credentials_rejected');
    h.fake.faults.status = 403;
    expect((await failure(readDirectory(h.connector(), { today, cursor: first.cursor }))).code).toBe('insufficient_scope');
  });
});

describe('an unreliable Humaans', () => {
  it('completes the read through 429s, waiting exactly as told', async () => {
    h.fake.faults.rateLimit = { fraction: 0.3, retryAfterSeconds: 2 };
    const { employees } = await readDirectory(h.connector(), { today });
    expect(employees).toHaveLength(h.everyone());
    expect(h.waits.length).toBe(h.fake.requests.filter((r) => r.status === 429).length);
    expect(h.waits.length).toBeGreaterThan(0);
    expect(new Set(h.waits)).toEqual(new Set([2000]));
  });

  it('completes the read through occasional 5xx', async () => {
    h.fake.faults.serverErrors = { fraction: 0.2 };
    const { employees } = await readDirectory(h.connector(), { today });
    expect(employees).toHaveLength(h.everyone());
    expect(h.fake.requests.some((r) => r.status === 503)).toBe(true);
  });

  it('fails as transient when pages are slower than the timeout', async () => {
    h.fake.faults.delayMs = 300;
    const error = await failure(readDirectory(h.connector({ http: { timeoutMs: 50, maxAttempts: 2 } }), { today }));
    expect(error.code).toBe('transient');
    expect(error.message).toMatch(/timed out after 50 ms/);
  });

  it('reads slow pages that stay within the timeout', async () => {
    h.fake.faults.delayMs = 20;
    expect((await readDirectory(h.connector(), { today })).employees).toHaveLength(h.everyone());
  });
});
