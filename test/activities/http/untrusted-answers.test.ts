// What the one HTTP layer does with answers it must not trust, on real sockets: a redirect is
// refused and never followed, an answer past the size ceiling is cut off with its connection, and
// a body that keeps trickling is stopped at the request's timeout.
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClientOptions } from '../../../activities/http/client';
import { failure } from '../hris/read-directory';
import { closed, json, startScriptedServer, type ScriptedServer } from './scripted-server';

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(answer: Parameters<typeof startScriptedServer>[0]) {
  const server = await startScriptedServer(answer);
  servers.push(server);
  return server;
}

/** Both servers are on loopback: these clients allow it, so only the rule under test refuses. */
function client(url: string, options: Partial<HttpClientOptions> = {}) {
  return createHttpClient({ baseUrl: url, service: 'Acme HR', headers: () => ({ authorization: 'Bearer secret-key' }), network: { allowPrivateUrls: true }, ...options });
}

/** Writes `chunk` for as long as the other side reads, and counts what it wrote. */
function endlessBody(res: ServerResponse, headers: Record<string, string> = {}) {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const sent = { bytes: 0 };
  res.writeHead(200, { 'content-type': 'application/json', ...headers });
  const write = () => {
    while (!res.destroyed && res.write(chunk)) sent.bytes += chunk.length;
  };
  res.on('drain', write);
  write();
  return sent;
}

describe('redirects', () => {
  it.each([301, 302, 303, 307, 308])('refuses a %i, names where it pointed, and never follows it', async (status) => {
    const elsewhere = await serve((_req, res) => json(res, 200, { stolen: true }));
    const origin = await serve((_req, res) => res.writeHead(status, { location: `${elsewhere.origin}/collect?from=roster` }).end());
    const error = await failure(client(origin.url).request('POST', '/people', { body: { a: 1 } }));
    expect(error).toMatchObject({ code: 'misconfigured', retryable: false, details: { status } });
    expect(error.message).toBe(
      `Acme HR answered ${status} to POST /api/people, redirecting to 127.0.0.1:${elsewhere.port}: Roster does not follow redirects, so that a key only ever goes to the address support entered. Set the base URL to the address it redirects to`,
    );
    expect(origin.requests).toHaveLength(1);
    expect(elsewhere.connections).toHaveLength(0);
  });

  it('says so when the redirect does not say where', async () => {
    const origin = await serve((_req, res) => res.writeHead(302).end());
    const error = await failure(client(origin.url).request('GET', '/people'));
    expect(error.message).toContain('answered 302 to GET /api/people, redirecting to an address it did not give');
  });
});

describe('the size of an answer', () => {
  it('cuts an endless answer off at the ceiling, drops its connection and does not retry', async () => {
    let sent = { bytes: 0 };
    const server = await serve((_req, res) => (sent = endlessBody(res)));
    const started = Date.now();
    const error = await failure(client(server.url, { maxAnswerBytes: 2 ** 20 }).request('GET', '/people'));
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
    expect(error.message).toBe("Acme HR's answer to GET /api/people is larger than 1 MB, the most Roster reads in one answer");
    await closed(server.connections[0]!);
    expect(server.requests).toHaveLength(1);
    // Read no further than the ceiling plus what the sockets buffer.
    expect(sent.bytes).toBeLessThan(16 * 2 ** 20);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses a declared 1 GB answer before reading it, at the default ceiling', async () => {
    let sent = { bytes: 0 };
    const server = await serve((_req, res) => (sent = endlessBody(res, { 'content-length': String(2 ** 30) })));
    const error = await failure(client(server.url).request('GET', '/people'));
    expect(error).toMatchObject({ code: 'invalid_response', message: "Acme HR's answer to GET /api/people is larger than 256 MB, the most Roster reads in one answer" });
    await closed(server.connections[0]!);
    expect(sent.bytes).toBeLessThan(16 * 2 ** 20);
  });

  it('reads an answer of exactly the ceiling whole', async () => {
    const body = JSON.stringify({ data: 'x'.repeat(1000) });
    const server = await serve((_req, res) => json(res, 200, JSON.parse(body)));
    const answer = await client(server.url, { maxAnswerBytes: Buffer.byteLength(body) }).request('GET', '/people');
    expect(answer.body).toEqual(JSON.parse(body));
  });
});

describe('the time of an answer', () => {
  it('stops a body that keeps trickling at the request timeout, body included', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write(' ')), 10);
    });
    const started = Date.now();
    const error = await failure(client(server.url, { timeoutMs: 300, maxAttempts: 1 }).request('GET', '/people'));
    expect(error).toMatchObject({ code: 'transient', message: 'Acme HR timed out after 300 ms (GET /api/people)' });
    expect(Date.now() - started).toBeLessThan(2_000);
    await closed(server.connections[0]!);
  });
});
