import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClientOptions } from '../../../activities/http/client';
import { ConnectorError } from '../../../activities/http/errors';
import { json, startScriptedServer, type ScriptedServer } from './scripted-server';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A clock that only moves when the client sleeps, and the waits it was asked for. */
function fakeClock(start = Date.UTC(2030, 0, 1)) {
  let now = start;
  const waits: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
    waits,
  };
}

/** The scripted server is on loopback, so these clients allow private addresses (network-policy.test.ts refuses them). */
function client(url: string, options: Partial<HttpClientOptions> = {}) {
  return createHttpClient({ baseUrl: url, service: 'Acme HR', headers: () => ({ authorization: 'Bearer secret-key' }), network: { allowPrivateUrls: true }, ...options });
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('Retry-After', () => {
  it('waits exactly as long as told, and the waits are not failed attempts', async () => {
    server = await startScriptedServer((_req, res, n) => (n < 3 ? json(res, 429, {}, { 'retry-after': '7' }) : json(res, 200, { ok: true })));
    const clock = fakeClock();
    // One failed attempt would already be too many: only the told waits may be retried.
    const answer = await client(server.url, { ...clock, maxAttempts: 1 }).request('GET', '/people');
    expect(answer).toMatchObject({ status: 200, body: { ok: true } });
    expect(clock.waits).toEqual([7000, 7000, 7000]);
    expect(server.requests).toHaveLength(4);
  });

  it('reads an HTTP date, and a 503 with Retry-After, the same way', async () => {
    const clock = fakeClock();
    const at = new Date(clock.now() + 5000).toUTCString();
    server = await startScriptedServer((_req, res, n) => (n === 0 ? json(res, 503, {}, { 'retry-after': at }) : json(res, 200, {})));
    await client(server.url, { ...clock, maxAttempts: 1 }).request('GET', '/people');
    expect(clock.waits).toEqual([5000]);
  });

  it('gives up at once, as rate_limited, when the wait would outlast the time budget', async () => {
    server = await startScriptedServer((_req, res) => json(res, 429, {}, { 'retry-after': '60' }));
    const clock = fakeClock();
    const error = await failure(client(server.url, { ...clock, budgetMs: 30_000 }).request('GET', '/people'));
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, details: { status: 429, retryAfterMs: 60_000 } });
    expect(clock.waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('keeps waiting while the budget allows, then stops', async () => {
    server = await startScriptedServer((_req, res) => json(res, 429, {}, { 'retry-after': '10' }));
    const clock = fakeClock();
    const error = await failure(client(server.url, { ...clock, budgetMs: 35_000 }).request('GET', '/people'));
    expect(error.code).toBe('rate_limited');
    expect(clock.waits).toEqual([10_000, 10_000, 10_000]);
    expect(server.requests).toHaveLength(4);
  });
});

describe('transient failures', () => {
  it('retries a 5xx with growing backoff, then fails as transient', async () => {
    server = await startScriptedServer((_req, res) => json(res, 502, { message: 'bad gateway' }));
    const clock = fakeClock();
    const error = await failure(client(server.url, { ...clock, maxAttempts: 4 }).request('GET', '/people'));
    expect(error).toMatchObject({ code: 'transient', retryable: true, details: { status: 502 } });
    expect(server.requests).toHaveLength(4);
    // Exponential from 250 ms with jitter between half and all of it.
    const [first, second, third] = clock.waits;
    expect(clock.waits).toHaveLength(3);
    expect(first).toBeGreaterThanOrEqual(125);
    expect(first).toBeLessThanOrEqual(250);
    expect(second).toBeGreaterThanOrEqual(250);
    expect(second).toBeLessThanOrEqual(500);
    expect(third).toBeGreaterThanOrEqual(500);
    expect(third).toBeLessThanOrEqual(1000);
  });

  it('answers once a retried 5xx recovers', async () => {
    server = await startScriptedServer((_req, res, n) => (n < 2 ? json(res, 500, {}) : json(res, 200, { data: [1] })));
    const clock = fakeClock();
    const answer = await client(server.url, clock).request('GET', '/people');
    expect(answer.body).toEqual({ data: [1] });
    expect(clock.waits).toHaveLength(2);
  });

  it('stops backing off when the time budget runs out', async () => {
    server = await startScriptedServer((_req, res) => json(res, 503, {}));
    const clock = fakeClock();
    const error = await failure(client(server.url, { ...clock, maxAttempts: 100, budgetMs: 2_000 }).request('GET', '/people'));
    expect(error.code).toBe('transient');
    expect(clock.waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2_000);
    expect(server.requests.length).toBeLessThan(10);
  });

  it('treats a request that times out as transient and retries it', async () => {
    server = await startScriptedServer((_req, res, n) => {
      if (n > 0) json(res, 200, { ok: true });
      // The first request never gets an answer.
    });
    const clock = fakeClock();
    const answer = await client(server.url, { ...clock, timeoutMs: 100 }).request('GET', '/people');
    expect(answer.body).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
  });

  it('treats a body that stalls half-way as a timeout, not an untyped failure', async () => {
    server = await startScriptedServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data": [');
    });
    const error = await failure(client(server.url, { ...fakeClock(), timeoutMs: 100, maxAttempts: 2 }).request('GET', '/people'));
    expect(error.code).toBe('transient');
    expect(error.message).toBe('Acme HR timed out after 100 ms (GET /api/people)');
    expect(server.requests).toHaveLength(2);
  });

  it('treats an unreachable service as transient', async () => {
    server = await startScriptedServer(() => {});
    const url = server.url;
    await server.close();
    server = undefined;
    const error = await failure(client(url, { ...fakeClock(), maxAttempts: 2 }).request('GET', '/people'));
    expect(error).toMatchObject({ code: 'transient', message: 'Acme HR could not be reached (GET /api/people)' });
  });
});

describe('answers that are not retried', () => {
  it.each([
    [401, 'credentials_rejected'],
    [403, 'credentials_rejected'],
    [404, 'not_found'],
    [409, 'conflict'],
    [422, 'invalid_request'],
  ] as const)('maps %i to %s at once', async (status, code) => {
    server = await startScriptedServer((_req, res) => json(res, status, { message: 'no' }));
    const error = await failure(client(server.url, fakeClock()).request('GET', '/me'));
    expect(error).toMatchObject({ code, retryable: false, details: { status } });
    expect(server.requests).toHaveLength(1);
  });

  it('hands a status the caller accepts back as an answer', async () => {
    server = await startScriptedServer((_req, res) => json(res, 404, { message: 'no such thing' }));
    const answer = await client(server.url, fakeClock()).request('GET', '/token-info', { accept: [404] });
    expect(answer).toMatchObject({ status: 404, body: { message: 'no such thing' } });
  });

  it('refuses JSON it cannot read as invalid_response', async () => {
    server = await startScriptedServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data": ['));
    const error = await failure(client(server.url, fakeClock()).request('GET', '/people'));
    expect(error.code).toBe('invalid_response');
  });
});

describe('what goes out and what comes back', () => {
  it('sends the headers, the query and a JSON body', async () => {
    let seen: { method?: string; url?: string; auth?: string; type?: string; body?: string } = {};
    server = await startScriptedServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen = { method: req.method, url: req.url, auth: req.headers.authorization, type: req.headers['content-type'], body };
        json(res, 201, { id: 'u1' });
      });
    });
    const answer = await client(server.url, fakeClock()).request('POST', '/Users', { query: { a: 1, b: undefined }, body: { userName: 'ana' } });
    expect(answer).toMatchObject({ status: 201, body: { id: 'u1' } });
    expect(seen).toEqual({ method: 'POST', url: '/api/Users?a=1', auth: 'Bearer secret-key', type: 'application/json', body: '{"userName":"ana"}' });
  });

  it('never puts the query string, which may hold people’s data, into an error message', async () => {
    server = await startScriptedServer((req, res, n) => (n === 0 ? json(res, 404, {}) : json(res, 503, {})));
    const query = { filter: 'userName eq "jane.doe@acme.example"', $skip: 100 };
    const http = client(server.url, { ...fakeClock(), maxAttempts: 1 });
    const messages = [(await failure(http.request('GET', '/Users', { query }))).message, (await failure(http.request('GET', '/Users', { query }))).message];
    expect(messages).toEqual(['Acme HR answered 404 to GET /api/Users', 'Acme HR answered 503 to GET /api/Users']);
    expect(server.requests[0]).toContain('jane.doe');
  });
});
