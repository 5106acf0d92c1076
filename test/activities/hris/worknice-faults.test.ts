// Worknice refusing the key or failing while Roster reads: every fault mode of the fake, and what
// the connector's errors and logs may carry.
import { describe, expect, it } from 'vitest';
import { createWorkniceClient } from '../../../activities/hris/worknice/client';
import { keyRefusals } from '../../fakes/worknice';
import { useWorkniceFake } from '../../fakes/worknice-harness';
import { failure, readDirectory } from './read-directory';

const today = '2030-06-15';
const w = useWorkniceFake(today);

describe('a Worknice that refuses or fails', () => {
  it.each(keyRefusals)('treats a key revoked before the read (%s) as credentials_rejected', async (refusal) => {
    w.fake.refuseKeyAs = refusal;
    w.fake.token = 'rotated-token';
    const error = await failure(readDirectory(w.connector({ apiKey: 'worknice-test-token' }), { today }));
    expect(error.code).toBe('credentials_rejected');
  });

  it('waits out 429s and 503s exactly as told, without counting them as failed attempts', async () => {
    w.fake.faults.throttle = { requests: 6, retryAfterSeconds: 2, status: 503 };
    expect((await w.read({ http: { maxAttempts: 2 } })).size).toBe(w.fake.dataset.people.length);
    w.fake.faults.throttle = { requests: 3, retryAfterSeconds: 4 };
    expect((await w.read({ http: { maxAttempts: 2 } })).size).toBe(w.fake.dataset.people.length);
    expect(w.waits).toEqual([...Array(6).fill(2000), ...Array(3).fill(4000)]);
  });

  it('completes the read through occasional 5xx, and fails as transient when they persist', async () => {
    w.fake.faults.serverErrors = { requests: 2 };
    expect((await w.read()).size).toBe(w.fake.dataset.people.length);
    expect(w.fake.requests.map((r) => r.status)).toEqual([502, 502, 200]);
    w.fake.faults.serverErrors = { fraction: 1, status: 500 };
    expect(await failure(readDirectory(w.connector({ http: { maxAttempts: 3 } }), { today }))).toMatchObject({ code: 'transient', details: { status: 500 } });
  });

  it('fails on GraphQL errors beside a 200: transient for a server error, invalid_response for anything else', async () => {
    w.fake.faults.graphqlErrors = { requests: 1, code: 'INTERNAL_SERVER_ERROR' };
    expect(await failure(readDirectory(w.connector(), { today }))).toMatchObject({ code: 'transient', details: { status: 200, vendorCode: 'INTERNAL_SERVER_ERROR' } });
    w.fake.faults.graphqlErrors = { requests: 1, code: 'PERSISTED_QUERY_NOT_FOUND' };
    expect(await failure(readDirectory(w.connector(), { today }))).toMatchObject({ code: 'invalid_response', details: { vendorCode: 'PERSISTED_QUERY_NOT_FOUND' } });
  });

  it('never acts on an answer in which one field failed, and names only where', async () => {
    w.fake.faults.failingLocationAt = 3;
    const pages: unknown[] = [];
    const error = await failure(
      (async () => {
        for await (const page of w.connector().readDirectory({ today })) pages.push(page);
      })(),
    );
    expect(pages).toEqual([]);
    expect(error.code).toBe('transient');
    expect(error.message).toBe('Worknice answered 200 to POST /api/graphql (RosterPeople) with GraphQL errors (INTERNAL_SERVER_ERROR) at session.org.people.3.location');
  });

  it('refuses a person it cannot read as invalid_response, naming the position only', async () => {
    w.fake.faults.missingIdAt = 4;
    const error = await failure(readDirectory(w.connector(), { today }));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toBe(`Worknice sent a person Roster cannot read (RosterPeople, person 5 of ${w.fake.dataset.people.length})`);
  });

  it('reads a query Worknice refuses with 400 and GraphQL errors as invalid_response', async () => {
    const client = createWorkniceClient(w.fake.token, w.fake.url, w.clock());
    const error = await failure(client.run({ name: 'Typo', query: '{ session { org { people { id archived } } } }', variables: {} }));
    expect(error).toMatchObject({ code: 'invalid_response', details: { status: 400, vendorCode: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(error.message).not.toContain('archived');
  });

  it('fails as transient when the answer is slower than the timeout, and reads slow answers within it', async () => {
    w.fake.faults.delayMs = 300;
    const error = await failure(readDirectory(w.connector({ http: { timeoutMs: 50, maxAttempts: 2 } }), { today }));
    expect(error).toMatchObject({ code: 'transient', message: 'Worknice timed out after 50 ms (POST /api/graphql)' });
    w.fake.faults.delayMs = 20;
    expect((await w.read()).size).toBe(w.fake.dataset.people.length);
  });
});

it('logs neither the key nor anyone’s data, and its errors carry none either', async () => {
  w.fake.faults = { throttle: { requests: 2, retryAfterSeconds: 1 }, serverErrors: { requests: 1 } };
  await readDirectory(w.connector(), { today });
  const errors: Error[] = [];
  w.fake.faults = { failingLocationAt: 0 };
  errors.push(await failure(readDirectory(w.connector(), { today })));
  w.fake.refuseKeyAs = 'graphql-message';
  errors.push(await failure(readDirectory(w.connector({ apiKey: 'wrong-key' }), { today })));
  expect(w.logs.some((line) => line.includes('"msg":"http retry"'))).toBe(true);
  for (const text of [...w.logs, ...errors.map((e) => e.message)]) {
    expect(text).not.toContain(w.fake.token);
    expect(text).not.toMatch(/wrong-key|@acme\.example|Olivia|Ana|Iñaki|w-ceo|w-active|location\.|Invalid API token/);
  }
});
